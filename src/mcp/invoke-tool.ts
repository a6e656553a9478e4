import type { Account } from "../config/accounts.js";
import type { ServerEntry, Snapshot } from "../config/snapshot.js";
import type { CallOutcome } from "../interpreter/call-tool.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import type { Credentials } from "../upstream/credentials.js";
import type { HttpClient } from "../upstream/http-client.js";
import type { Slot } from "./concurrency-limit.js";
import type { GuardrailRuntime } from "../guardrails/runtime.js";
import { guardedCall } from "./guarded-call.js";

/** What tool calls need from the running process. */
export interface McpDeps {
  http: HttpClient;
  credentials: Credentials;
  /** Budgets store, confirmation codes and audit of the servers' guardrails. */
  guardrails: GuardrailRuntime;
}

/** Per-request facts gathered while one JSON-RPC request is handled, for logs and headers. */
export interface RequestContext {
  /** The tool that really ran (for a discovery call tool: the tool it called). */
  tool?: string;
  outcome?: CallOutcome;
  /** Shared by the calls of one batch, so only a few of them reach upstream at once. */
  slot?: Slot;
  /** Who is calling (initialize's clientInfo), for the audit of writes. Not trusted otherwise. */
  client?: { name: string; version: string };
}

/**
 * The one seam every tool call of a server goes through, whichever route it came by (the SDK's
 * tools/call handler today; a lean path or a discovery call tool tomorrow): find the tool among
 * those the server exposes, run it through the server's guardrails with the server's account,
 * record what happened in `context`.
 * Answers undefined for a tool the server does not expose, so callers can refuse it without
 * revealing whether it exists elsewhere.
 */
export function createToolInvoker(entry: ServerEntry, snapshot: Snapshot, deps: McpDeps) {
  const integration = entry.integration;
  const account: Account = snapshot.accounts.get(entry.config.account) ?? {
    name: entry.config.account,
  };
  return {
    /** The tool named `name` if this server exposes it. */
    find(name: string): CompiledTool | undefined {
      return entry.toolsByName.get(name);
    },
    /** Runs an exposed tool; undefined when the server has no such tool. */
    async invoke(
      name: string,
      args: Record<string, unknown>,
      context?: RequestContext,
    ): Promise<CallOutcome | undefined> {
      const tool = entry.toolsByName.get(name);
      if (!tool) return undefined;
      if (context) context.tool = name;
      const run = () =>
        guardedCall(
          {
            entry,
            tool,
            args,
            ctx: { account, integration, http: deps.http, credentials: deps.credentials },
            client: context?.client,
          },
          deps.guardrails,
        );
      const outcome = await (context?.slot ? context.slot(run) : run());
      if (context) context.outcome = outcome;
      return outcome;
    },
  };
}

export type ToolInvoker = ReturnType<typeof createToolInvoker>;
