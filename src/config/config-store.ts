import type { Snapshot } from "./snapshot.js";

/**
 * Holds the current snapshot. Readers take `current()` once per request and keep using that
 * object, so a swap never changes config under a request in flight.
 */
export class ConfigStore {
  private snapshot: Snapshot;
  private readonly listeners = new Set<(next: Snapshot, previous: Snapshot) => void>();

  constructor(initial: Snapshot) {
    this.snapshot = initial;
  }

  current(): Snapshot {
    return this.snapshot;
  }

  /** Swaps in a new snapshot (one reference assignment) and tells listeners. */
  replace(next: Snapshot): void {
    const previous = this.snapshot;
    this.snapshot = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  onChange(listener: (next: Snapshot, previous: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
