import { EventEmitter } from "node:events";
import type { IncomingHttpHeaders } from "node:http";
import type { Agent } from "undici";
import { UpstreamBodyTooLargeError, UpstreamError } from "../errors.js";

/** One HTTP request to an upstream API. */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Already-serialized body. */
  body?: string;
  timeoutMs: number;
  /**
   * Largest response body to read, in bytes. Past it (or when Content-Length announces more) the
   * read stops, the connection is closed and the call fails with UpstreamBodyTooLargeError.
   * Default: no limit. Any client implementation must keep this contract.
   */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined for an empty body; the raw text when it is not JSON. */
  body: unknown;
  /** Size of the body in bytes, for metrics and benchmarks. */
  bytes: number;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** Options of the upstream HTTP client. */
export interface HttpClientOptions {
  /** Connections kept per origin. Default 64. */
  maxSockets?: number;
  /**
   * Requests sent on one connection before the first answer comes back (HTTP/1.1 pipelining).
   * Default 1, none: see bench/README.md for what pipelining measured, and a slow answer would
   * hold up the ones queued behind it.
   */
  pipelining?: number;
}

/**
 * Creates the client used for every upstream call, on undici (less CPU per call than node:http,
 * measured in bench/README.md): keep-alive connection pools per origin (TLS and TCP handshakes
 * are the most expensive part of a call), a hard timeout on the whole exchange, a cap on the body
 * enforced while reading, JSON parsing. It never retries: a failed write must not be repeated
 * behind the caller's back.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  let agent: Agent | undefined;
  // Loaded before `agent` is looked at: calls that wait for undici together share one Agent.
  const createAgent = async () => {
    const { Agent } = await loadUndici();
    return (agent ??= new Agent({
      connections: options.maxSockets ?? 64,
      pipelining: options.pipelining ?? 1,
      // The one timer below bounds the whole exchange (headers and body); undici's own two timers
      // per request would only repeat it, with longer defaults.
      headersTimeout: 0,
      bodyTimeout: 0,
    }));
  };

  return async (request) => {
    // undici takes an EventEmitter as the abort signal: much cheaper to make per call than an
    // AbortController (measured in bench/README.md), and it aborts the same way.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.emit("abort");
    }, request.timeoutMs);
    try {
      const res = await (agent ?? (await createAgent())).request({
        origin: request.url.origin,
        path: request.url.pathname + request.url.search,
        method: request.method as "GET",
        headers: request.headers,
        body: request.body,
        signal: abort,
      });
      const limit = request.maxBodyBytes ?? Infinity;
      const buf = await readBody(res.body, limit, res.statusCode, res.headers["content-length"]);
      return {
        status: res.statusCode,
        headers: res.headers as IncomingHttpHeaders,
        body: parseBody(buf),
        bytes: buf.length,
      };
    } catch (e) {
      if (timedOut)
        throw new UpstreamError(
          "upstream_unavailable",
          0,
          `PagerDuty did not answer within ${request.timeoutMs} ms`,
        );
      if (e instanceof UpstreamError) throw e;
      throw unavailable(request, e as Error);
    } finally {
      clearTimeout(timer);
    }
  };
}

let undici: Promise<typeof import("undici")> | undefined;

/**
 * Loads undici, once. Importing it costs more than anything else at start-up (~0.15 s of CPU), and
 * no upstream call happens before the service listens: the first call loads it, or
 * `preloadHttpClient()` does while the service waits for its first request.
 */
function loadUndici(): Promise<typeof import("undici")> {
  return (undici ??= import("undici"));
}

/** Loads the upstream client's library in the background (call it once the service listens). */
export function preloadHttpClient(): void {
  loadUndici().catch(() => {
    // The first call reports the failure with its context.
    undici = undefined;
  });
}

/** Reads a response body, refusing it (and closing the connection) past `limit` bytes. */
function readBody(
  body: NodeJS.ReadableStream & { destroy(error?: Error): void },
  limit: number,
  status: number,
  contentLength: string | string[] | undefined,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let refused = false;
    const refuse = () => {
      if (refused) return;
      refused = true;
      const error = new UpstreamBodyTooLargeError(status, limit);
      reject(error);
      // Destroying the body aborts the exchange: undici closes the connection, nothing more is read.
      body.destroy(error);
    };
    if (Number(contentLength) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    body.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) return refuse();
      chunks.push(c);
    });
    body.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    body.on("error", reject);
  });
}

function parseBody(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  const text = buf.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unavailable(request: HttpRequest, cause: Error): UpstreamError {
  return new UpstreamError(
    "upstream_unavailable",
    0,
    `Could not reach PagerDuty at ${request.url.host}: ${cause.message}`,
    { cause },
  );
}
