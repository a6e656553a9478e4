/**
 * The opaque `next_cursor` the model passes back unchanged. It is base64url JSON so that it can
 * carry either an offset or upstream's own cursor; `k` names the strategy so that a cursor from
 * one kind of list is refused by another instead of being misread.
 */
export interface CursorState {
  k: "offset" | "cursor";
  /** Next offset (offset pagination). */
  o?: number;
  /** Upstream's cursor (cursor pagination). */
  c?: string;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

/** Decodes a cursor, or returns undefined when it is not one of ours. */
export function decodeCursor(cursor: string): CursorState | undefined {
  try {
    const state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorState;
    if (state && (state.k === "offset" || state.k === "cursor")) return state;
  } catch {
    // fall through: not a cursor we issued
  }
  return undefined;
}
