import type { ConfigProblem } from "../errors.js";
import type { LoadedHost } from "./snapshot.js";
import type { IntegrationFile } from "./types/integration.js";

const BASE_URL = /^https?:\/\/[^\s]+$/;

/**
 * Resolves the named hosts of an integration (second pass): every region of the integration has
 * a base URL, and a set override variable holds an http(s) URL. The variable's value is never
 * quoted in a problem: a URL can carry credentials.
 */
export function loadHosts(
  config: IntegrationFile,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): { hosts: Map<string, LoadedHost>; problems: ConfigProblem[] } {
  const hosts = new Map<string, LoadedHost>();
  const problems: ConfigProblem[] = [];
  for (const [name, host] of Object.entries(config.hosts ?? {})) {
    const pointer = `/hosts/${name}`;
    const missing = Object.keys(config.regions).filter((r) => !(r in host.regions));
    if (missing.length > 0)
      problems.push({
        file,
        pointer: `${pointer}/regions`,
        message: `must have a base URL for every region of the integration: add ${missing.join(", ")}`,
      });
    const override = host.base_url_env ? env[host.base_url_env] : undefined;
    if (override !== undefined && override !== "" && !BASE_URL.test(override))
      problems.push({
        file,
        pointer: `${pointer}/base_url_env`,
        message: `names ${host.base_url_env}, which is set but is not an http(s) URL: fix or unset it`,
      });
    hosts.set(name, {
      name,
      regions: host.regions,
      baseUrlOverride: override ? override.replace(/\/+$/, "") : undefined,
      auth: host.auth,
      defaultHeaders: host.default_headers,
    });
  }
  return { hosts, problems };
}
