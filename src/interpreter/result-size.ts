import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { formatBytes } from "../errors.js";
import type { CompiledTool } from "./compiled-tool.js";
import { errorResult } from "./tool-result.js";

/** Default of an integration's max_response_bytes: the most of one upstream body read. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Default of an integration's max_result_bytes: the most JSON text one tool result carries. */
export const DEFAULT_MAX_RESULT_BYTES = 256 * 1024;
/** Results larger than this carry their JSON once (text), not twice (text + structuredContent). */
export const STRUCTURED_COPY_MAX_BYTES = 32 * 1024;

/** What to change when an answer is too large: fewer items, narrower filters. */
export function narrowingAdvice(tool: CompiledTool): string {
  if (!tool.isList)
    return "Ask for something smaller: use a list tool with filters, or a tool that returns part of it.";
  const ways: string[] = [];
  if ("limit" in (tool.definition.inputSchema.properties ?? {}))
    ways.push("pass a smaller limit (then page with next_cursor)");
  const filters = tool.queryParams.map((q) => q.arg);
  if (filters.length > 0) ways.push(`narrow it with ${filters.slice(0, 4).join(", ")}`);
  return `Ask for less: ${ways.join(" or ") || "narrow the request"}.`;
}

/**
 * A successful result, bounded: over `maxBytes` of JSON it becomes a tool error with advice;
 * over STRUCTURED_COPY_MAX_BYTES the JSON goes once, as text, without a structuredContent copy.
 */
export function boundedResult(
  tool: CompiledTool,
  structured: Record<string, unknown>,
  maxBytes: number,
): CallToolResult {
  const text = JSON.stringify(structured);
  // UTF-8 is at most 3 bytes per UTF-16 unit: short texts skip the exact count.
  const bytes = text.length * 3 <= STRUCTURED_COPY_MAX_BYTES ? 0 : Buffer.byteLength(text);
  if (bytes > maxBytes) {
    const message = `The result of ${tool.name} is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} one tool result may carry (max_result_bytes of the integration). ${narrowingAdvice(tool)}`;
    return errorResult(message, {
      type: "result_too_large",
      result_bytes: bytes,
      limit_bytes: maxBytes,
    });
  }
  if (bytes > STRUCTURED_COPY_MAX_BYTES) return { content: [{ type: "text", text }] };
  return { content: [{ type: "text", text }], structuredContent: structured };
}
