import type { Command } from "commander";
import {
  checkServerFile,
  isExpired,
  listServerFiles,
  readServerFile,
  removeServerFile,
  SERVER_NAME,
  serverFilePath,
  writeServerFile,
} from "../config/server-files.js";
import { newServerToken, serverUrl } from "../config/server-token.js";
import type { ServerFile } from "../config/types/server.js";
import { displayPath } from "../config/read-json-files.js";
import type { ConfigProblem } from "../errors.js";
import { readSettings } from "../settings.js";
import { cliContext, publicBase } from "./context.js";
import { EXIT, print, printProblems } from "./output.js";
import { formatTable } from "./table.js";

/** How `servers list --json` shows one server: everything but the token hash. */
export interface ServerSummary {
  name: string;
  description: string | null;
  integration: string;
  account: string;
  methods: string[];
  tags: string[];
  expires_at: string | null;
  status: "live" | "expired";
  require_api_token_auth: boolean;
  created_at: string | null;
  updated_at: string | null;
  file: string;
}

/** `pd-mcp servers list | revoke | rotate | prune` (create lives in servers-create-command.ts). */
export function registerServersCommands(servers: Command): void {
  servers
    .command("list")
    .description("List the servers in SERVERS_DIR: account, tools filter, expiry, second factor")
    .option("--json", "print a JSON array (never a token or its hash)")
    .action(async (opts: { json?: boolean }) => {
      const settings = readSettings();
      const { servers: files, problems } = await listServerFiles(settings.serversDir);
      const now = Date.now();
      const rows = files.map((s) => summary(s, settings.serversDir, now));
      print(!!opts.json, rows, () =>
        rows.length === 0
          ? `No servers in ${displayPath(settings.serversDir)}: create one with npx pd-mcp servers create --name <name>`
          : formatTable(
              ["NAME", "ACCOUNT", "METHODS", "TAGS", "EXPIRES", "API TOKEN"],
              rows.map((r) => [
                r.name,
                r.account,
                r.methods.join(",") || "all",
                r.tags.join(",") || "all",
                r.expires_at ? `${r.expires_at} (${r.status})` : "never",
                r.require_api_token_auth ? "required" : "no",
              ]),
            ),
      );
      if (problems.length > 0)
        printProblems(false, "Unreadable server files, not listed", problems, EXIT.invalidConfig);
    });

  servers
    .command("revoke")
    .description(
      "Revoke a server: deletes SERVERS_DIR/<name>.json, so its URL stops working at the next reload (at once when the service watches SERVERS_DIR)",
    )
    .argument("<name>", "server name")
    .option("--json", "print one JSON object {name, file, revoked}")
    .action(async (name: string, opts: { json?: boolean }) => {
      const settings = readSettings();
      const file = displayPath(serverFilePath(settings.serversDir, name));
      if (!(await removeServerFile(settings.serversDir, name)))
        return refuseUnknown(!!opts.json, file, name);
      print(!!opts.json, { name, file, revoked: true }, () =>
        [
          `Revoked ${name}: deleted ${file}; its URL no longer works.`,
          "Commit the deletion so every replica and checkout drops it too.",
        ].join("\n"),
      );
    });

  servers
    .command("rotate")
    .description(
      "Give a server a new secret URL: writes a new token hash into SERVERS_DIR/<name>.json (keeping everything else) and prints the URL once; the old URL stops working",
    )
    .argument("<name>", "server name")
    .option("--json", "print one JSON object {name, file, url, ...}")
    .action(async (name: string, opts: { json?: boolean }) => {
      const { settings, accounts } = await cliContext();
      const file = displayPath(serverFilePath(settings.serversDir, name));
      const current = await readServerFile(settings.serversDir, name);
      if (!current) return refuseUnknown(!!opts.json, file, name);
      const now = new Date();
      const { token, sha256 } = newServerToken();
      const next: ServerFile = { ...current, token_sha256: sha256, updated_at: now.toISOString() };
      const problems = await checkServerFile(next, {
        ...settings,
        accounts: accounts.accounts,
        checkExpiry: false,
      });
      if (problems.length > 0)
        return printProblems(
          !!opts.json,
          `Not rotated: fix ${file} first`,
          problems,
          EXIT.invalidConfig,
        );
      await writeServerFile(settings.serversDir, next);
      const url = serverUrl(publicBase(settings), token);
      const shown = summary(next, settings.serversDir, now.getTime());
      print(!!opts.json, { ...shown, url }, () =>
        [
          `Rotated ${file}: the old URL no longer works. The new one:`,
          "",
          `  ${url}`,
          "",
          "This URL is the secret: it is shown only now. Anyone with it can use the server.",
          ...(shown.status === "expired"
            ? [
                `Note: ${name} expired at ${next.expires_at}; the URL answers like an unknown one until expires_at is changed.`,
              ]
            : []),
        ].join("\n"),
      );
    });

  servers
    .command("prune")
    .description("Delete the files of servers whose expires_at has passed")
    .option("--dry-run", "only say which files would be deleted")
    .option("--json", "print one JSON object {dry_run, removed: [{name, file, expires_at}]}")
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const settings = readSettings();
      const { servers: files, problems } = await listServerFiles(settings.serversDir);
      const now = Date.now();
      const expired = files.filter((s) => isExpired(s, now));
      if (!opts.dryRun)
        for (const s of expired) await removeServerFile(settings.serversDir, s.name);
      const removed = expired.map((s) => ({
        name: s.name,
        file: displayPath(serverFilePath(settings.serversDir, s.name)),
        expires_at: s.expires_at ?? null,
      }));
      print(!!opts.json, { dry_run: !!opts.dryRun, removed }, () =>
        removed.length === 0
          ? "No expired servers."
          : [
              `${opts.dryRun ? "Would delete" : "Deleted"} ${removed.length} expired server file(s):`,
              ...removed.map((r) => `  ${r.file} (expired ${r.expires_at})`),
            ].join("\n"),
      );
      if (problems.length > 0)
        printProblems(false, "Unreadable server files, not checked", problems, EXIT.invalidConfig);
    });
}

function summary(s: ServerFile, serversDir: string, now: number): ServerSummary {
  return {
    name: s.name,
    description: s.description ?? null,
    integration: s.integration,
    account: s.account,
    methods: s.config.methods ?? [],
    tags: s.config.tags ?? [],
    expires_at: s.expires_at ?? null,
    status: isExpired(s, now) ? "expired" : "live",
    require_api_token_auth: s.require_api_token_auth ?? false,
    created_at: s.created_at ?? null,
    updated_at: s.updated_at ?? null,
    file: displayPath(serverFilePath(serversDir, s.name)),
  };
}

/** Refuses a name that names no server file (or is no server name at all, such as "../x"). */
export function refuseUnknown(json: boolean, file: string, name: string): void {
  const problem: ConfigProblem = SERVER_NAME.test(name)
    ? {
        file,
        pointer: "",
        message: `does not exist: no server is named "${name}" (see npx pd-mcp servers list)`,
      }
    : {
        file: "<name>",
        pointer: "",
        message: `"${name}" is not a server name: lowercase letters, digits and dashes (see npx pd-mcp servers list)`,
      };
  printProblems(json, "Refused", [problem], EXIT.refused);
}
