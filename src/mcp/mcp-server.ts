import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { CallToolResult, ListToolsResult } from "@modelcontextprotocol/sdk/types.js";
import type { ServerEntry, Snapshot } from "../config/snapshot.js";
import { createSearchFetchTools } from "./chatgpt/search-fetch-tools.js";
import { createDiscoveryTools, discoveryInstructions } from "./discovery/discovery-tools.js";
import { DirectTransport } from "./direct-transport.js";
import { createToolInvoker, type McpDeps, type RequestContext } from "./invoke-tool.js";
import { createLeanPath, type LeanPath } from "./lean-path.js";
import { loadSdk } from "./sdk.js";

export type { McpDeps, RequestContext } from "./invoke-tool.js";

/** One SDK server and its transport, serving one server entry of one snapshot. */
export interface McpEndpoint {
  server: Server;
  transport: DirectTransport<RequestContext>;
  /** tools/list and plain tools/call answered without the SDK's per-request work (lean-path.ts). */
  lean: LeanPath;
}

/** What both ways of answering MCP requests share: one catalog and one way to call a tool. */
export interface EndpointTools {
  /** The tools/list result, built once per server entry. */
  toolList: ListToolsResult;
  /**
   * Answers one tools/call: the tool's result, or a thrown McpError (unknown tool) that becomes
   * the JSON-RPC error. The SDK handler and the lean path both call this, nothing else.
   */
  callTool(
    name: string,
    args: Record<string, unknown>,
    context: RequestContext | undefined,
  ): Promise<CallToolResult>;
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
  const { Server, types } = await loadSdk();
  const { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } = types;
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
  const invoker = createToolInvoker(entry, snapshot, deps);
  const hosted = [
    ...(entry.exposure === "discovery" ? createDiscoveryTools(entry, invoker) : []),
    ...(entry.config.config.chatgpt_search ? createSearchFetchTools(entry, invoker) : []),
  ];
  const hostedByName = new Map(hosted.map((h) => [h.definition.name, h]));
  const listed = entry.exposure === "all" ? entry.tools : entry.tools.filter((t) => t.core);
  const tools: EndpointTools = {
    toolList: { tools: [...listed.map((t) => t.definition), ...hosted.map((h) => h.definition)] },
    async callTool(name, args, context) {
      const own = hostedByName.get(name);
      if (own) return own.call(args, context);
      const outcome = await invoker.invoke(name, args, context);
      if (!outcome) {
        throw new McpError(
          ErrorCode.InvalidParams,
          entry.exposure === "discovery"
            ? `Unknown tool: ${name}. Find the tools this server offers with ${hosted[0].definition.name}.`
            : `Unknown tool: ${name}. Call tools/list to see the tools this server offers.`,
        );
      }
      return outcome.result;
    },
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => tools.toolList);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) =>
    tools.callTool(
      request.params.name,
      request.params.arguments ?? {},
      transport.contextOf(extra.requestId),
    ),
  );
  await server.connect(transport);
  return { server, transport, lean: createLeanPath(tools) };
}
