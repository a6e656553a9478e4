import type { Request, Response } from "express";
import { invalidInput } from "./errors.js";
import { queryFlag, queryString } from "./query.js";

/** PagerDuty's classic pagination fields, sent next to the page's items. */
export interface ClassicEnvelope {
  limit: number;
  offset: number;
  more: boolean;
  /** Counted only when the request says total=true; null otherwise. */
  total: number | null;
}

/** Default page size of classic pagination. */
export const DEFAULT_LIMIT = 25;
/** Largest page PagerDuty serves; larger limits are lowered to it. */
export const MAX_LIMIT = 100;
/** Classic pagination cannot reach past this many records (offset + limit). */
export const MAX_RECORDS = 10_000;

/**
 * Cuts one page out of `items` with `limit` (default 25, capped at 100), `offset` and
 * `total=true`. Answers 400 and returns undefined for bad values and for pages beyond
 * PagerDuty's 10,000-record reach.
 */
export function paginate<T>(
  req: Request,
  res: Response,
  items: T[],
): { page: T[]; envelope: ClassicEnvelope } | undefined {
  const rawLimit = queryString(req, "limit");
  const rawOffset = queryString(req, "offset");
  const limit = rawLimit === undefined || rawLimit === "" ? DEFAULT_LIMIT : Number(rawLimit);
  const offset = rawOffset === undefined || rawOffset === "" ? 0 : Number(rawOffset);
  const errors: string[] = [];
  if (!Number.isInteger(limit) || limit < 1) errors.push("Limit must be a positive integer.");
  if (!Number.isInteger(offset) || offset < 0)
    errors.push("Offset must be a non-negative integer.");
  if (errors.length > 0) {
    invalidInput(res, errors);
    return undefined;
  }
  const size = Math.min(limit, MAX_LIMIT);
  if (offset + size > MAX_RECORDS) {
    invalidInput(res, [
      `Offset plus limit must not exceed ${MAX_RECORDS}; narrow the search with filters instead.`,
    ]);
    return undefined;
  }
  return {
    page: items.slice(offset, offset + size),
    envelope: {
      limit: size,
      offset,
      more: offset + size < items.length,
      total: queryFlag(req, "total") ? items.length : null,
    },
  };
}

/** Answers a classic paginated list: `{ [key]: page.map(render), limit, offset, more, total }`. */
export function sendPage<T>(
  req: Request,
  res: Response,
  key: string,
  items: T[],
  render: (item: T) => unknown,
): void {
  const paged = paginate(req, res, items);
  if (paged) res.json({ [key]: paged.page.map(render), ...paged.envelope });
}
