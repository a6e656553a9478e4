import type { Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { FSWatcher } from "chokidar";
import { formatProblem, rejectedFiles, type ConfigProblem } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ConfigStore } from "./config-store.js";
import { buildSnapshot, type ConfigSources } from "./load-config.js";
import { diffSnapshots, type SnapshotDiff } from "./snapshot-diff.js";

/**
 * The result of one reload attempt. `problems` are those of the files as they are now: each file
 * named there is served in its last good version, or not at all. `rejected` means the reload
 * itself failed (a bug): nothing changed.
 */
export type ReloadOutcome =
  | { status: "applied"; diff: SnapshotDiff; problems: ConfigProblem[]; ms: number }
  | { status: "unchanged"; problems: ConfigProblem[]; ms: number }
  | { status: "rejected"; problems: ConfigProblem[]; ms: number };

export interface ReloaderOptions {
  store: ConfigStore;
  /** Called on every reload, so accounts can be re-read too. */
  sources: () => Promise<ConfigSources>;
  logger: Logger;
  onReload?: (outcome: ReloadOutcome) => void;
}

/**
 * Reload = read everything, validate file by file, build a snapshot, swap one reference. A file
 * that fails keeps its last good version (see buildSnapshot), so one broken file never blocks
 * another file's change; a change that alters nothing is skipped. Each distinct problem is
 * logged once, when it appears (and once more when it is fixed), not at every reload. Reloads
 * never overlap: one that is asked for while another runs follows it, and its promise settles
 * when that follow-up has run, so a caller that changed a file and then awaits reload() knows the
 * change was read (several callers waiting share one follow-up). The promise never rejects.
 */
export function createReloader(options: ReloaderOptions): () => Promise<ReloadOutcome> {
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;
  let reported = new Set(options.store.current().problems.map(formatProblem));

  const once = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    const current = options.store.current();
    let outcome: ReloadOutcome;
    try {
      const { snapshot } = await buildSnapshot(await options.sources(), current);
      const ms = performance.now() - started;
      if (snapshot.fingerprint === current.fingerprint) {
        outcome = { status: "unchanged", problems: snapshot.problems, ms };
      } else {
        const diff = diffSnapshots(current, snapshot);
        options.store.replace(snapshot);
        outcome = { status: "applied", diff, problems: snapshot.problems, ms };
        options.logger.info(
          { event: "config_reload", status: "applied", ms: Math.round(ms), ...diff },
          "config reloaded",
        );
      }
    } catch (e) {
      // A bug, not a bad file (those are problems): keep serving and say so with the context.
      const problems = [
        { file: "(reload)", pointer: "", message: `failed: ${(e as Error).message}` },
      ];
      outcome = { status: "rejected", problems, ms: performance.now() - started };
      options.logger.error(
        { event: "config_reload", status: "rejected", err: e },
        "config reload failed, still serving the previous config",
      );
    }
    reportChanges(outcome.problems);
    options.onReload?.(outcome);
    return outcome;
  };

  const reportChanges = (problems: ConfigProblem[]) => {
    const now = new Set(problems.map(formatProblem));
    const added = [...now].filter((p) => !reported.has(p));
    const fixed = [...reported].filter((p) => !now.has(p));
    if (added.length > 0)
      options.logger.error(
        { event: "config_problems", problems: added, rejected_files: rejectedFiles(problems) },
        `config files rejected (each keeps its last good version, or is not served):\n${added.join("\n")}`,
      );
    if (fixed.length > 0)
      options.logger.info(
        { event: "config_problems_fixed", problems: fixed },
        "config problems fixed",
      );
    reported = now;
  };

  const reload = (): Promise<ReloadOutcome> => {
    if (!running) {
      running = once().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return reload();
      });
    return queued;
  };
  return reload;
}

