import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A successful result: the same object as structuredContent and as compact JSON text. */
export function successResult(structured: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(structured) }],
    structuredContent: structured,
  };
}

/** A failed call the model can act on: the message as text, the facts as structuredContent. */
export function errorResult(message: string, error: Record<string, unknown> = {}): CallToolResult {
  return {
    content: [{ type: "text", text: message }],
    structuredContent: { error: { message, ...error } },
    isError: true,
  };
}
