import type { CallToolResult, RequestId } from "@modelcontextprotocol/sdk/types.js";
import { toClientReply, type JSONRPCReply } from "./direct-transport.js";
import type { RequestContext } from "./invoke-tool.js";
import type { EndpointTools } from "./mcp-server.js";

/** Answers the two requests that make up nearly all traffic without the SDK's per-request work. */
export interface LeanPath {
  /**
   * The reply (JSON text) to a plain tools/list or tools/call request; undefined for anything
   * else, which the caller hands to the SDK Server.
   */
  answer(message: unknown, context: RequestContext): Promise<string> | undefined;
}

/**
 * The lean path: for a tools/call or tools/list request in its plain form, the reply the SDK
 * Server would give, byte for byte (test/mcp/lean-path.test.ts runs every case both ways), but
 * without parsing the request twice with zod, cloning the result through the SDK's result schema,
 * an AbortController and promise hops per request, or serializing the tool list each time.
 * Plain means: exactly jsonrpc, id, method and params; a string or safe-integer id; for
 * tools/call, params with a string name and an optional arguments object, nothing else (no
 * _meta, no task); for tools/list, no params or empty ones. Everything else (other methods,
 * malformed params, progress tokens, tasks) goes through the SDK. Tools still run through
 * `EndpointTools.callTool`, so the server's filters, validation (our precompiled argument
 * validators, once), guardrails, logs and metrics apply alike on both paths.
 */
export function createLeanPath(tools: EndpointTools): LeanPath {
  // Serialized on first use, once per server entry (a reload makes new entries).
  let toolListJson: string | undefined;
  return {
    answer(message, context) {
      if (!isPlainRequest(message)) return undefined;
      const { id, method, params } = message;
      if (method === "tools/list") {
        if (params !== undefined && !isEmptyObject(params)) return undefined;
        toolListJson ??= JSON.stringify(tools.toolList);
        return Promise.resolve(
          `{"result":${toolListJson},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`,
        );
      }
      if (method !== "tools/call" || !isPlainCallParams(params)) return undefined;
      return tools.callTool(params.name, params.arguments ?? {}, context).then(
        (result) =>
          JSON.stringify(
            toClientReply(
              { result: inSchemaOrder(result), jsonrpc: "2.0", id } as JSONRPCReply,
              id,
            ),
          ),
        (error: unknown) => JSON.stringify(toClientReply(errorReply(id, error), id)),
      );
    },
  };
}

interface PlainRequest {
  jsonrpc: "2.0";
  id: RequestId;
  method: string;
  params?: unknown;
}

/** JSON-RPC's Internal error code (the SDK's ErrorCode.InternalError, without loading the SDK). */
export const INTERNAL_ERROR = -32603;

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasOnlyKeys(o: Record<string, unknown>, allowed: Set<string>): boolean {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

function isEmptyObject(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const _ in v) return false;
  return true;
}

/** What the SDK's JSONRPCRequestSchema accepts, in its strict form, as a cheap check. */
function isPlainRequest(m: unknown): m is PlainRequest {
  if (!isObject(m) || m.jsonrpc !== "2.0" || typeof m.method !== "string") return false;
  if (typeof m.id !== "string" && !Number.isSafeInteger(m.id)) return false;
  return hasOnlyKeys(m, REQUEST_KEYS);
}

const CALL_KEYS = new Set(["name", "arguments"]);

function isPlainCallParams(p: unknown): p is { name: string; arguments?: Record<string, unknown> } {
  if (!isObject(p) || typeof p.name !== "string" || !hasOnlyKeys(p, CALL_KEYS)) return false;
  const args = p.arguments;
  if (args === undefined) return true;
  // An own "__proto__" key is copied differently by the SDK's schema: leave it to the SDK.
  return isObject(args) && !Object.prototype.hasOwnProperty.call(args, "__proto__");
}

/** The result with its keys in the order the SDK's CallToolResultSchema writes them. */
function inSchemaOrder(result: CallToolResult): CallToolResult {
  const { _meta, content, structuredContent, isError, ...rest } = result;
  return { _meta, content: content ?? [], structuredContent, isError, ...rest };
}

/** The error reply the SDK's Protocol makes of an error thrown by a request handler. */
function errorReply(id: RequestId, error: unknown): JSONRPCReply {
  const e = error as { code?: unknown; message?: unknown; data?: unknown };
  return {
    jsonrpc: "2.0",
    id,
    error: {
      code: Number.isSafeInteger(e.code) ? (e.code as number) : INTERNAL_ERROR,
      message: (e.message as string | undefined) ?? "Internal error",
      ...(e.data !== undefined && { data: e.data }),
    },
  } as JSONRPCReply;
}
