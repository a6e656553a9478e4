import type { Request, Response } from "express";
import { invalidInput } from "./errors.js";

/**
 * PagerDuty's classic pagination: limit (default 25, capped at `max`), offset, more, total
 * (only counted when total=true). Offsets past 10,000 records are refused as PagerDuty does.
 * Returns undefined after answering 400 for bad paging parameters.
 */
export function paginate<T>(
  req: Request,
  res: Response,
  items: T[],
  max = 100,
): { page: T[]; envelope: Record<string, unknown> } | undefined {
  const limit = req.query.limit === undefined ? 25 : Number(req.query.limit);
  const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
    invalidInput(res, ["Offset must be a non-negative integer and limit a positive integer."]);
    return undefined;
  }
  if (offset + Math.min(limit, max) > 10000) {
    invalidInput(res, ["Offset must be less than 10000; narrow the search instead."]);
    return undefined;
  }
  const size = Math.min(limit, max);
  return {
    page: items.slice(offset, offset + size),
    envelope: {
      limit: size,
      offset,
      more: offset + size < items.length,
      total: req.query.total === "true" ? items.length : null,
    },
  };
}

/** A query array as PagerDuty takes it: key[]=a&key[]=b (also key=a,b or repeated key). */
export function queryList(req: Request, key: string): string[] | undefined {
  const raw = req.query[`${key}[]`] ?? req.query[key];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  return values.flatMap((v) => v.split(",")).filter(Boolean);
}

/** Parses since/until; answers 400 and returns undefined when one is not a date. */
export function timeWindow(
  req: Request,
  res: Response,
): { since?: number; until?: number } | undefined {
  const out: { since?: number; until?: number } = {};
  for (const key of ["since", "until"] as const) {
    const v = req.query[key];
    if (v === undefined) continue;
    const t = Date.parse(String(v));
    if (Number.isNaN(t)) {
      invalidInput(res, [`${key} is not a valid date-time.`]);
      return undefined;
    }
    out[key] = t;
  }
  return out;
}
