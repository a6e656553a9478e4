import { Command } from "commander";
import { registerServersCreate } from "./servers-create-command.js";
import { registerValidate } from "./validate-command.js";

/** The pd-mcp command line: servers, validation. Reads the same environment as the service. */
export function buildProgram(): Command {
  const program = new Command("pd-mcp")
    .description("Manage the PagerDuty MCP server's config-as-code files")
    .showHelpAfterError();
  registerValidate(program);
  const servers = program
    .command("servers")
    .description("Create and manage MCP servers (files in SERVERS_DIR)");
  registerServersCreate(servers);
  return program;
}

await buildProgram().parseAsync(process.argv);
