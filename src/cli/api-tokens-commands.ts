import type { Command } from "commander";
import {
  createApiToken,
  isRevoked,
  readApiTokensFile,
  revokeApiToken,
  type ApiTokenChange,
} from "../config/api-tokens/index.js";
import { displayPath } from "../config/read-json-files.js";
import { readSettings } from "../settings.js";
import { EXIT, list, print, printProblems } from "./output.js";
import { formatTable } from "./table.js";

/**
 * `pd-mcp api-tokens create | list | revoke`: the tokens of `Authorization: Bearer` (second factor
 * of MCP servers with require_api_token_auth, and the admin API). Stored hashed in API_TOKENS_FILE.
 */
export function registerApiTokensCommands(program: Command): void {
  const group = program
    .command("api-tokens")
    .description("Create, list and revoke API tokens (hashes in API_TOKENS_FILE, git-ignored)");

  group
    .command("create")
    .description("Create an API token and print it once; only its SHA-256 is stored")
    .requiredOption("--name <name>", "who or what holds it: letters, digits, . _ -")
    .option(
      "--scopes <list>",
      "comma-separated: mcp (second factor on MCP servers), admin (the admin API)",
      "mcp",
    )
    .option("--json", "print one JSON object {id, name, scopes, created_at, token, file}")
    .action(async (opts: { name: string; scopes: string; json?: boolean }) => {
      const path = readSettings().apiTokensFile;
      const created = await createApiToken(path, { name: opts.name, scopes: list(opts.scopes) });
      if (!created.ok) return refuse(!!opts.json, "Not created", created);
      const { record, token } = created.value;
      const { sha256: _hash, ...shown } = record;
      const file = displayPath(path);
      print(!!opts.json, { ...shown, token, file }, () =>
        [
          `Created API token ${record.name} (${record.id}), scopes ${record.scopes.join(", ")}; its hash is in ${file}`,
          "",
          `  ${token}`,
          "",
          "This token is the secret: it is shown only now. Send it as Authorization: Bearer <token>.",
        ].join("\n"),
      );
    });

  group
    .command("list")
    .description("List API tokens: id, name, scopes, created, revoked (never a token or hash)")
    .option("--json", "print a JSON array")
    .action(async (opts: { json?: boolean }) => {
      const path = readSettings().apiTokensFile;
      const { tokens, problems } = await readApiTokensFile(path);
      if (problems.length > 0)
        return printProblems(!!opts.json, "Invalid API tokens file", problems, EXIT.invalidConfig);
      const rows = tokens.tokens.map((t) => ({
        id: t.id,
        name: t.name,
        scopes: t.scopes,
        created_at: t.created_at,
        revoked_at: t.revoked_at ?? null,
      }));
      print(!!opts.json, rows, () =>
        rows.length === 0
          ? `No API tokens in ${displayPath(path)}: create one with npx pd-mcp api-tokens create --name <name>`
          : formatTable(
              ["ID", "NAME", "SCOPES", "CREATED", "STATUS"],
              tokens.tokens.map((t) => [
                t.id,
                t.name,
                t.scopes.join(","),
                t.created_at,
                isRevoked(t) ? `revoked ${t.revoked_at}` : "active",
              ]),
            ),
      );
    });

  group
    .command("revoke")
    .description("Revoke an API token by id or name; it stops working within a second")
    .argument("<id-or-name>", "the token's id (at_...) or name")
    .option("--json", "print one JSON object {id, name, scopes, created_at, revoked_at}")
    .action(async (idOrName: string, opts: { json?: boolean }) => {
      const revoked = await revokeApiToken(readSettings().apiTokensFile, idOrName);
      if (!revoked.ok) return refuse(!!opts.json, "Not revoked", revoked);
      const { sha256: _hash, ...shown } = revoked.value;
      print(
        !!opts.json,
        shown,
        () => `Revoked API token ${shown.name} (${shown.id}) at ${shown.revoked_at}.`,
      );
    });
}

function refuse(json: boolean, headline: string, change: ApiTokenChange<unknown>): void {
  if (change.ok) return;
  printProblems(
    json,
    headline,
    change.problems,
    change.kind === "invalid_file" ? EXIT.invalidConfig : EXIT.refused,
  );
}
