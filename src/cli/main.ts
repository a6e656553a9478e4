import { Command } from "commander";
import { loadEnvFile } from "../env-file.js";
import { packageVersion } from "../version.js";
import { registerApiTokensCommands } from "./api-tokens-commands.js";
import { registerAudit } from "./audit-command.js";
import { registerDoctor } from "./doctor-command.js";
import { registerCoverage } from "./coverage-command.js";
import { EXIT } from "./output.js";
import { registerServersCommands } from "./servers-commands.js";
import { registerServersCreate } from "./servers-create-command.js";
import { registerServersShow } from "./servers-show-command.js";
import { registerTools } from "./tools-command.js";
import { registerValidate } from "./validate-command.js";

/**
 * The pd-mcp command line: validate, servers, tools, api-tokens, coverage, audit. Reads the same environment as
 * the service. Usage errors (unknown option, missing argument) exit with 2, like refused input.
 */
export function buildProgram(): Command {
  const program = new Command("pd-mcp")
    .description("Manage the PagerDuty MCP server's config-as-code files")
    .version(packageVersion(), "-V, --version", "print the version")
    .showHelpAfterError()
    // Set before the subcommands are added, so they inherit it.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.refused));
  registerValidate(program);
  const servers = program
    .command("servers")
    .description("Create and manage MCP servers (files in SERVERS_DIR)");
  registerServersCreate(servers);
  registerServersCommands(servers);
  registerServersShow(servers);
  registerTools(program);
  registerApiTokensCommands(program);
  registerDoctor(program);
  registerAudit(program);
  registerCoverage(program);
  return program;
}

// .env in the working directory, as the service reads it (variables already set win).
loadEnvFile();
await buildProgram().parseAsync(process.argv);
