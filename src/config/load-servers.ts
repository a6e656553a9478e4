import { createHash } from "node:crypto";
import type { ConfigProblem } from "../errors.js";
import { compileGuardrails } from "../guardrails/server-guardrails.js";
import type { Account } from "./accounts.js";
import { validateStructure } from "./file-schemas.js";
import type { JsonFile } from "./read-json-files.js";
import { toolMatches } from "./server-filter.js";
import { mergeProblems, serverMeaning } from "./server-meaning.js";
import type { LoadedIntegration, ServerEntry } from "./snapshot.js";
import type { ServerFile } from "./types/server.js";
import { renderServerTools, resolveExposure } from "../interpreter/server-tools.js";
import { DEFAULT_TOOL_INFIX } from "../interpreter/tool-name.js";

export { parseExpiry } from "./server-meaning.js";

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

/**
 * Checks one server file on its own (no cross-file rule) and resolves it to its tools. Both passes
 * run whatever the other finds, so every problem of the file is reported at once: the meaning
 * checks on every field the schema left readable, the guardrails whenever the tool filter is
 * sound (the schema and the filter values found nothing under /config).
 */
export function resolveServer(
  f: JsonFile,
  integrations: Map<string, LoadedIntegration>,
  accounts: Map<string, Account>,
): { entry?: ServerEntry; problems: ConfigProblem[] } {
  const structural = validateStructure("server", f.doc).map((p) => ({ file: f.file, ...p }));
  const meaning = serverMeaning(f, integrations, accounts);
  const problems = mergeProblems(structural, meaning.problems);
  const { integration, expiresAt } = meaning;
  const underConfig = (p: ConfigProblem) =>
    p.pointer === "/config" || p.pointer.startsWith("/config/");
  const config = f.doc as ServerFile;
  if (!integration || typeof config?.config !== "object" || problems.some(underConfig))
    return { problems };

  const exposed = [...integration.tools.values()].filter((t) => toolMatches(t, config.config));
  // Guardrails narrow the exposed tools' definitions: what tools/list shows is the guarded tool.
  const guarded = compileGuardrails(config, exposed, integration.tools);
  problems.push(...guarded.problems.map((p) => ({ file: f.file, ...p })));
  if (problems.length > 0) return { problems };
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

/** A short stable hash of the exposed tool definitions: changes exactly when the catalog does. */
export function catalogVersion(tools: Array<{ definition: unknown }>, presentation = ""): string {
  const hash = createHash("sha256");
  hash.update(presentation);
  for (const t of tools) hash.update(JSON.stringify(t.definition));
  return `1.0.0+${hash.digest("hex").slice(0, 12)}`;
}
