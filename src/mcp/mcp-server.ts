import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ListToolsResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { ServerEntry, Snapshot } from "../config/snapshot.js";
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
      instructions: integration.config.instructions,
    },
  );
  const transport = new DirectTransport<RequestContext>();
  const toolList: ListToolsResult = { tools: entry.tools.map((t) => t.definition) };
  const tools = createToolInvoker(entry, snapshot, deps);

  server.setRequestHandler(ListToolsRequestSchema, async () => toolList);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const context = transport.contextOf(extra.requestId);
    const outcome = await tools.invoke(name, request.params.arguments ?? {}, context);
    if (!outcome) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool: ${name}. Call tools/list to see the tools this server offers.`,
      );
    }
    return outcome.result;
  });
  await server.connect(transport);
  return { server, transport };
}
