import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ListToolsResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { Account } from "../config/accounts.js";
import type { ServerEntry, Snapshot } from "../config/snapshot.js";
import { callTool, type CallOutcome } from "../interpreter/call-tool.js";
import type { Credentials } from "../upstream/credentials.js";
import type { HttpClient } from "../upstream/http-client.js";
import { DirectTransport } from "./direct-transport.js";

/** Per-request facts gathered while the SDK server handles one JSON-RPC request. */
export interface RequestContext {
  tool?: string;
  outcome?: CallOutcome;
}

/** What tool calls need from the running process. */
export interface McpDeps {
  http: HttpClient;
  credentials: Credentials;
}

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
  const account: Account = snapshot.accounts.get(entry.config.account) ?? {
    name: entry.config.account,
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => toolList);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = request.params.name;
    const tool = entry.toolsByName.get(name);
    if (!tool) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool: ${name}. Call tools/list to see the tools this server offers.`,
      );
    }
    const context = transport.contextOf(extra.requestId);
    if (context) context.tool = name;
    const outcome = await callTool(tool, request.params.arguments ?? {}, {
      account,
      integration,
      http: deps.http,
      credentials: deps.credentials,
    });
    if (context) context.outcome = outcome;
    return outcome.result;
  });
  await server.connect(transport);
  return { server, transport };
}
