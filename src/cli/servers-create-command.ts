import type { Command } from "commander";
import {
  checkServerFile,
  serverFilePath,
  writeServerFile,
  readServerFile,
  ServerNameTakenError,
} from "../config/server-files.js";
import { newServerToken, serverUrl } from "../config/server-token.js";
import type { ServerFile } from "../config/types/server.js";
import type { ConfigProblem } from "../errors.js";
import { displayPath } from "../config/read-json-files.js";
import { cliContext, publicBase } from "./context.js";
import {
  guardrailConfig,
  registerGuardrailOptions,
  type GuardrailOptions,
} from "./guardrail-options.js";
import { EXIT, list, print, printProblems } from "./output.js";

interface CreateOptions extends GuardrailOptions {
  name: string;
  account: string;
  integration: string;
  methods?: string;
  tags?: string;
  expiresAt?: string;
  requireApiTokenAuth?: boolean;
  toolExposure?: string;
  chatgptSearch?: boolean;
  description?: string;
  json?: boolean;
}

/** `pd-mcp servers create`: writes servers.d/<name>.json and prints the URL, once. */
export function registerServersCreate(servers: Command): void {
  const command = servers
    .command("create")
    .description(
      "Create an MCP server: writes SERVERS_DIR/<name>.json (token hash only) and prints its secret URL once",
    )
    .requiredOption("--name <name>", "server name: lowercase letters, digits, dashes")
    .option("--account <account>", "account whose PagerDuty credentials it uses", "default")
    .option("--integration <integration>", "integration whose tools it exposes", "pagerduty")
    .option(
      "--methods <list>",
      "comma-separated: read, write, custom or method names (default: all)",
    )
    .option("--tags <list>", "comma-separated resource tags (default: all)")
    .option(
      "--expires-at <iso>",
      "ISO 8601 date-time after which the URL stops working (default: never)",
    )
    .option("--require-api-token-auth", "also require Authorization: Bearer <api token>")
    .option(
      "--tool-exposure <mode>",
      "all (list every tool), discovery (core tools + search/describe/call tools) or auto (discovery above 40 tools; default)",
    )
    .option("--chatgpt-search", "add the search and fetch tools ChatGPT deep research uses")
    .option("--description <text>", "what the server is for");
  registerGuardrailOptions(command)
    .option("--json", "print one JSON object {name, file, url, ...}")
    .action(async (opts: CreateOptions) => {
      const { settings, accounts } = await cliContext();
      const now = new Date();
      const { token, sha256 } = newServerToken();
      const config: ServerFile = {
        version: 1,
        name: opts.name,
        ...(opts.description ? { description: opts.description } : {}),
        integration: opts.integration,
        account: opts.account,
        token_sha256: sha256,
        config: {
          methods: list(opts.methods),
          tags: list(opts.tags),
          ...(opts.toolExposure ? { tool_exposure: opts.toolExposure as "auto" } : {}),
          ...(opts.chatgptSearch ? { chatgpt_search: true } : {}),
        },
        require_api_token_auth: !!opts.requireApiTokenAuth,
        expires_at: opts.expiresAt ? normalizeDate(opts.expiresAt) : null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      const file = displayPath(serverFilePath(settings.serversDir, opts.name));
      const taken: ConfigProblem = {
        file,
        pointer: "",
        message: `already exists: ${TAKEN_ADVICE}`,
      };
      // Every problem in one answer: the options, a taken name and the file's own checks.
      const guardrails = await guardrailConfig(opts, file);
      Object.assign(config.config, guardrails.config);
      const problems = [
        ...guardrails.problems,
        ...((await readServerFile(settings.serversDir, opts.name)) ? [taken] : []),
        ...(await checkServerFile(config, {
          ...settings,
          accounts: accounts.accounts,
          checkExpiry: true,
          now: now.getTime(),
        })),
      ];
      if (problems.length > 0)
        return printProblems(!!opts.json, "Not created", problems, EXIT.refused);
      try {
        await writeServerFile(settings.serversDir, config, { create: true });
      } catch (e) {
        if (!(e instanceof ServerNameTakenError)) throw e;
        return printProblems(!!opts.json, "Not created", [taken], EXIT.refused);
      }
      const url = serverUrl(publicBase(settings), token);
      const { token_sha256: _hash, ...shown } = config;
      print(!!opts.json, { ...shown, file, url }, () =>
        [
          `Created ${file}`,
          "",
          `  ${url}`,
          "",
          "This URL is the secret: it is shown only now. Anyone with it can use the server.",
        ].join("\n"),
      );
    });
}

const TAKEN_ADVICE = "choose another --name, or use servers rotate to get a new URL";

/** Accepts any date Date.parse understands and writes it as ISO 8601 (invalid stays as typed, for the schema to report). */
function normalizeDate(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}
