import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { oauthToken, requireAuth, type AccessTokens } from "./auth.js";
import type { SimContext } from "./context.js";
import { notFound, sendError } from "./errors.js";
import { directoryRoutes } from "./routes/directory.js";
import { incidentRecordRoutes } from "./routes/incident-records.js";
import { incidentRoutes } from "./routes/incidents.js";
import { operationsRoutes } from "./routes/operations.js";
import { scheduleRoutes } from "./routes/schedules.js";
import { seed } from "./seed.js";
import { emptyState, type SimulatorState } from "./state.js";

export type { SimulatorState } from "./state.js";

export interface SimulatorOptions {
  /** Seed realistic demo data. Default true. */
  seed?: boolean;
  /** If set, `Authorization: Token token=<apiToken>` must match exactly; otherwise any non-empty token is accepted. */
  apiToken?: string;
  /** OAuth client credentials accepted by POST /oauth/token: client_id -> client_secret. Default {}. */
  oauthClients?: Record<string, string>;
  /** Lifetime of issued OAuth access tokens in seconds. Default 3600. */
  oauthTokenTtlSeconds?: number;
  /** Clock, for tests. Default () => new Date(). */
  now?: () => Date;
}

/** One request as the simulator received it. Header names are lowercase. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  rawQuery: string;
  headers: Record<string, string>;
  body: unknown;
}

/** An answer forced on the next requests instead of normal handling. */
export interface Fault {
  status: number;
  /** How many requests it answers. Default 1. */
  times?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering. With status 0, the socket is then destroyed (no answer). */
  delayMs?: number;
}

export interface Simulator {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  state: SimulatorState;
  requests: RecordedRequest[];
  fault(f: Fault): void;
  setLatency(ms: number): void;
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>;
}

const RATE_LIMIT = 960;

/**
 * An embedded, stateful, in-memory PagerDuty REST API v2: PagerDuty's paths, envelopes, paging,
 * From-header rule, error bodies and rate-limit headers, with seeded demo data. Used by
 * `npm start` without credentials and by the tests.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = options.now ?? (() => new Date());
  const state = emptyState();
  const ctx: SimContext = { state, now };
  if (options.seed !== false) seed(ctx);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const tokens: AccessTokens = new Map();
  let latency = 0;
  let windowStart = now().getTime();
  let used = 0;

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "extended");
  // PagerDuty reads JSON bodies whatever the content type says; forms are only for /oauth/token.
  app.use(
    express.json({
      limit: "1mb",
      type: (req) => !String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded"),
    }),
  );
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    requests.push({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, string | string[]>,
      rawQuery: req.originalUrl.includes("?")
        ? req.originalUrl.slice(req.originalUrl.indexOf("?") + 1)
        : "",
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(", ") : (v ?? ""),
        ]),
      ),
      body: req.body,
    });
    const t = now().getTime();
    if (t - windowStart >= 60_000) {
      windowStart = t;
      used = 0;
    }
    used++;
    const reset = Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000));
    res.setHeader("ratelimit-limit", String(RATE_LIMIT));
    res.setHeader("ratelimit-remaining", String(Math.max(0, RATE_LIMIT - used)));
    res.setHeader("ratelimit-reset", String(reset));
    const go = () =>
      req.path === "/oauth/token" ? next() : applyFault(req, res, next, faults, reset);
    if (latency > 0) setTimeout(go, latency);
    else go();
  });
  app.post(
    "/oauth/token",
    oauthToken({
      clients: options.oauthClients ?? {},
      ttlSeconds: options.oauthTokenTtlSeconds ?? 3600,
      tokens,
      now,
    }),
  );
  app.use(requireAuth({ apiToken: options.apiToken, tokens, now }));
  app.use(incidentRoutes(ctx));
  app.use(incidentRecordRoutes(ctx));
  app.use(directoryRoutes(ctx));
  app.use(scheduleRoutes(ctx));
  app.use(operationsRoutes(ctx));
  app.use((_req: Request, res: Response) => notFound(res));
  app.use((err: Error & { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === "entity.parse.failed")
      return sendError(res, 400, "Invalid Input Provided", 2001, [
        "The request body is not valid JSON.",
      ]);
    sendError(res, 500, "Internal Server Error", 2000);
  });

  return {
    handler: app,
    state,
    requests,
    fault(f) {
      for (let i = 0; i < (f.times ?? 1); i++) faults.push(f);
    },
    setLatency(ms) {
      latency = ms;
    },
    async listen(port = 0, host = "127.0.0.1") {
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      return {
        url: `http://${host}:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
  };
}

function applyFault(
  req: Request,
  res: Response,
  next: NextFunction,
  faults: Fault[],
  reset: number,
): void {
  const f = faults.shift();
  if (!f) return next();
  const answer = () => {
    if (f.status === 0) {
      req.socket.destroy();
      return;
    }
    if (f.status === 429) {
      res.setHeader("ratelimit-remaining", "0");
      res.setHeader("ratelimit-reset", String(reset));
    }
    for (const [k, v] of Object.entries(f.headers ?? {})) res.setHeader(k, v);
    const body =
      f.body ??
      (f.status === 429
        ? { error: { message: "Rate Limit Exceeded", code: 2020 } }
        : { error: { message: f.status >= 500 ? "Internal Server Error" : "Error", code: 2000 } });
    res.status(f.status).json(body);
  };
  if (f.delayMs) setTimeout(answer, f.delayMs);
  else answer();
}
