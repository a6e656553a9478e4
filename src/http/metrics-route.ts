import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";
import { LOCAL_HOSTS } from "./origin-check.js";

/** Options of the /metrics handler. */
export interface MetricsRouteOptions {
  /** The process's metrics (loaded lazily). */
  metrics: () => Promise<Metrics>;
  /** METRICS_TOKEN: when set, a request must send `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * Without a token, answer only requests from this machine: a loopback peer that named a local
   * Host (so nothing that came through a proxy under a public name). Default true; false on the
   * METRICS_PORT listener, which is private by where it is bound.
   */
  localOnly?: boolean;
}

const LOCAL = new Set(LOCAL_HOSTS);
const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * GET /metrics in Prometheus' text format, guarded as the options say. A refusal is a JSON 401/403
 * that says which variable opens the endpoint.
 */
export function createMetricsRoute(
  options: MetricsRouteOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const expected = options.token === undefined ? undefined : digest(options.token);
  const localOnly = options.localOnly ?? true;
  return (req, res) => {
    const refusal = expected ? checkToken(req, expected) : localOnly ? checkLocal(req) : undefined;
    if (refusal) {
      if (refusal.status === 401)
        res.setHeader("WWW-Authenticate", 'Bearer realm="pd-mcp-metrics"');
      res.writeHead(refusal.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
      return;
    }
    options
      .metrics()
      .then(async ({ registry }) => {
        const text = await registry.metrics();
        res.writeHead(200, { "Content-Type": registry.contentType }).end(text);
      })
      .catch(() => {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end('{"error":{"code":"internal","message":"Metrics could not be collected."}}');
      });
  };
}

interface Refusal {
  status: 401 | 403;
  code: string;
  message: string;
}

function checkToken(req: IncomingMessage, expected: Buffer): Refusal | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (match && timingSafeEqual(digest(match[1]), expected)) return undefined;
  return {
    status: 401,
    code: "unauthorized",
    message: "/metrics requires Authorization: Bearer <METRICS_TOKEN>.",
  };
}

function checkLocal(req: IncomingMessage): Refusal | undefined {
  const host = (req.headers.host ?? "").toLowerCase().replace(/:\d+$/, "");
  if (LOCAL.has(host) && LOOPBACK.test(req.socket.remoteAddress ?? "")) return undefined;
  return {
    status: 403,
    code: "forbidden",
    message:
      "/metrics answers requests from this machine only: set METRICS_PORT to serve it on its own port, or METRICS_TOKEN to require a bearer token.",
  };
}

/** Fixed-length digests, so the comparison takes the same time whatever the token's length. */
function digest(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}
