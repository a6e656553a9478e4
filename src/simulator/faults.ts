import type { NextFunction, Request, Response } from "express";
import { defaultErrorBody } from "./errors.js";
import type { RateLimitFigures } from "./rate-limit-headers.js";

/** An answer forced on the next requests instead of normal handling. */
export interface Fault {
  /**
   * HTTP status to answer with. 0 answers nothing: the socket is destroyed (after `delayMs`, if
   * set). A 2xx status without `body` is a slow PagerDuty: normal handling after `delayMs`.
   */
  status: number;
  /** How many requests it answers. Default 1. */
  times?: number;
  /** Headers to send; they replace the defaults (for 429: PagerDuty's rate-limit headers). */
  headers?: Record<string, string>;
  /** Body to send. Default: PagerDuty's error body for the status (429: Rate Limit Exceeded, 2020). */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** Faults waiting for requests, first in first out, and the middleware that serves them. */
export function createFaults() {
  const queue: Fault[] = [];
  return {
    /** Queues `f` for the next `f.times` (default 1) requests. */
    add(f: Fault): void {
      for (let i = 0; i < (f.times ?? 1); i++) queue.push(f);
    },
    /** Answers the request with the next fault, if one is queued. */
    middleware(req: Request, res: Response, next: NextFunction): void {
      const f = queue.shift();
      if (!f) return next();
      const act = () => answer(f, req, res, next);
      if (f.delayMs && f.delayMs > 0) setTimeout(act, f.delayMs);
      else act();
    },
  };
}

function answer(f: Fault, req: Request, res: Response, next: NextFunction): void {
  if (f.status === 0) {
    req.socket.destroy();
    return;
  }
  if (f.status >= 200 && f.status < 300 && f.body === undefined) return next();
  if (f.status === 429) {
    const figures = res.locals.rateLimit as RateLimitFigures | undefined;
    res.setHeader("ratelimit-remaining", "0");
    res.setHeader("ratelimit-reset", String(figures?.reset ?? 60));
  }
  for (const [k, v] of Object.entries(f.headers ?? {})) res.setHeader(k, v);
  const body = f.body === undefined ? defaultErrorBody(f.status) : f.body;
  if (f.status === 204 || f.status === 304) res.status(f.status).end();
  else if (typeof body === "string") res.status(f.status).send(body);
  else res.status(f.status).json(body);
}
