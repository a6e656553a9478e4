import type { Command } from "commander";
import { readApiTokensFile } from "../config/api-tokens/index.js";
import { loadConfig } from "../config/load-config.js";
import { cliContext } from "./context.js";
import { EXIT, print, printProblems } from "./output.js";

/** `pd-mcp validate`: checks every config file, prints every problem, exits 1 on any. */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "Check every file in INTEGRATIONS_DIR and SERVERS_DIR (and the accounts and API tokens files); exit 1 listing every problem",
    )
    .option("--json", "print one JSON object")
    .action(async (opts: { json?: boolean }) => {
      const { settings, accounts } = await cliContext();
      const result = await loadConfig({
        integrationsDir: settings.integrationsDir,
        serversDir: settings.serversDir,
        accounts: accounts.accounts,
      });
      const apiTokens = await readApiTokensFile(settings.apiTokensFile);
      const problems = [
        ...accounts.problems,
        ...apiTokens.problems,
        ...(result.ok ? [] : result.problems),
      ];
      if (problems.length > 0 || !result.ok)
        return printProblems(!!opts.json, "Invalid configuration", problems, EXIT.invalidConfig);
      const tools = [...result.snapshot.integrations.values()].reduce(
        (n, i) => n + i.tools.size,
        0,
      );
      const servers = result.snapshot.serversByName.size;
      print(
        !!opts.json,
        { ok: true, integrations: result.snapshot.integrations.size, tools, servers },
        () =>
          `OK: ${result.snapshot.integrations.size} integration(s), ${tools} tool(s), ${servers} server(s)`,
      );
    });
}
