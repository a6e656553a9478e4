/** Runs a task when a slot is free; at most `limit` run at once, the rest wait in order. */
export type Slot = <T>(task: () => Promise<T>) => Promise<T>;

/** A fresh set of `limit` slots (one per batch: its tool calls share them). */
export function createSlots(limit: number): Slot {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
