import { watch, type FSWatcher } from "chokidar";
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
}

/** Watches config paths (chokidar) and reloads after changes settle. Returns a closer. */
export function watchConfig(options: WatchOptions): {
  ready: Promise<void>;
  close: () => Promise<void>;
} {
  const debounce = options.debounceMs ?? 50;
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(options.paths, {
    ignoreInitial: true,
    // Editors' and our own temporary files (".name.tmp") are not config.
    ignored: (path: string) => /(^|\/)\.[^/]*\.tmp$|~$|\.swp$/.test(path),
  });
  // A watcher that fails (e.g. the system's inotify limit) must say so: reloads would silently stop.
  watcher.on("error", (e) => options.onError?.(e as Error));
  watcher.on("all", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void options.reload(), debounce);
  });
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
