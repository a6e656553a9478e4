import type { NextFunction, Request, Response } from "express";

/** One request as the simulator received it. Header names are lowercase. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Query parameters with their keys as sent (`statuses[]`); repeated keys give arrays. */
  query: Record<string, string | string[]>;
  /** The query string as sent, without the `?`. */
  rawQuery: string;
  /** Lowercase header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON or form body; undefined without one (or when it did not parse). */
  body: unknown;
}

/**
 * Records every request into `requests` as it arrives (before auth and faults), and fills in
 * its body once `recordBody` has run after the body parsers.
 */
export function recordRequests(requests: RecordedRequest[]) {
  return {
    recordArrival(req: Request, res: Response, next: NextFunction): void {
      const url = req.originalUrl;
      const q = url.indexOf("?");
      const record: RecordedRequest = {
        method: req.method,
        path: req.path,
        query: { ...(req.query as Record<string, string | string[]>) },
        rawQuery: q >= 0 ? url.slice(q + 1) : "",
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(", ") : (v ?? ""),
          ]),
        ),
        body: undefined,
      };
      requests.push(record);
      res.locals.recorded = record;
      next();
    },
    recordBody(req: Request, res: Response, next: NextFunction): void {
      const record = res.locals.recorded as RecordedRequest | undefined;
      if (record) record.body = req.body;
      next();
    },
  };
}
