import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ConfigProblem } from "../errors.js";
import { compileGuardrails } from "../guardrails/server-guardrails.js";
import type { Account } from "./accounts.js";
import { DEFAULT_ACCOUNT } from "./accounts.js";
import { validateStructure } from "./file-schemas.js";
import type { JsonFile } from "./read-json-files.js";
import { knownFilterValues, toolMatches } from "./server-filter.js";
import type { LoadedIntegration, ServerEntry } from "./snapshot.js";
import type { ServerFile } from "./types/server.js";
import { renderServerTools, resolveExposure } from "../interpreter/server-tools.js";
import { DEFAULT_TOOL_INFIX } from "../interpreter/tool-name.js";

/**
 * Validates server files (structure, then meaning: file name, integration, account, filter
 * values, guardrails, expiry), resolves each to the tools it exposes (as its guardrails show
 * them), then applies the cross-file rules
 * (token hash and name unique; the later file is refused).
 */
export function resolveServers(
  files: JsonFile[],
  integrations: Map<string, LoadedIntegration>,
  accounts: Map<string, Account>,
): { servers: ServerEntry[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const candidates: ServerCandidate[] = [];
  for (const f of files) {
    const resolved = resolveServer(f, integrations, accounts);
    problems.push(...resolved.problems);
    if (resolved.entry) candidates.push({ entry: resolved.entry });
  }
  const admitted = admitServers(candidates);
  return { servers: admitted.servers, problems: [...problems, ...admitted.problems] };
}

/** Checks one server file on its own (no cross-file rule) and resolves it to its tools. */
export function resolveServer(
  f: JsonFile,
  integrations: Map<string, LoadedIntegration>,
  accounts: Map<string, Account>,
): { entry?: ServerEntry; problems: ConfigProblem[] } {
  const structural = validateStructure("server", f.doc);
  const problems: ConfigProblem[] = structural.map((p) => ({ file: f.file, ...p }));
  if (structural.length > 0) return { problems };
  const config = f.doc as ServerFile;
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
  const expiresAt = parseExpiry(config.expires_at);
  if (Number.isNaN(expiresAt))
    at(
      "/expires_at",
      `cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)`,
    );
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
  if (problems.length > 0 || !integration) return { problems };

  const exposed = [...integration.tools.values()].filter((t) => toolMatches(t, config.config));
  // Guardrails narrow the exposed tools' definitions: what tools/list shows is the guarded tool.
  const guarded = compileGuardrails(config, exposed, integration.tools);
  for (const p of guarded.problems) at(p.pointer, p.message);
  if (guarded.problems.length > 0) return { problems };
  const exposure = resolveExposure(config.config.tool_exposure, exposed.length);
  const tools = renderServerTools(guarded.tools, {
    exposure,
    infix: integration.config.tool_prefix ?? DEFAULT_TOOL_INFIX,
    defaultFromEmail: accounts.get(config.account)?.fromEmail,
  });
  return {
    problems,
    entry: {
      file: f.file,
      path: f.path,
      config,
      integration,
      tools,
      toolsByName: new Map(tools.map((t) => [t.name, t])),
      exposure,
      guardrails: guarded.guardrails,
      expiresAt,
      catalogVersion: catalogVersion(tools, `${exposure} ${config.config.chatgpt_search ?? false}`),
    },
  };
}

/** A valid server entry waiting for the cross-file rules, with what to serve if it is refused. */
export interface ServerCandidate {
  entry: ServerEntry;
  /** The file's last good version, tried when `entry` is refused. */
  fallback?: ServerEntry;
}

/**
 * The cross-file rules: token hashes and names are unique. Candidates are taken in the order
 * given (put the ones already served first), so a clash refuses only the newcomer; a refused
 * newcomer falls back to its file's last good version when it has one.
 */
export function admitServers(candidates: ServerCandidate[]): {
  servers: ServerEntry[];
  problems: ConfigProblem[];
} {
  const byToken = new Map<string, string>();
  const byName = new Map<string, string>();
  const servers: ServerEntry[] = [];
  const problems: ConfigProblem[] = [];
  for (const c of candidates) {
    let refused = false;
    for (const option of c.fallback ? [c.entry, c.fallback] : [c.entry]) {
      const { token_sha256: token, name } = option.config;
      const clash = byToken.has(token)
        ? {
            pointer: "/token_sha256",
            message: `is the same as in ${byToken.get(token)}: rotate one of them with npx pd-mcp servers rotate`,
          }
        : byName.has(name)
          ? { pointer: "/name", message: `is already used by ${byName.get(name)}: rename one` }
          : undefined;
      if (clash) {
        if (!refused) problems.push({ file: c.entry.file, ...clash });
        refused = true;
        continue;
      }
      byToken.set(token, option.file);
      byName.set(name, option.file);
      servers.push(option);
      break;
    }
  }
  return { servers, problems };
}

/**
 * The one way an expiry is read (service, CLI, admin API): epoch ms, null for never, NaN for a
 * value that cannot be read (refused as a problem; treated as already expired).
 */
export function parseExpiry(value: string | null | undefined): number | null {
  return value ? Date.parse(value) : null;
}

/** A short stable hash of the exposed tool definitions: changes exactly when the catalog does. */
export function catalogVersion(tools: Array<{ definition: object }>, presentation = ""): string {
  const hash = createHash("sha256");
  hash.update(presentation);
  for (const t of tools) hash.update(definitionJson(t.definition));
  return `1.0.0+${hash.digest("hex").slice(0, 12)}`;
}

// Definitions are immutable and shared across reloads by the tools of unchanged files: a reload
// serializes only the definitions that are new.
const definitionJsonCache = new WeakMap<object, string>();

function definitionJson(definition: object): string {
  let json = definitionJsonCache.get(definition);
  if (json === undefined) {
    json = JSON.stringify(definition);
    definitionJsonCache.set(definition, json);
  }
  return json;
}
