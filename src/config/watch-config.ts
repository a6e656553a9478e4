import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { FSWatcher } from "chokidar";
import { ConfigError, formatProblem, type ConfigProblem } from "../errors.js";
import type { Logger } from "../logger.js";
import type { ConfigStore } from "./config-store.js";
import { loadConfig, type ConfigSources } from "./load-config.js";
import { diffSnapshots, type SnapshotDiff } from "./snapshot-diff.js";

/** The result of one reload attempt. */
export type ReloadOutcome =
  | { status: "applied"; diff: SnapshotDiff; ms: number }
  | { status: "unchanged"; ms: number }
  | { status: "rejected"; problems: ConfigProblem[]; ms: number };

export interface ReloaderOptions {
  store: ConfigStore;
  /** Called on every reload, so accounts can be re-read too. */
  sources: () => Promise<ConfigSources>;
  logger: Logger;
  onReload?: (outcome: ReloadOutcome) => void;
}

/**
 * Reload = read everything, validate everything, build a snapshot, swap one reference. An invalid
 * change keeps the running snapshot and logs every problem; a change that alters nothing is
 * skipped. Reloads never overlap: one that is asked for while another runs follows it, and its
 * promise settles when that follow-up has run, so a caller that changed a file and then awaits
 * reload() knows the change was read (several callers waiting share one follow-up).
 */
export function createReloader(options: ReloaderOptions): () => Promise<ReloadOutcome> {
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;

  const once = async (): Promise<ReloadOutcome> => {
    const started = performance.now();
    let result: Awaited<ReturnType<typeof loadConfig>>;
    try {
      result = await loadConfig(await options.sources());
    } catch (e) {
      // Accounts file problems arrive as a ConfigError; anything else is a bug worth surfacing.
      if (!(e instanceof ConfigError)) throw e;
      result = { ok: false, problems: e.problems };
    }
    const ms = performance.now() - started;
    let outcome: ReloadOutcome;
    if (!result.ok) {
      outcome = { status: "rejected", problems: result.problems, ms };
      options.logger.error(
        {
          event: "config_reload",
          status: "rejected",
          problems: result.problems.map(formatProblem),
        },
        `config change rejected, still serving the previous config:\n${result.problems.map(formatProblem).join("\n")}`,
      );
    } else if (result.snapshot.fingerprint === options.store.current().fingerprint) {
      outcome = { status: "unchanged", ms };
    } else {
      const diff = diffSnapshots(options.store.current(), result.snapshot);
      options.store.replace(result.snapshot);
      outcome = { status: "applied", diff, ms };
      options.logger.info(
        { event: "config_reload", status: "applied", ms: Math.round(ms), ...diff },
        "config reloaded",
      );
    }
    options.onReload?.(outcome);
    return outcome;
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

/** Names, sizes and modification times of the files under some paths: cheap to take, changes with them. */
async function signature(paths: string[]): Promise<string> {
  const parts: string[] = [];
  const visit = async (path: string, depth: number): Promise<void> => {
    let st;
    try {
      st = await stat(path);
    } catch {
      parts.push(`${path}:absent`);
      return;
    }
    if (st.isDirectory() && depth < 4) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name), depth + 1);
    } else {
      parts.push(`${path}:${st.size}:${st.mtimeMs}`);
    }
  };
  for (const p of paths) await visit(p, 0);
  return parts.join("\n");
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
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void (pollMs > 0 ? signature(options.paths).then((s) => (last = s)) : Promise.resolve()).then(
        () => options.reload(),
      );
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
    watcher.on("error", (e) => options.onError?.(e as Error));
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
      void signature(options.paths).then((now) => {
        if (now !== last) schedule();
      });
    }, pollMs);
    poll.unref();
  })();
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
