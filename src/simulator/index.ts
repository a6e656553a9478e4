import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";
import express, { type NextFunction, type Request, type Response } from "express";
import { requireAuth, type IssuedTokens } from "./auth.js";
import type { SimContext } from "./context.js";
import { invalidInput, sendError } from "./errors.js";
import { createFaults, type Fault } from "./faults.js";
import { createIdGenerator } from "./ids.js";
import { expireSnoozes } from "./incident-actions.js";
import { oauthToken } from "./oauth-token.js";
import { rateLimitHeaders } from "./rate-limit-headers.js";
import { recordRequests, type RecordedRequest } from "./record-request.js";
import { eventsApiRoutes } from "./routes/events-api.js";
import { apiRoutes } from "./routes/index.js";
import { seed } from "./seed/index.js";
import { emptyState, type SimulatorState } from "./state.js";

export type { Fault } from "./faults.js";
export { routingKeyOf } from "./routes/events-api.js";

export { SIMULATED_HOSTS } from "./hosts.js";
export type { RecordedRequest } from "./record-request.js";
export type * from "./state.js";

/** Options of {@link createSimulator}. */
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

/** A running-in-memory PagerDuty. */
export interface Simulator {
  /** Node request listener (an express app). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The in-memory state, readable by tests (see {@link SimulatorState}). */
  state: SimulatorState;
  /** Every request received, in order (including ones answered by faults or 401s). */
  requests: RecordedRequest[];
  /** The next `times` requests (excluding POST /oauth/token) answer with this fault instead of normal handling. */
  fault(f: Fault): void;
  /** Add artificial latency (ms) to every response. 0 = none. */
  setLatency(ms: number): void;
  /** Listen on 127.0.0.1 (port 0 = random). Resolves with base URL like http://127.0.0.1:PORT and a close(). */
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * An embedded, stateful, in-memory PagerDuty REST API v2: PagerDuty's paths, envelopes, classic
 * and cursor pagination, From-header rule, error bodies and rate-limit headers, over seeded demo
 * data (see src/simulator/seed). Used by `npm start` without credentials and by the tests.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const now = options.now ?? (() => new Date());
  const ctx: SimContext = { state: emptyState(), now, newId: createIdGenerator() };
  if (options.seed !== false) seed(ctx);
  const requests: RecordedRequest[] = [];
  const faults = createFaults();
  const tokens: IssuedTokens = new Map();
  const recorder = recordRequests(requests);
  let latency = 0;

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  // Keys stay literal (`statuses[]`) and values are strings or string arrays, as sent.
  app.set("query parser", (text: string) => parseQuery(text));
  app.use(recorder.recordArrival);
  // PagerDuty reads JSON whatever the content type says; forms are for /oauth/token.
  app.use(
    express.json({
      limit: "1mb",
      type: (req) => !String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded"),
    }),
  );
  app.use(express.urlencoded({ extended: false }));
  app.use(recorder.recordBody);
  app.use(rateLimitHeaders(now));
  app.use((_req, _res, next) => (latency > 0 ? setTimeout(next, latency) : next()));
  app.post(
    "/oauth/token",
    oauthToken({
      clients: options.oauthClients ?? {},
      ttlSeconds: options.oauthTokenTtlSeconds ?? 3600,
      tokens,
      now,
    }),
  );
  app.use(faults.middleware);
  // The Events API takes no credentials: its routing_key names the service.
  app.use(eventsApiRoutes(ctx));
  app.use(requireAuth({ apiToken: options.apiToken, tokens, now }));
  app.use((_req, _res, next) => {
    expireSnoozes(ctx, now().getTime());
    next();
  });
  app.use(apiRoutes(ctx));
  // PagerDuty's 404, saying which operation the stand-in lacks (generated tools reach it too).
  app.use((req: Request, res: Response) =>
    sendError(res, 404, "Not Found", 2100, [
      `The PagerDuty simulator does not implement ${req.method} ${req.path}; a real PagerDuty account answers it.`,
    ]),
  );
  app.use((err: Error & { type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === "entity.parse.failed")
      return invalidInput(res, ["The request body is not valid JSON."]);
    if (err.type === "entity.too.large")
      return sendError(res, 413, "Request Entity Too Large", 2001);
    sendError(res, 500, "Internal Server Error", 2000);
  });

  return {
    handler: app,
    state: ctx.state,
    requests,
    fault: (f) => faults.add(f),
    setLatency(ms) {
      latency = Math.max(0, ms);
    },
    async listen(port = 0, host = "127.0.0.1") {
      const server = http.createServer(app);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
      });
      return {
        url: `http://${host}:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  };
}
