import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ServerEntry } from "../../config/snapshot.js";
import { isReadTool } from "../../interpreter/server-tools.js";
import { DEFAULT_TOOL_INFIX, discoveryToolNames } from "../../interpreter/tool-name.js";
import {
  invalidArguments,
  refusal,
  textResult,
  unknownArguments,
  type HostedTool,
} from "../hosted-tool.js";
import type { RequestContext, ToolInvoker } from "../invoke-tool.js";
import { createToolSearch, toolHit, type ToolSearch } from "./tool-search.js";

/** Hits a search answers by default, and at most. */
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 25;
/** Tools one describe call may name. */
export const MAX_DESCRIBE_NAMES = 5;

/**
 * The four discovery tools of a server in discovery mode: search its tools, describe some, call
 * a read, call a write. They see exactly the tools the server exposes (the entry's tools), and a
 * hidden tool is refused with the same words as one that does not exist.
 */
export function createDiscoveryTools(entry: ServerEntry, invoker: ToolInvoker): HostedTool[] {
  const integration = entry.integration.config;
  const names = discoveryToolNames(integration.tool_prefix ?? DEFAULT_TOOL_INFIX);
  const what = integration.title;
  let index: ToolSearch | undefined;
  const searchIndex = () =>
    (index ??= createToolSearch(entry.tools, integration.discovery?.synonyms));
  const unknown = (name: string) =>
    `No tool named ${name} on this server: find the tools it offers with ${names.search}.`;
  const reads = entry.tools.some(isReadTool);
  const writes = entry.tools.some((t) => !isReadTool(t));

  const search: HostedTool = {
    definition: {
      name: names.search,
      description: `Find this server's other ${what} tools by task (e.g. "silence a service"): {"result": [{name, title, kind, summary}]}. Then ${names.describe}, ${names.callRead} (kind read) or ${names.callWrite}.`,
      inputSchema: {
        type: "object",
        properties: {
          query: {
            type: "string",
            minLength: 1,
            maxLength: 500,
            description: "The task, in a few words.",
          },
          limit: {
            type: "integer",
            minimum: 1,
            maximum: MAX_SEARCH_LIMIT,
            default: DEFAULT_SEARCH_LIMIT,
            description: `Most tools to return.`,
          },
        },
        required: ["query"],
        additionalProperties: false,
      },
      annotations: readOnly(),
    },
    async call(args, context) {
      const problems = unknownArguments(args, ["query", "limit"]);
      const { query, limit = DEFAULT_SEARCH_LIMIT } = args;
      if (typeof query !== "string" || query.trim() === "" || query.length > 500)
        problems.push("query must be a non-empty string of at most 500 characters");
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_SEARCH_LIMIT)
        problems.push(`limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
      if (problems.length > 0)
        return record(context, names.search, invalidArguments(names.search, problems));
      const hits = searchIndex()
        .search(query as string, limit as number)
        .map(toolHit);
      return record(context, names.search, textResult({ result: hits }));
    },
  };

  const describe: HostedTool = {
    definition: {
      name: names.describe,
      description: `Full description, input schema and hints of tools found with ${names.search}.`,
      inputSchema: {
        type: "object",
        properties: {
          names: {
            type: "array",
            minItems: 1,
            maxItems: MAX_DESCRIBE_NAMES,
            uniqueItems: true,
            items: { type: "string", minLength: 1 },
            description: `Tool names.`,
          },
        },
        required: ["names"],
        additionalProperties: false,
      },
      annotations: readOnly(),
    },
    async call(args, context) {
      const problems = unknownArguments(args, ["names"]);
      const requested = args.names;
      if (
        !Array.isArray(requested) ||
        requested.length < 1 ||
        requested.length > MAX_DESCRIBE_NAMES ||
        !requested.every((n) => typeof n === "string")
      )
        problems.push(`names must be an array of 1 to ${MAX_DESCRIBE_NAMES} tool names`);
      if (problems.length > 0)
        return record(context, names.describe, invalidArguments(names.describe, problems));
      const wanted = [...new Set(requested as string[])];
      const missing = wanted.filter((n) => !invoker.find(n));
      if (missing.length > 0)
        return record(context, names.describe, refusal(missing.map(unknown).join("\n")));
      const result = wanted.map((n) => {
        const tool = invoker.find(n)!;
        const { name, title, description, inputSchema, annotations } = tool.definition;
        return { name, title, kind: toolHit(tool).kind, description, inputSchema, annotations };
      });
      return record(context, names.describe, textResult({ result }));
    },
  };

  const caller = (read: boolean): HostedTool => {
    const self = read ? names.callRead : names.callWrite;
    return {
      definition: {
        name: self,
        description: read
          ? `Run a read tool found with ${names.search}.`
          : `Run a write or custom tool found with ${names.search} (creates, changes, pages people); confirm changes the user did not ask for.`,
        inputSchema: {
          type: "object",
          properties: {
            name: { type: "string", minLength: 1, description: "Tool name." },
            arguments: {
              type: "object",
              description: "The tool's arguments, per its schema.",
            },
          },
          required: ["name"],
          additionalProperties: false,
        },
        annotations: read
          ? readOnly()
          : { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      },
      async call(args, context) {
        const problems = unknownArguments(args, ["name", "arguments"]);
        const { name, arguments: toolArgs = {} } = args;
        if (typeof name !== "string" || name === "") problems.push("name must be a tool name");
        if (typeof toolArgs !== "object" || toolArgs === null || Array.isArray(toolArgs))
          problems.push("arguments must be an object of the tool's arguments");
        if (problems.length > 0) return record(context, self, invalidArguments(self, problems));
        const tool = invoker.find(name as string);
        if (!tool) return record(context, self, refusal(unknown(name as string)));
        if (isReadTool(tool) !== read)
          return record(
            context,
            self,
            refusal(
              read
                ? `${tool.name} changes data: run it with ${names.callWrite}.`
                : `${tool.name} only reads: run it with ${names.callRead}.`,
            ),
          );
        const outcome = await invoker.invoke(
          tool.name,
          toolArgs as Record<string, unknown>,
          context,
        );
        return outcome!.result;
      },
    };
  };

  return [search, describe, ...(reads ? [caller(true)] : []), ...(writes ? [caller(false)] : [])];
}

/** The words added to the server's instructions in discovery mode. */
export function discoveryInstructions(entry: ServerEntry): string {
  const names = discoveryToolNames(entry.integration.config.tool_prefix ?? DEFAULT_TOOL_INFIX);
  return `This server lists only its core tools. Find the others with ${names.search}, read their arguments with ${names.describe}, and run them with ${names.callRead} or ${names.callWrite}.`;
}

function readOnly(): Tool["annotations"] {
  return { readOnlyHint: true, openWorldHint: false };
}

/** Records a hosted tool's own answer for logs and metrics (no upstream call was made). */
function record(
  context: RequestContext | undefined,
  tool: string,
  result: CallToolResult,
): CallToolResult {
  if (context) {
    context.tool = tool;
    context.outcome = { result };
  }
  return result;
}
