import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { JSON_RPC, sendJsonRpcError } from "./json-rpc-error.js";

/** What a drain achieved, for the one shutdown log line. */
export interface DrainReport {
  /** Requests in flight when the drain began that finished within the grace period. */
  drained: number;
  /** Requests still running when the grace period ran out (their connections are closed). */
  cut: number;
  /** Requests refused with 503 while draining. */
  refused: number;
  ms: number;
}

/** Seconds a refused caller is told to wait: another replica, or this one restarted, answers. */
export const DRAIN_RETRY_AFTER_SECONDS = 5;

/**
 * Wraps a request listener so the service can stop without cutting calls in flight: after
 * `drain()` begins, new requests (on connections kept alive) answer 503 with Retry-After and
 * `Connection: close`, while those already running finish, up to the grace period.
 */
export function createDrain(listener: RequestListener) {
  const running = new Set<ServerResponse>();
  let draining = false;
  let refused = 0;
  let settled: (() => void) | undefined;

  const handle: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (draining) {
      refused += 1;
      req.resume();
      return refuse(req, res);
    }
    running.add(res);
    res.once("close", () => {
      running.delete(res);
      if (running.size === 0) settled?.();
    });
    listener(req, res);
  };

  /** Refuses new requests from now on and waits for those in flight, at most `graceMs`. */
  const drain = async (graceMs: number): Promise<DrainReport> => {
    const started = performance.now();
    draining = true;
    const atStart = running.size;
    if (running.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        settled = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return {
      drained: atStart - running.size,
      cut: running.size,
      refused,
      ms: Math.round(performance.now() - started),
    };
  };

  return { handle, drain };
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  const message = `The service is shutting down: retry in ${DRAIN_RETRY_AFTER_SECONDS} seconds.`;
  const headers = { "Retry-After": String(DRAIN_RETRY_AFTER_SECONDS), Connection: "close" };
  // Every error on /mcp is JSON-RPC shaped; the other routes use the admin error shape.
  if ((req.url ?? "").startsWith("/mcp/"))
    return sendJsonRpcError(res, 503, JSON_RPC.serverError, message, { headers });
  const body = JSON.stringify({ error: { code: "unavailable", message } });
  res.writeHead(503, { "Content-Type": "application/json", ...headers }).end(body);
}
