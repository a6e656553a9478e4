import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ApiTokenScope } from "../config/api-tokens/index.js";
import type { ConfigStore } from "../config/config-store.js";
import { hashToken } from "../config/server-token.js";
import { isLive, type ServerEntry } from "../config/snapshot.js";
import type { JSONRPCReply } from "../mcp/direct-transport.js";
import type { McpEndpoint, RequestContext } from "../mcp/mcp-server.js";
import { createSlots } from "../mcp/concurrency-limit.js";
import { loadedSdk, loadSdk } from "../mcp/sdk.js";
import type { Snapshot } from "../config/snapshot.js";
import { rateLimitResponseHeaders } from "../upstream/rate-limit.js";
import { decodeClientInfo, encodeClientInfo } from "./client-info.js";
import { JSON_RPC, sendJsonRpcError } from "./json-rpc-error.js";
import { boundedMemo } from "./bounded-memo.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

/** One finished tool call, for logs and metrics. Never holds a secret. */
export interface ToolCallEvent {
  server: string;
  tool: string;
  isError: boolean;
  upstreamStatus?: number;
  rateLimitRemaining?: number;
  durationMs: number;
  /** From initialize's clientInfo, carried in the Mcp-Session-Id header. */
  clientName?: string;
  clientVersion?: string;
}

/** Checks a request's second factor (Authorization: Bearer <api token>). */
export interface ApiTokenVerifier {
  /**
   * True when the bearer token is a live API token with `scope`. MCP servers ask for "mcp"; an
   * admin-only token is refused there, so the tokens pasted into MCP clients cannot manage servers.
   */
  verify(token: string, scope?: ApiTokenScope): boolean;
  /** The live token's scopes whatever they are, to tell a token without "mcp" from a wrong one. */
  lookup?(token: string): { scopes: readonly ApiTokenScope[] } | undefined;
}

export interface McpHandlerOptions {
  store: ConfigStore;
  endpoint: (entry: ServerEntry, snapshot: Snapshot) => Promise<McpEndpoint>;
  /** Largest accepted body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Most JSON-RPC messages in one batch; a larger batch is refused whole. Default 20. */
  maxBatch?: number;
  /** Most tool calls of one batch running upstream at once. Default 4. */
  batchConcurrency?: number;
  /** Returns a reason to refuse the request's Host/Origin (DNS rebinding), or undefined. */
  checkOrigin?: (req: IncomingMessage) => string | undefined;
  apiTokens?: ApiTokenVerifier;
  onToolCall?: (event: ToolCallEvent) => void;
  now?: () => number;
}

/** Default of MCP_MAX_BATCH: far above what clients send (MCP 2025-06-18 dropped batching). */
export const DEFAULT_MAX_BATCH = 20;
/** Default of MCP_BATCH_CONCURRENCY. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

const NOT_FOUND =
  "Unknown MCP server URL: check the link, or ask for a new one (it may have been revoked or expired).";

/**
 * POST /mcp/<token>: stateless streamable HTTP with JSON responses. Resolves the server by the
 * token's hash, enforces expiry and the second factor, hands each JSON-RPC message to that
 * server's SDK endpoint and writes the reply with the upstream's rate-limit headers.
 */
