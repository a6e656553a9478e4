/**
 * The opaque `next_cursor` the model passes back unchanged. It is base64url JSON so that it can
 * carry either an offset or upstream's own cursor or key; `k` names the strategy so that a cursor
 * from one kind of list is refused by another instead of being misread.
 */
export interface CursorState {
  k: "offset" | "cursor" | "after";
  /** Next offset (offset pagination). */
  o?: number;
  /** Upstream's cursor (cursor pagination) or the key to start after (after_before). */
  c?: string;
}

const KINDS: ReadonlyArray<CursorState["k"]> = ["offset", "cursor", "after"];

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

/** Decodes a cursor, or returns undefined when it is not one of ours. */
export function decodeCursor(cursor: string): CursorState | undefined {
  try {
    const state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorState;
    if (state && KINDS.includes(state.k)) return state;
  } catch {
    // fall through: not a cursor we issued
  }
  return undefined;
}

/** The upstream cursor or key inside one of our cursors of kind `k`, or undefined. */
export function upstreamKey(cursor: string, k: "cursor" | "after"): string | undefined {
  const state = decodeCursor(cursor);
  return state?.k === k && typeof state.c === "string" ? state.c : undefined;
}

/** Wraps upstream's cursor or key, or null when there is none (the end). */
export function wrapKey(k: "cursor" | "after", value: unknown): string | null {
  if (typeof value === "number") value = String(value);
  return typeof value === "string" && value !== "" ? encodeCursor({ k, c: value }) : null;
}
