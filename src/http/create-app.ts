import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Express, NextFunction, Request, Response } from "express";
import type { ConfigStore } from "../config/config-store.js";
import { createMemoryGuardrails, type GuardrailRuntime } from "../guardrails/runtime.js";
import { createEndpointCache } from "../mcp/endpoint-cache.js";
import { createCredentials, type Credentials } from "../upstream/credentials.js";
import { createHttpClient, type HttpClient } from "../upstream/http-client.js";
import { createMcpHandler, type ApiTokenVerifier, type ToolCallEvent } from "./mcp-handler.js";
import { BAD_URL, isBadUrl } from "./admin-errors.js";
import { JSON_RPC, sendJsonRpcError } from "./json-rpc-error.js";
import { rejectedFiles } from "../errors.js";

/** Options of the HTTP application. */
export interface AppOptions {
  store: ConfigStore;
  /** Upstream HTTP client. Default: a keep-alive client. */
  http?: HttpClient;
  /** Credential provider. Default: one built on `http`. */
  credentials?: Credentials;
  apiTokens?: ApiTokenVerifier;
  /** Budgets store, confirmation codes and audit. Default: in memory, audit not kept. */
  guardrails?: GuardrailRuntime;
  /** Refuses foreign Host/Origin headers; undefined allows all (tests). */
  checkOrigin?: (req: IncomingMessage) => string | undefined;
  /** Largest /mcp body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Most messages in one /mcp batch (MCP_MAX_BATCH). Default 20. */
  maxBatch?: number;
  /** Most tool calls of one batch running at once (MCP_BATCH_CONCURRENCY). Default 4. */
  batchConcurrency?: number;
  onToolCall?: (event: ToolCallEvent) => void;
  /** Adds routes (admin API, metrics) to the express app before the 404 handler. */
  extend?: (app: Express) => unknown;
  now?: () => number;
}

const MCP_PREFIX = "/mcp/";

/**
 * Builds the request listener: /mcp/<token> is served on a direct path (it is the hot path and
 * needs nothing express offers); everything else (health, metrics, admin API) goes to express.
 */
export function createApp(options: AppOptions): RequestListener {
  const http = options.http ?? createHttpClient();
  const credentials = options.credentials ?? createCredentials(http);
  const mcp = createMcpHandler({
    store: options.store,
    endpoint: createEndpointCache({
      http,
      credentials,
      guardrails: options.guardrails ?? createMemoryGuardrails(),
    }),
    bodyLimit: options.bodyLimit,
    maxBatch: options.maxBatch,
    batchConcurrency: options.batchConcurrency,
    checkOrigin: options.checkOrigin,
    apiTokens: options.apiTokens,
    onToolCall: options.onToolCall,
    now: options.now,
  });

  // express (and what extend adds, like the admin API) is loaded on the first non-MCP request:
  // the MCP path does not need it, and importing it costs a tenth of a second of start-up.
  let app: Promise<RequestListener> | undefined;
  const expressApp = () => (app ??= buildExpressApp(options));

  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    if (url.startsWith(MCP_PREFIX)) {
      const end = url.indexOf("?");
      const token = safeDecode(url.slice(MCP_PREFIX.length, end === -1 ? undefined : end));
      if (token === undefined) {
        req.resume();
        return sendJsonRpcError(res, 400, JSON_RPC.invalidRequest, BAD_URL.error.message);
      }
      if (token === "" || token.includes("/")) {
        req.resume();
        return sendJsonRpcError(res, 404, JSON_RPC.serverError, "Unknown MCP server URL.");
      }
      mcp(req, res, token).catch((e: unknown) => {
        if (!res.headersSent) sendJsonRpcError(res, 500, -32603, "Internal error.");
        else res.destroy(e as Error);
      });
      return;
    }
    // DNS-rebinding protection covers every route (health, metrics, admin API), not only /mcp.
    const refused = options.checkOrigin?.(req);
    if (refused) {
      req.resume();
      const body = JSON.stringify({ error: { code: "forbidden", message: refused } });
      res.writeHead(403, { "Content-Type": "application/json" }).end(body);
      return;
    }
    expressApp().then(
      (handle) => handle(req, res),
      () => {
        res
          .writeHead(500, { "Content-Type": "application/json" })
          .end('{"error":{"code":"internal","message":"Internal error."}}');
      },
    );
  };
}

async function buildExpressApp(options: AppOptions): Promise<RequestListener> {
  const { default: express } = await import("express");
  const app = express();
  app.disable("x-powered-by");
  // Serving is healthy even with rejected files (each keeps its last good version or is not
  // served): "degraded" names them so an operator can look at the log for the problems.
  app.get("/healthz", (_req, res) => {
    const snapshot = options.store.current();
    const rejected = rejectedFiles(snapshot.problems);
    res.json({
      status: rejected.length > 0 ? "degraded" : "ok",
      servers: snapshot.servers.size,
      tools: [...snapshot.integrations.values()].reduce((n, i) => n + i.tools.size, 0),
      rejected_files: rejected,
    });
  });
  await options.extend?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "No such route." } });
  });
  // Errors the routes did not handle themselves: a URL that does not decode is the caller's.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (isBadUrl(err)) return void res.status(400).json(BAD_URL);
    res.status(500).json({ error: { code: "internal", message: "Internal error." } });
  });
  return app;
}

/** The decoded path segment; undefined when it is not correctly percent-encoded (e.g. `%ZZ`). */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
