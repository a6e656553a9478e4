/** PagerDuty's cursor pagination fields, sent next to the page's items. */
export interface CursorEnvelope {
  limit: number;
  /** Opaque; null on the last page. */
  next_cursor: string | null;
}

/**
 * Cuts the page after `cursor` out of `items` (already in their final order). The cursor is the
 * opaque, base64url-encoded key of the last item served, so records added meanwhile neither
 * repeat nor shift the pages. Returns null when the cursor is not one this function made or
 * names an item that is not in `items` (another query's cursor).
 */
export function cursorPage<T>(
  items: T[],
  keyOf: (item: T) => string,
  cursor: string | undefined,
  limit: number,
): { page: T[]; envelope: CursorEnvelope } | null {
  let start = 0;
  if (cursor !== undefined) {
    const key = decode(cursor);
    if (key === null) return null;
    const at = items.findIndex((item) => keyOf(item) === key);
    if (at < 0) return null;
    start = at + 1;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    page,
    envelope: { limit, next_cursor: more ? encode(keyOf(page[page.length - 1])) : null },
  };
}

const PREFIX = "sim1:";

function encode(key: string): string {
  return Buffer.from(PREFIX + key, "utf8").toString("base64url");
}

function decode(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : null;
}
