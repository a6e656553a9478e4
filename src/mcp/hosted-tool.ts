import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { RequestContext } from "./invoke-tool.js";

/**
 * A tool the MCP layer answers itself (the discovery tools, ChatGPT's search and fetch) rather
 * than one resource method. Whatever reaches PagerDuty still goes through the tool invoker, so
 * the server's filters, validation, logs and metrics apply.
 */
export interface HostedTool {
  definition: Tool;
  call(args: Record<string, unknown>, context: RequestContext | undefined): Promise<CallToolResult>;
}

/** A result holding only compact JSON text (answers kept small: no structuredContent copy). */
export function textResult(value: unknown, isError = false): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value) }],
    ...(isError ? { isError: true } : {}),
  };
}

/** A refusal the model can act on. */
export function refusal(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/** Refuses arguments that break a hosted tool's schema, listing each problem. */
export function invalidArguments(tool: string, problems: string[]): CallToolResult {
  return refusal(`Invalid arguments for ${tool}:\n${problems.map((p) => `- ${p}`).join("\n")}`);
}

/** Checks that only known arguments are given, for hosted tools' hand-written schemas. */
export function unknownArguments(args: Record<string, unknown>, known: string[]): string[] {
  return Object.keys(args)
    .filter((k) => !known.includes(k))
    .map((k) => `${k} is not an argument of this tool: remove it`);
}
