import { open, stat, unlink } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** Options of a lock file. */
export interface LockOptions {
  /** A lock older than this is taken to be left by a crashed process and removed. Default 10 s. */
  staleMs?: number;
  /** Give up waiting after this long. Default 5 s. */
  timeoutMs?: number;
}

/** The lock could not be taken in time. */
export class LockTimeoutError extends Error {}

/**
 * Runs `fn` while holding `lockPath`, a file created with O_EXCL: exactly one holder at a time
 * among all processes that share the directory, on a local file system (network file systems
 * may not honour O_EXCL). Waiters poll with a short random back-off. A lock whose file is older
 * than `staleMs` (its holder crashed; holding takes milliseconds) is removed.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  let delay = 1;
  for (;;) {
    try {
      const handle = await open(lockPath, "wx", 0o600);
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > staleMs) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline)
      throw new LockTimeoutError(`${lockPath} stayed locked for longer than the timeout`);
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 20);
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
