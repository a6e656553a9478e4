import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
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
  /** Sockets kept per host. Default 64. */
  maxSockets?: number;
}

/**
 * Creates the client used for every upstream call: keep-alive connection pools (TLS and TCP
 * handshakes are the most expensive part of a call), a hard timeout, JSON parsing. It never
 * retries: a failed write must not be repeated behind the caller's back.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    scheduling: "lifo" as const,
  };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const isHttps = request.url.protocol === "https:";
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body !== undefined) headers["Content-Length"] = Buffer.byteLength(request.body);
      const req = (isHttps ? https : http).request(
        request.url,
        { method: request.method, headers, agent: isHttps ? agents["https:"] : agents["http:"] },
        (res) => {
          const chunks: Buffer[] = [];
          const limit = request.maxBodyBytes ?? Infinity;
          let size = 0;
          let refused = false;
          const refuse = () => {
            refused = true;
            clearTimeout(timer);
            reject(new UpstreamBodyTooLargeError(res.statusCode ?? 0, limit));
            req.destroy();
          };
          if (Number(res.headers["content-length"]) > limit) return refuse();
          res.on("data", (c: Buffer) => {
            if (refused) return;
            size += c.length;
            if (size > limit) return refuse();
            chunks.push(c);
          });
          res.on("error", (e) => reject(unavailable(request, e)));
          res.on("end", () => {
            clearTimeout(timer);
            const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: parseBody(buf),
              bytes: buf.length,
            });
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy(
          new UpstreamError(
            "upstream_unavailable",
            0,
            `PagerDuty did not answer within ${request.timeoutMs} ms`,
          ),
        );
      }, request.timeoutMs);
      req.on("error", (e) => {
        clearTimeout(timer);
        reject(e instanceof UpstreamError ? e : unavailable(request, e));
      });
      req.end(request.body);
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
