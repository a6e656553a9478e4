import type { NextFunction, Request, Response } from "express";

/** PagerDuty's REST rate limit per minute for an API key, as its headers announce it. */
export const RATE_LIMIT = 960;

/** The figures of the current one-minute window. */
export interface RateLimitFigures {
  limit: number;
  remaining: number;
  /** Seconds until the window starts over. */
  reset: number;
}

/**
 * Counts requests in fixed one-minute windows and sets `ratelimit-limit`, `ratelimit-remaining`
 * and `ratelimit-reset` on every response, as PagerDuty does. Nothing is ever refused: a 429 only
 * comes from a fault. The figures are left in `res.locals.rateLimit` for the fault handler.
 */
export function rateLimitHeaders(now: () => Date) {
  let windowStart = now().getTime();
  let used = 0;
  return (_req: Request, res: Response, next: NextFunction): void => {
    const t = now().getTime();
    if (t - windowStart >= 60_000 || t < windowStart) {
      windowStart = t;
      used = 0;
    }
    used++;
    const figures: RateLimitFigures = {
      limit: RATE_LIMIT,
      remaining: Math.max(0, RATE_LIMIT - used),
      reset: Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000)),
    };
    res.setHeader("ratelimit-limit", String(figures.limit));
    res.setHeader("ratelimit-remaining", String(figures.remaining));
    res.setHeader("ratelimit-reset", String(figures.reset));
    res.locals.rateLimit = figures;
    next();
  };
}
