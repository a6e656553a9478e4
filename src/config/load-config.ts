import { createHash } from "node:crypto";
import type { ConfigProblem } from "../errors.js";
import type { Account } from "./accounts.js";
import { loadIntegrations } from "./load-integrations.js";
import { resolveServers } from "./load-servers.js";
import { listJsonFiles, readJsonFiles, type JsonFile } from "./read-json-files.js";
import type { Snapshot } from "./snapshot.js";

/** Where configuration comes from. */
export interface ConfigSources {
  /** Directory holding one folder per integration. */
  integrationsDir: string;
  /** Directory of server files. */
  serversDir: string;
  /** Accounts by name (from the accounts file and environment; never from git). */
  accounts?: Map<string, Account>;
  /** Servers that exist only in memory (the simulator's demo server). */
  extraServers?: JsonFile[];
  /**
   * Environment read for the variables config files name (a host's base_url_env). Default: none,
   * so tests and the CLI never pick up an override by accident; the service passes process.env.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

export type LoadResult =
  { ok: true; snapshot: Snapshot } | { ok: false; problems: ConfigProblem[] };

/**
 * Reads and validates every config file and builds a snapshot. Never throws for bad files:
 * every problem in every file is returned at once so one run shows everything to fix.
 */
export async function loadConfig(sources: ConfigSources): Promise<LoadResult> {
  const accounts = sources.accounts ?? new Map<string, Account>();
  const [loaded, serverRead] = await Promise.all([
    loadIntegrations(sources.integrationsDir, sources.env),
    listJsonFiles(sources.serversDir).then(readJsonFiles),
  ]);
  const serverFiles = [...serverRead.files, ...(sources.extraServers ?? [])];
  const resolved = resolveServers(serverFiles, loaded.integrations, accounts);
  const problems = [...loaded.problems, ...serverRead.problems, ...resolved.problems];
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  return {
    ok: true,
    snapshot: {
      integrations: loaded.integrations,
      servers: new Map(resolved.servers.map((s) => [s.config.token_sha256, s])),
      serversByName: new Map(resolved.servers.map((s) => [s.config.name, s])),
      accounts,
      fingerprint: fingerprint([...loaded.files, ...serverFiles], accounts),
    },
  };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer),
  );
}

function fingerprint(files: JsonFile[], accounts: Map<string, Account>): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file)))
    hash.update(`${f.file}\0${f.text}\0`);
  // Accounts hold secrets: only a digest of them enters the fingerprint.
  hash.update(JSON.stringify([...accounts.entries()]));
  return hash.digest("hex");
}
