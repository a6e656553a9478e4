import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ListToolsResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { ServerEntry, Snapshot } from "../config/snapshot.js";
import { createSearchFetchTools } from "./chatgpt/search-fetch-tools.js";
import { createDiscoveryTools, discoveryInstructions } from "./discovery/discovery-tools.js";
import { DirectTransport } from "./direct-transport.js";
import { createToolInvoker, type McpDeps, type RequestContext } from "./invoke-tool.js";

export type { McpDeps, RequestContext } from "./invoke-tool.js";

/** One SDK server and its transport, serving one server entry of one snapshot. */
export interface McpEndpoint {
  server: Server;
  transport: DirectTransport<RequestContext>;
}

/**
 * Builds the MCP server of one servers.d entry: the low-level SDK Server (no zod schemas of our
 * own), answering tools/list from the precomputed catalog and tools/call through the interpreter.
 * A tool the entry's filter hides is unknown here, whatever its name.
 */
export async function createMcpEndpoint(
  entry: ServerEntry,
  snapshot: Snapshot,
  deps: McpDeps,
): Promise<McpEndpoint> {
  const integration = entry.integration;
  const server = new Server(
    {
      name: entry.config.name,
      title: `${integration.config.title} (${entry.config.name})`,
      version: entry.catalogVersion,
    },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: [
        integration.config.instructions,
        ...(entry.exposure === "discovery" ? [discoveryInstructions(entry)] : []),
      ].join(" "),
    },
  );
  const transport = new DirectTransport<RequestContext>();
  const tools = createToolInvoker(entry, snapshot, deps);
  const hosted = [
    ...(entry.exposure === "discovery" ? createDiscoveryTools(entry, tools) : []),
    ...(entry.config.config.chatgpt_search ? createSearchFetchTools(entry, tools) : []),
  ];
  const hostedByName = new Map(hosted.map((h) => [h.definition.name, h]));
  const listed = entry.exposure === "all" ? entry.tools : entry.tools.filter((t) => t.core);
  const toolList: ListToolsResult = {
    tools: [...listed.map((t) => t.definition), ...hosted.map((h) => h.definition)],
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => toolList);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const args = request.params.arguments ?? {};
    const context = transport.contextOf(extra.requestId);
    const own = hostedByName.get(name);
    if (own) return own.call(args, context);
    const outcome = await tools.invoke(name, args, context);
    if (!outcome) {
      throw new McpError(
        ErrorCode.InvalidParams,
        entry.exposure === "discovery"
          ? `Unknown tool: ${name}. Find the tools this server offers with ${hosted[0].definition.name}.`
          : `Unknown tool: ${name}. Call tools/list to see the tools this server offers.`,
      );
    }
    return outcome.result;
  });
  await server.connect(transport);
  return { server, transport };
}
