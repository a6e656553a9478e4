import type { Command } from "commander";
import { displayPath } from "../config/read-json-files.js";
import { isExpired, readServerFile, serverFilePath } from "../config/server-files.js";
import { readSettings } from "../settings.js";
import { print } from "./output.js";
import { refuseUnknown } from "./servers-commands.js";

/**
 * `pd-mcp servers show NAME`: every field of the server file except the token hash, plus whether
 * it is live. The URL cannot be shown: only its hash is stored (rotate gives a new one).
 */
export function registerServersShow(servers: Command): void {
  servers
    .command("show")
    .description(
      "Show one server: every field of SERVERS_DIR/<name>.json but the token hash, and whether it is live or expired",
    )
    .argument("<name>", "server name")
    .option("--json", "print one JSON object (never a token or its hash)")
    .action(async (name: string, opts: { json?: boolean }) => {
      const settings = readSettings();
      const file = displayPath(serverFilePath(settings.serversDir, name));
      const server = await readServerFile(settings.serversDir, name);
      if (!server) return refuseUnknown(!!opts.json, file, name);
      const { token_sha256: _hash, ...fields } = server;
      const shown = {
        ...fields,
        status: isExpired(server, Date.now()) ? "expired" : "live",
        file,
      };
      print(!!opts.json, shown, () =>
        [
          ...flatten(shown).map(([key, value]) => `${`${key}:`.padEnd(24)} ${human(value)}`),
          `${"url:".padEnd(24)} not stored (shown once at creation); npx pd-mcp servers rotate ${name} makes a new one`,
        ].join("\n"),
      );
    });
}

/** Nested objects as dotted keys (config.methods), for people. */
function flatten(value: Record<string, unknown>, prefix = ""): Array<[string, unknown]> {
  return Object.entries(value).flatMap(([key, v]): Array<[string, unknown]> =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? flatten(v as Record<string, unknown>, `${prefix}${key}.`)
      : [[`${prefix}${key}`, v]],
  );
}

function human(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string"))
    return value.length === 0 ? "all" : value.join(", ");
  return JSON.stringify(value);
}
