/**
 * Who the client is, carried statelessly: initialize's clientInfo is encoded into the
 * Mcp-Session-Id header, which clients send back on every later request. Nothing is stored on
 * the server, so any replica can read it; it is not a secret and not trusted for anything but logs.
 */
export interface ClientInfo {
  name: string;
  version: string;
}

const MAX = 64;

export function encodeClientInfo(info: ClientInfo): string {
  const clean = (s: unknown) =>
    String(s ?? "")
      .replace(/[^\x20-\x7e]/g, "")
      .slice(0, MAX);
  return `c1.${Buffer.from(JSON.stringify({ n: clean(info.name), v: clean(info.version) })).toString("base64url")}`;
}

export function decodeClientInfo(sessionId: string | string[] | undefined): ClientInfo | undefined {
  if (typeof sessionId !== "string" || !sessionId.startsWith("c1.") || sessionId.length > 400)
    return undefined;
  try {
    const { n, v } = JSON.parse(Buffer.from(sessionId.slice(3), "base64url").toString("utf8")) as {
      n?: unknown;
      v?: unknown;
    };
    return typeof n === "string" && typeof v === "string" ? { name: n, version: v } : undefined;
  } catch {
    return undefined;
  }
}
