import type { Request, Response } from "express";
import { invalidInput } from "./errors.js";

/**
 * Query parameters arrive as PagerDuty's clients send them: arrays as `key[]=a&key[]=b`; a plain
 * `key=a` (repeated or comma separated) is accepted too. The simulator's query parser keeps keys
 * literally (`statuses[]`), so both spellings are looked up here.
 */
export function queryList(req: Request, key: string): string[] | undefined {
  const query = req.query as Record<string, string | string[] | undefined>;
  const raw = [query[`${key}[]`], query[key]].flatMap((v) =>
    v === undefined ? [] : Array.isArray(v) ? v : [v],
  );
  if (raw.length === 0) return undefined;
  return raw
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A single-valued query parameter (the first one when repeated). */
export function queryString(req: Request, key: string): string | undefined {
  const v = (req.query as Record<string, string | string[] | undefined>)[key];
  return Array.isArray(v) ? v[0] : v;
}

/** A boolean query parameter: true only for `true` (PagerDuty ignores other spellings). */
export const queryFlag = (req: Request, key: string): boolean => queryString(req, key) === "true";

/**
 * A list parameter whose values must come from `allowed`; answers 400 and returns null when one
 * does not.
 */
export function enumList(
  req: Request,
  res: Response,
  key: string,
  allowed: readonly string[],
): string[] | undefined | null {
  const values = queryList(req, key);
  const bad = values?.filter((v) => !allowed.includes(v)) ?? [];
  if (bad.length > 0) {
    invalidInput(res, [`${key} must be one of ${allowed.join(", ")} (got ${bad.join(", ")}).`]);
    return null;
  }
  return values;
}

/** since/until as epoch milliseconds. */
export interface TimeWindow {
  since?: number;
  until?: number;
}

/** Parses since/until; answers 400 and returns undefined when one is not a date-time. */
export function timeWindow(req: Request, res: Response): TimeWindow | undefined {
  const out: TimeWindow = {};
  for (const key of ["since", "until"] as const) {
    const v = queryString(req, key);
    if (v === undefined || v === "") continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) {
      invalidInput(res, [`${key} must be an ISO 8601 date-time.`]);
      return undefined;
    }
    out[key] = t;
  }
  if (out.since !== undefined && out.until !== undefined && out.since > out.until) {
    invalidInput(res, ["since must be before until."]);
    return undefined;
  }
  return out;
}
