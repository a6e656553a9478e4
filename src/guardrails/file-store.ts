import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GuardrailStore } from "./guardrail-store.js";
import { withFileLock, type LockOptions } from "./file-lock.js";
import { admit, emptyState, type GuardrailState } from "./write-budget.js";

/** The state file's name inside the state directory. */
export const STATE_FILE = "guardrail-state.json";

/**
 * The default store: one JSON file in the state directory (STATE_DIR), read and replaced under a
 * lock file for every write call, so counts survive restarts and replicas that share the
 * directory agree exactly. Limits: the directory must be on a local file system (or one that
 * honours O_EXCL and atomic rename), every write call takes one lock (a few milliseconds), and
 * the file holds one timestamp per counted write within the longest window.
 */
export function createFileStore(dir: string, lock: LockOptions = {}): GuardrailStore {
  const file = join(dir, STATE_FILE);
  let ready: Promise<unknown> | undefined;
  // Calls of this process queue here instead of competing for the lock file.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    location: dir,
    admit: (request) =>
      serial(async () => {
        await (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }));
        return withFileLock(
          `${file}.lock`,
          async () => {
            const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
              if (e.code === "ENOENT") return undefined;
              throw e;
            });
            const state = text === undefined ? emptyState() : parseState(text, file);
            const answer = admit(state, request);
            const next = JSON.stringify(state);
            if (next !== text) {
              const tmp = join(dir, `.${STATE_FILE}.${randomBytes(4).toString("hex")}.tmp`);
              await writeFile(tmp, next, { mode: 0o600 });
              await rename(tmp, file);
            }
            return answer;
          },
          lock,
        );
      }),
  };
}

/** Reads the state; a damaged file refuses writes (budgets must not silently restart). */
function parseState(text: string, file: string): GuardrailState {
  try {
    const parsed = JSON.parse(text) as Partial<GuardrailState>;
    if (
      typeof parsed.windows === "object" &&
      typeof parsed.used === "object" &&
      parsed.windows &&
      parsed.used
    )
      return parsed as GuardrailState;
  } catch {
    // reported below
  }
  throw new Error(
    `${file} is not a guardrail state file: fix it, or delete it to restart every write budget from zero`,
  );
}
