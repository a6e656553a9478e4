import type { Command } from "commander";
import { join } from "node:path";
import { AUDIT_FILE } from "../guardrails/audit-log.js";
import { parseSince, readAudit } from "../guardrails/audit-reader.js";
import { displayPath } from "../config/read-json-files.js";
import { readSettings } from "../settings.js";
import { EXIT, print } from "./output.js";
import { formatTable } from "./table.js";

interface AuditOptions {
  server?: string;
  since?: string;
  json?: boolean;
}

/** `pd-mcp audit [--server N] [--since 24h|ISO] [--json]`: the audit of writes, read back. */
export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "Show the audit of writes (STATE_DIR/audit.jsonl): performed, previewed, refused by a guardrail, failed upstream",
    )
    .option("--server <name>", "only this server's writes")
    .option(
      "--since <when>",
      "only entries since a duration ago (30m, 24h, 7d) or an ISO 8601 date-time",
    )
    .option("--json", "print a JSON array of the entries, as stored")
    .action(async (opts: AuditOptions) => {
      const settings = readSettings();
      const file = join(settings.stateDir, AUDIT_FILE);
      const since = opts.since === undefined ? undefined : parseSince(opts.since, Date.now());
      if (opts.since !== undefined && since === undefined) {
        console.error(
          `--since ${opts.since} must be a duration (30m, 24h, 7d) or an ISO 8601 date-time`,
        );
        process.exitCode = EXIT.refused;
        return;
      }
      const { entries, unreadable } = await readAudit(file, { server: opts.server, since });
      print(!!opts.json, entries, () =>
        entries.length === 0
          ? `No audited writes${opts.server ? ` of ${opts.server}` : ""}${opts.since ? ` since ${opts.since}` : ""} in ${displayPath(file)}.`
          : formatTable(
              ["TIME", "SERVER", "TOOL", "OUTCOME", "ID / REASON", "CLIENT"],
              entries.map((e) => [
                e.time,
                e.server,
                e.tool,
                e.outcome + (e.confirmed ? " (confirmed)" : ""),
                e.id ?? e.reason ?? (e.upstream_status ? `HTTP ${e.upstream_status}` : ""),
                e.client ? `${e.client.name} ${e.client.version}`.trim() : "",
              ]),
            ),
      );
      if (unreadable > 0)
        console.error(
          `${unreadable} line(s) of ${displayPath(file)} are not audit entries and were skipped.`,
        );
    });
}