export function createMcpHandler(options: McpHandlerOptions) {
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const batchConcurrency = options.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY;
  const now = options.now ?? Date.now;
  // Clients send the same URL token and session header on every request.
  const tokenHash = boundedMemo(hashToken);
  const clientInfo = boundedMemo(decodeClientInfo);

  return async (req: IncomingMessage, res: ServerResponse, token: string): Promise<void> => {
    const refused = options.checkOrigin?.(req);
    if (refused) return sendJsonRpcError(res, 403, JSON_RPC.serverError, refused);
    // Browser-based clients from an allowed origin (the origin check ran above) need CORS.
    // "null" (sandboxed frames, file: pages) names no origin that could be allowed: not reflected.
    if (typeof req.headers.origin === "string" && req.headers.origin !== "null") {
      res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
      res.setHeader("Vary", "Origin");
      res.setHeader(
        "Access-Control-Expose-Headers",
        "Mcp-Session-Id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after",
      );
      if (req.method === "OPTIONS") {
        req.resume();
        res.writeHead(204, {
          "Access-Control-Allow-Methods": "POST",
          "Access-Control-Allow-Headers":
            "Content-Type, Accept, Authorization, Mcp-Protocol-Version, Mcp-Session-Id",
          "Access-Control-Max-Age": "600",
        });
        res.end();
        return;
      }
    }

    const snapshot = options.store.current();
    const entry = snapshot.servers.get(tokenHash(token));
    if (!entry || !isLive(entry, now())) {
      req.resume();
      return sendJsonRpcError(res, 404, JSON_RPC.serverError, NOT_FOUND);
    }
    if (req.method !== "POST") {
      req.resume();
      return sendJsonRpcError(
        res,
        405,
        JSON_RPC.serverError,
        "Method not allowed: this is a stateless MCP endpoint; send JSON-RPC messages with POST.",
        {
          headers: { Allow: "POST" },
        },
      );
    }
    if (entry.config.require_api_token_auth) {
      const problem = checkBearer(req, options.apiTokens);
      if (problem) {
        req.resume();
        const error = problem.status === 403 ? "insufficient_scope" : "invalid_token";
        return sendJsonRpcError(res, problem.status, JSON_RPC.unauthorized, problem.message, {
          headers: { "WWW-Authenticate": `Bearer realm="pd-mcp", error="${error}"` },
        });
      }
    }
    // Loaded in the background once the service listens: only the first requests may wait for it.
    const { isJSONRPCNotification, isJSONRPCRequest, SUPPORTED_PROTOCOL_VERSIONS } = (
      loadedSdk() ?? (await loadSdk())
    ).types;
    const version = req.headers["mcp-protocol-version"];
    if (typeof version === "string" && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      req.resume();
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        `Unsupported MCP-Protocol-Version ${version}: supported are ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")}`,
      );
    }

    let text: string;
    try {
      text = await readBody(req, bodyLimit);
    } catch (e) {
      if (e instanceof BodyTooLargeError)
        return sendJsonRpcError(
          res,
          413,
          JSON_RPC.invalidRequest,
          `Request body is larger than ${bodyLimit} bytes.`,
        );
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.parseError,
        "Parse error: the body is not valid JSON.",
      );
    }

    const batch = Array.isArray(parsed);
    const messages = (batch ? parsed : [parsed]) as unknown[];
    if (messages.length === 0 || !messages.every(isMessage)) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        "Invalid Request: expected a JSON-RPC 2.0 request or notification.",
      );
    }
    if (messages.length > maxBatch) {
      return sendJsonRpcError(
        res,
        400,
        JSON_RPC.invalidRequest,
        `Batch of ${messages.length} messages refused: at most ${maxBatch} per request (MCP_MAX_BATCH). Nothing was run; send them in smaller batches.`,
      );
    }
    // Only a batch can run several tool calls at once; a single message needs no slots.
    const slot = messages.length > 1 ? createSlots(batchConcurrency) : undefined;
    const endpoint = await options.endpoint(entry, snapshot);
    const started = performance.now();
    const contexts: RequestContext[] = [];
    const replies: Promise<string>[] = [];
    let sessionId: string | undefined;
    const session = req.headers["mcp-session-id"];
    const client = typeof session === "string" ? clientInfo(session) : undefined;
    for (const message of messages as JSONRPCMessage[]) {
      const context: RequestContext = {};
      if (client) context.client = client;
      if (slot) context.slot = slot;
      const lean = endpoint.lean.answer(message, context);
      if (lean) {
        contexts.push(context);
        replies.push(lean);
      } else if (isJSONRPCRequest(message)) {
        contexts.push(context);
        replies.push(endpoint.transport.request(message, context).then(stringify));
        if (message.method === "initialize") {
          const info = (
            message.params as { clientInfo?: { name?: unknown; version?: unknown } } | undefined
          )?.clientInfo;
          sessionId = encodeClientInfo({
            name: String(info?.name ?? "unknown"),
            version: String(info?.version ?? ""),
          });
        }
      } else if (isJSONRPCNotification(message)) {
        endpoint.transport.notify(message);
      }
      // Responses from the client answer nothing we asked statelessly; they are accepted and dropped.
    }
    if (replies.length === 0) {
      res.writeHead(202).end();
      return;
    }
    const answered = await Promise.all(replies);
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (sessionId) headers["Mcp-Session-Id"] = sessionId;
    for (const context of contexts) {
      if (!context.outcome) continue;
      Object.assign(
        headers,
        rateLimitResponseHeaders(context.outcome.rateLimit, context.outcome.upstreamStatus ?? 200),
      );
      options.onToolCall?.({
        server: entry.config.name,
        tool: context.tool ?? "?",
        isError: context.outcome.result.isError === true,
        upstreamStatus: context.outcome.upstreamStatus,
        rateLimitRemaining: context.outcome.rateLimit?.remaining,
        durationMs: performance.now() - started,
        clientName: client?.name,
        clientVersion: client?.version,
      });
    }
    // Each reply is JSON text already: a batch is their array.
    const body = batch ? `[${answered.join(",")}]` : answered[0];
    headers["Content-Length"] = String(Buffer.byteLength(body));
    res.writeHead(200, headers).end(body);
  };
}

const stringify = (reply: JSONRPCReply): string => JSON.stringify(reply);

function isMessage(m: unknown): boolean {
  return typeof m === "object" && m !== null && (m as { jsonrpc?: unknown }).jsonrpc === "2.0";
}

function checkBearer(
  req: IncomingMessage,
  verifier: ApiTokenVerifier | undefined,
): { status: 401 | 403; message: string } | undefined {
  const header = req.headers.authorization;
  if (!header)
    return {
      status: 401,
      message: "This MCP server requires an API token: send Authorization: Bearer <api token>.",
    };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match && verifier?.verify(match[1], "mcp")) return undefined;
  if (match && verifier?.lookup?.(match[1]))
    return {
      status: 403,
      message:
        "The API token lacks the mcp scope (it is valid, but only for its other scopes, such as the admin API): use a token with the mcp scope, made with npx pd-mcp api-tokens create --scopes mcp.",
    };
  return {
    status: 401,
    message:
      "The API token is not valid: check it, or create one with npx pd-mcp api-tokens create.",
  };
}