/** Options of the file watcher. */
export interface WatchOptions {
  /** Files and directories to watch. */
  paths: string[];
  reload: () => Promise<ReloadOutcome>;
  /** Quiet time after the last change before reloading, in ms. Default 50. */
  debounceMs?: number;
  /** Called when the watcher itself fails. */
  onError?: (error: Error) => void;
  /**
   * Interval of the safety-net check, in ms (default 2000; 0 turns it off): file events can be
   * missed (watcher limits, editors, network file systems), so the files' names, sizes and mtimes
   * are compared this often and a difference reloads too.
   */
  pollMs?: number;
}

/**
 * Names, sizes and modification times of the files under some paths: cheap to take, changes with
 * them. The entries of a directory are stat'ed together, not one after the other: with every
 * operation loaded (~170 files) that costs half the CPU, and the check runs every pollMs for the
 * life of the process.
 */
async function signature(paths: string[]): Promise<string> {
  const parts: string[] = [];
  const visit = async (path: string, st: Stats | undefined, depth: number): Promise<void> => {
    if (!st) {
      parts.push(`${path}:absent`);
      return;
    }
    if (!st.isDirectory() || depth >= 4) {
      parts.push(`${path}:${st.size}:${st.mtimeMs}`);
      return;
    }
    let names: string[];
    try {
      names = await readdir(path);
    } catch (e) {
      parts.push(`${path}:unreadable:${(e as NodeJS.ErrnoException).code}`);
      return;
    }
    const entries = names.sort().map((name) => join(path, name));
    const stats = await Promise.all(entries.map(statOrAbsent));
    for (const [i, entry] of entries.entries()) await visit(entry, stats[i], depth + 1);
  };
  for (const p of paths) await visit(p, await statOrAbsent(p), 0);
  return parts.join("\n");
}

function statOrAbsent(path: string): Promise<Stats | undefined> {
  return stat(path).catch(() => undefined);
}

/** Watches config paths (chokidar) and reloads after changes settle. Returns a closer. */
export function watchConfig(options: WatchOptions): {
  ready: Promise<void>;
  close: () => Promise<void>;
} {
  const debounce = options.debounceMs ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  let poll: NodeJS.Timeout | undefined;
  const pollMs = options.pollMs ?? 2000;
  // Both the watcher and the safety net come here; the signature taken just before each reload
  // keeps the safety net from reloading again for a change the watcher already reported.
  // Every path ends here, so no failure of a watcher, a poll or a reload is left unhandled; each
  // distinct failure is reported once.
  const failures = new Set<string>();
  const fail = (e: unknown) => {
    const error = e instanceof Error ? e : new Error(String(e));
    if (failures.has(error.message)) return;
    failures.add(error.message);
    options.onError?.(error);
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      (pollMs > 0 ? signature(options.paths).then((s) => (last = s)) : Promise.resolve())
        .then(() => options.reload())
        .catch(fail);
    }, debounce);
  };
  let watcher: FSWatcher | undefined;
  // chokidar is imported here, not at start-up: serving does not wait for the watcher.
  const watcherReady = import("chokidar").then(({ watch }) => {
    watcher = watch(options.paths, {
      ignoreInitial: true,
      // Editors' and our own temporary files (".name.tmp") are not config.
      ignored: (path: string) => /(^|\/)\.[^/]*\.tmp$|~$|\.swp$/.test(path),
    });
    // A watcher that fails (e.g. the system's inotify limit) must say so: reloads would silently stop.
    watcher.on("error", fail);
    watcher.on("all", schedule);
    const w = watcher;
    return new Promise<void>((resolve) => w.once("ready", () => resolve()));
  });
  let closed = false;
  const ready = (async () => {
    await watcherReady;
    if (pollMs <= 0) return;
    last = await signature(options.paths);
    if (closed) return;
    poll = setInterval(() => {
      signature(options.paths)
        .then((now) => {
          if (now !== last) schedule();
        })
        .catch(fail);
    }, pollMs);
    poll.unref();
  })().catch(fail);
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      await watcherReady.catch(() => undefined);
      await watcher?.close();
    },
  };
}
