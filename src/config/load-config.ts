import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ConfigProblem } from "../errors.js";
import type { Account } from "./accounts.js";
import { loadIntegrations } from "./load-integrations.js";
import { admitServers, resolveServer, type ServerCandidate } from "./load-servers.js";
import {
  displayPath,
  listJsonFiles,
  readJsonFiles,
  serverFileReading,
  type JsonFile,
} from "./read-json-files.js";
import type { ServerEntry, Snapshot } from "./snapshot.js";

/** Where configuration comes from. */
export interface ConfigSources {
  /** Directory holding one folder per integration. */
  integrationsDir: string;
  /** Directory of server files. */
  serversDir: string;
  /** Accounts by name (from the accounts file and environment; never from git). */
  accounts?: Map<string, Account>;
  /** Problems of the accounts file: with a previous snapshot, its accounts are kept. */
  accountProblems?: ConfigProblem[];
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
 * Reads and validates every config file and builds a snapshot, refusing it when any file has a
 * problem (start-up and `pd-mcp validate`). Never throws for bad files: every problem in every
 * file is returned at once so one run shows everything to fix.
 */
export async function loadConfig(sources: ConfigSources): Promise<LoadResult> {
  const built = await buildSnapshot(sources);
  if (built.snapshot.problems.length > 0) return { ok: false, problems: built.snapshot.problems };
  return { ok: true, snapshot: built.snapshot };
}

/**
 * Builds a snapshot file by file (hot reload): a deleted server disappears, a valid file applies,
 * an invalid one keeps its version in `previous` if it had one (otherwise it is not served) and is
 * reported in the snapshot's `problems`. The cross-file rules refuse only the newcomer. When a
 * whole directory or the accounts file cannot be read, what `previous` had from it is kept.
 */
export async function buildSnapshot(
  sources: ConfigSources,
  previous?: Snapshot,
): Promise<{ snapshot: Snapshot }> {
  const problems: ConfigProblem[] = [...(sources.accountProblems ?? [])];
  const accounts =
    previous && problems.length > 0
      ? previous.accounts
      : (sources.accounts ?? new Map<string, Account>());
  const [loaded, serverRead] = await Promise.all([
    loadIntegrations(sources.integrationsDir, previous?.integrations, sources.env),
    readServersDir(sources.serversDir),
  ]);
  problems.push(...loaded.problems, ...serverRead.problems);

  const before = new Map<string, ServerEntry>();
  for (const s of previous?.servers.values() ?? []) before.set(s.file, s);
  const keep = (s: ServerEntry | undefined) =>
    s && resolveServer(jsonFileOf(s), loaded.integrations, accounts).entry;

  const candidates: Array<ServerCandidate & { served: boolean }> = [];
  const files = [...(sources.extraServers ?? []), ...serverRead.files];
  for (const f of files) {
    const resolved = resolveServer(f, loaded.integrations, accounts);
    problems.push(...resolved.problems);
    const old = before.get(f.file);
    if (resolved.entry) {
      const same = old?.config.token_sha256 === resolved.entry.config.token_sha256;
      candidates.push({
        entry: resolved.entry,
        fallback: same ? undefined : keep(old),
        served: same,
      });
    } else {
      const kept = keep(old);
      if (kept) candidates.push({ entry: kept, served: true });
    }
  }
  if (serverRead.unreadable) {
    // The directory cannot be listed: nothing is known to be deleted, so its servers stay.
    const seen = new Set(files.map((f) => f.file));
    for (const s of before.values()) {
      const inDir = s.path.startsWith(join(sources.serversDir, "/"));
      const kept = inDir && !seen.has(s.file) ? keep(s) : undefined;
      if (kept) candidates.push({ entry: kept, served: true });
    }
  }
  // Servers already served with the same token go first: a clash refuses only the newcomer.
  candidates.sort((a, b) => Number(b.served) - Number(a.served));
  const admitted = admitServers(candidates);
  problems.push(...admitted.problems);

  const sorted = sortProblems(problems);
  return {
    snapshot: {
      integrations: loaded.integrations,
      servers: new Map(admitted.servers.map((s) => [s.config.token_sha256, s])),
      serversByName: new Map(admitted.servers.map((s) => [s.config.name, s])),
      accounts,
      problems: sorted,
      fingerprint: fingerprint([...loaded.files, ...files], sources.accounts, sorted),
    },
  };
}

/** The server files of a directory, read strictly; a directory that cannot be listed is a problem. */
async function readServersDir(dir: string) {
  let paths: string[];
  try {
    paths = await listJsonFiles(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOTDIR" ? "is not a directory" : `cannot be read (${code})`;
    return {
      files: [],
      unreadable: true,
      problems: [
        {
          file: displayPath(dir),
          pointer: "",
          message: `${why}: its servers keep their last good version until it can be read again`,
        },
      ],
    };
  }
  const read = await readJsonFiles(paths, serverFileReading(dir));
  return { ...read, unreadable: false };
}

/** A served entry as a file again, to check it against the integrations and accounts of now. */
function jsonFileOf(s: ServerEntry): JsonFile {
  return { file: s.file, path: s.path, text: "", doc: s.config };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort(
    (a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer),
  );
}

/** What was read: equal fingerprints mean a rebuild would give the same snapshot. */
function fingerprint(
  files: JsonFile[],
  accounts: Map<string, Account> | undefined,
  problems: ConfigProblem[],
): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file)))
    hash.update(`${f.file}\0${f.text}\0`);
  for (const p of problems) hash.update(`${p.file}\0${p.pointer}\0${p.message}\0`);
  // Accounts hold secrets: only a digest of them enters the fingerprint.
  hash.update(JSON.stringify([...(accounts ?? new Map()).entries()]));
  return hash.digest("hex");
}
