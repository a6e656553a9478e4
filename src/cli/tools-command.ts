import type { Command } from "commander";
import { loadIntegrations } from "../config/load-integrations.js";
import { resolveServers } from "../config/load-servers.js";
import { displayPath } from "../config/read-json-files.js";
import { readServerFile, serverFilePath } from "../config/server-files.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { cliContext } from "./context.js";
import { EXIT, print, printProblems } from "./output.js";
import { refuseUnknown } from "./servers-commands.js";
import { formatTable } from "./table.js";

/** One tool as `tools --json` shows it: the MCP name, title and behaviour hints. */
export interface ToolSummary {
  name: string;
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  openWorldHint: boolean;
}

/** `pd-mcp tools [--server NAME]`: what a server exposes (or every tool of an integration). */
export function registerTools(program: Command): void {
  program
    .command("tools")
    .description(
      "List the tools a server exposes (names, titles, read-only/destructive hints), or every tool of an integration",
    )
    .option("--server <name>", "a server in SERVERS_DIR (default: every tool)")
    .option("--integration <name>", "integration to list without --server", "pagerduty")
    .option("--json", "print one JSON object {server, integration, tools: [...]}")
    .action(async (opts: { server?: string; integration: string; json?: boolean }) => {
      const { settings, accounts } = await cliContext();
      const { integrations, problems } = await loadIntegrations(settings.integrationsDir);
      if (problems.length > 0)
        return printProblems(!!opts.json, "Invalid integrations", problems, EXIT.invalidConfig);

      let tools: CompiledTool[];
      let integration = opts.integration;
      if (opts.server) {
        const path = serverFilePath(settings.serversDir, opts.server);
        const config = await readServerFile(settings.serversDir, opts.server);
        if (!config) return refuseUnknown(!!opts.json, displayPath(path), opts.server);
        const resolved = resolveServers(
          [{ file: displayPath(path), path, text: "", doc: config }],
          integrations,
          accounts.accounts,
        );
        if (resolved.problems.length > 0)
          return printProblems(
            !!opts.json,
            "Invalid server file",
            resolved.problems,
            EXIT.invalidConfig,
          );
        tools = resolved.servers[0].tools;
        integration = config.integration;
      } else {
        const loaded = integrations.get(opts.integration);
        if (!loaded)
          return printProblems(
            !!opts.json,
            "Refused",
            [
              {
                file: displayPath(settings.integrationsDir),
                pointer: "",
                message: `has no integration "${opts.integration}": known are ${[...integrations.keys()].join(", ")}`,
              },
            ],
            EXIT.refused,
          );
        tools = [...loaded.tools.values()];
      }

      const rows = tools.map(summary).sort((a, b) => a.name.localeCompare(b.name));
      print(!!opts.json, { server: opts.server ?? null, integration, tools: rows }, () =>
        [
          `${opts.server ?? integration}: ${rows.length} tool(s)`,
          "",
          formatTable(
            ["NAME", "TITLE", "HINTS"],
            rows.map((t) => [t.name, t.title, hints(t)]),
          ),
        ].join("\n"),
      );
    });
}

function summary(tool: CompiledTool): ToolSummary {
  const a = tool.definition.annotations ?? {};
  const readOnly = a.readOnlyHint ?? false;
  // Absent hints take the MCP specification's defaults.
  return {
    name: tool.name,
    title: tool.definition.title ?? a.title ?? tool.name,
    readOnlyHint: readOnly,
    destructiveHint: readOnly ? false : (a.destructiveHint ?? true),
    openWorldHint: a.openWorldHint ?? true,
  };
}

function hints(t: ToolSummary): string {
  const words = [
    t.readOnlyHint ? "read-only" : "writes",
    ...(t.destructiveHint ? ["destructive"] : []),
    ...(t.openWorldHint ? ["open-world"] : []),
  ];
  return words.join(", ");
}
