import type { ServerResponse } from "node:http";
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";

/** JSON-RPC error codes used at the HTTP boundary (the SDK's ErrorCode covers the rest). */
export const JSON_RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  /** Implementation-defined server errors: unknown URL, auth, method not allowed. */
  serverError: -32000,
  unauthorized: -32001,
} as const;

/** Writes a JSON-RPC error body with an HTTP status: every error on /mcp/* has this shape. */
export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  options: { id?: RequestId | null; headers?: Record<string, string> } = {},
): void {
  const body = JSON.stringify({ jsonrpc: "2.0", id: options.id ?? null, error: { code, message } });
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    ...options.headers,
  });
  res.end(body);
}
