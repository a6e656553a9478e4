/**
 * Remembers a pure function's results for up to `max` distinct string inputs, then starts over.
 * For per-request work whose inputs repeat (the URL token's hash, the session header's decoding):
 * a Map lookup instead of a sha256 or a base64 + JSON decode. Starting over keeps memory bounded
 * whatever callers send, without the bookkeeping of an LRU.
 */
export function boundedMemo<T>(fn: (input: string) => T, max = 1024): (input: string) => T {
  const seen = new Map<string, T>();
  return (input) => {
    const hit = seen.get(input);
    if (hit !== undefined || seen.has(input)) return hit as T;
    if (seen.size >= max) seen.clear();
    const value = fn(input);
    seen.set(input, value);
    return value;
  };
}
