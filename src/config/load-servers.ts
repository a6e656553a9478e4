import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ConfigProblem } from "../errors.js";
import type { Account } from "./accounts.js";
import { DEFAULT_ACCOUNT } from "./accounts.js";
import { validateStructure } from "./file-schemas.js";
import type { JsonFile } from "./read-json-files.js";
import { knownFilterValues, toolMatches } from "./server-filter.js";
import type { LoadedIntegration, ServerEntry } from "./snapshot.js";
import type { ServerFile } from "./types/server.js";

/**
 * Validates server files (structure, then meaning: file name, integration, account, filter
 * values, expiry, unique token) and resolves each to the tools it exposes.
 */
export function resolveServers(
  files: JsonFile[],
  integrations: Map<string, LoadedIntegration>,
  accounts: Map<string, Account>,
): { servers: ServerEntry[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const servers: ServerEntry[] = [];
  const byToken = new Map<string, string>();
  for (const f of files) {
    const structural = validateStructure("server", f.doc);
    problems.push(...structural.map((p) => ({ file: f.file, ...p })));
    if (structural.length > 0) continue;
    const config = f.doc as ServerFile;
    const before = problems.length;
    const at = (pointer: string, message: string) =>
      problems.push({ file: f.file, pointer, message });

    const expected = basename(f.path, ".json");
    if (f.path !== "" && config.name !== expected)
      at(
        "/name",
        `must equal the file name "${expected}" (rename the file to ${config.name}.json or change name)`,
      );
    const integration = integrations.get(config.integration);
    if (!integration)
      at(
        "/integration",
        `names no known integration: known are ${[...integrations.keys()].join(", ") || "none"}`,
      );
    if (config.account !== DEFAULT_ACCOUNT && !accounts.has(config.account)) {
      at(
        "/account",
        `names no configured account: known are ${[DEFAULT_ACCOUNT, ...[...accounts.keys()].filter((a) => a !== DEFAULT_ACCOUNT)].join(", ")}; add it to the accounts file (ACCOUNTS_FILE)`,
      );
    }
    const expiresAt = config.expires_at ? Date.parse(config.expires_at) : null;
    if (integration) {
      const known = knownFilterValues(integration.tools.values());
      (config.config.methods ?? []).forEach((m, i) => {
        if (!known.methods.includes(m))
          at(`/config/methods/${i}`, `must be one of ${known.methods.join(", ")}`);
      });
      (config.config.tags ?? []).forEach((t, i) => {
        if (!known.tags.includes(t))
          at(`/config/tags/${i}`, `must be one of ${known.tags.join(", ")}`);
      });
      (config.config.tools ?? []).forEach((t, i) => {
        if (!integration.tools.has(t))
          at(
            `/config/tools/${i}`,
            `names no tool of integration ${integration.config.name}: list them with npx pd-mcp tools`,
          );
      });
    }
    const earlier = byToken.get(config.token_sha256);
    if (earlier)
      at(
        "/token_sha256",
        `is the same as in ${earlier}: rotate one of them with npx pd-mcp servers rotate`,
      );
    byToken.set(config.token_sha256, f.file);
    if (problems.length > before || !integration) continue;

    const tools = [...integration.tools.values()].filter((t) => toolMatches(t, config.config));
    servers.push({
      file: f.file,
      config,
      integration,
      tools,
      toolsByName: new Map(tools.map((t) => [t.name, t])),
      expiresAt,
      catalogVersion: catalogVersion(tools),
    });
  }
  return { servers, problems };
}

/** A short stable hash of the exposed tool definitions: changes exactly when the catalog does. */
export function catalogVersion(tools: Array<{ definition: unknown }>): string {
  const hash = createHash("sha256");
  for (const t of tools) hash.update(JSON.stringify(t.definition));
  return `1.0.0+${hash.digest("hex").slice(0, 12)}`;
}
