import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Hosts always allowed: the machine itself. */
export const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]", "::1"];

/**
 * DNS-rebinding protection: a request's Host, and its Origin when a browser sent one, must name
 * an allowed host (localhost, PUBLIC_URL's host, ALLOWED_HOSTS) or be an IP address. Ports are
 * not compared.
 * Returns the refusal message, or undefined to let the request in.
 */
export function createOriginCheck(allowed: string[]): (req: IncomingMessage) => string | undefined {
  const hosts = new Set([...LOCAL_HOSTS, ...allowed.map((h) => h.toLowerCase())]);
  return (req) => {
    const host = hostnameOf(req.headers.host);
    if (!host || !(hosts.has(host) || isIpLiteral(host))) {
      return `Host "${req.headers.host ?? ""}" is not allowed: set PUBLIC_URL or ALLOWED_HOSTS to the name clients use.`;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== "null") {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).hostname.toLowerCase();
      } catch {
        originHost = undefined;
      }
      if (!originHost || !hosts.has(originHost)) return `Origin "${origin}" is not allowed.`;
    }
    return undefined;
  };
}

/**
 * An IP address, not a name: DNS rebinding needs a name the attacker controls, so a Host that is
 * an address (a health probe or a proxy reaching the pod by IP) is no rebinding.
 */
function isIpLiteral(host: string): boolean {
  return isIP(host.startsWith("[") ? host.slice(1, -1) : host) !== 0;
}

/** The hostname of a Host header (without port; IPv6 keeps its brackets). */
function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.indexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
}

/** The allow-list from settings: PUBLIC_URL's host plus ALLOWED_HOSTS. */
export function allowedHostsFrom(publicUrl: string | undefined, extra: string[]): string[] {
  const hosts = [...extra];
  if (publicUrl) hosts.push(new URL(publicUrl).hostname.toLowerCase());
  return hosts;
}
