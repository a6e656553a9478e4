import type { IncomingHttpHeaders } from "node:http";
import type { RateLimitHeaders } from "../config/types/integration.js";

/** Rate-limit figures read from upstream, in seconds where they are times. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
  /** Seconds to wait before retrying (429 only). */
  retryAfterSeconds?: number;
}

/**
 * Reads whatever rate-limit headers upstream sent (names from the integration file, first present
 * wins). Resets given as epoch seconds or retry-after as an HTTP date become seconds from now.
 */
export function readRateLimit(
  headers: IncomingHttpHeaders,
  names: RateLimitHeaders,
  now = Date.now(),
): RateLimitInfo | undefined {
  const info: RateLimitInfo = {
    limit: firstNumber(headers, names.limit),
    remaining: firstNumber(headers, names.remaining),
    resetSeconds: toSeconds(firstRaw(headers, names.reset), now),
    retryAfterSeconds: toSeconds(firstRaw(headers, names.retry_after), now),
  };
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

/** IETF ratelimit-* and retry-after headers for our own HTTP response. */
export function rateLimitResponseHeaders(
  info: RateLimitInfo | undefined,
  status: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!info) return out;
  if (info.limit !== undefined) out["ratelimit-limit"] = String(info.limit);
  if (info.remaining !== undefined) out["ratelimit-remaining"] = String(info.remaining);
  const reset = info.resetSeconds ?? info.retryAfterSeconds;
  if (reset !== undefined) out["ratelimit-reset"] = String(reset);
  if (status === 429) out["retry-after"] = String(retryAfter(info));
  return out;
}

/** Seconds to wait after a 429: retry-after, else the reset, else a conservative minute. */
export function retryAfter(info: RateLimitInfo | undefined): number {
  return info?.retryAfterSeconds ?? info?.resetSeconds ?? 60;
}

function firstRaw(headers: IncomingHttpHeaders, names: string[]): string | undefined {
  for (const name of names) {
    const v = headers[name];
    if (v !== undefined) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

function firstNumber(headers: IncomingHttpHeaders, names: string[]): number | undefined {
  const raw = firstRaw(headers, names);
  if (raw === undefined) return undefined;
  const n = Number.parseFloat(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Seconds from now: plain seconds, epoch seconds (large numbers) or an HTTP date. */
function toSeconds(raw: string | undefined, now: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (Number.isFinite(n)) {
    const seconds = n > 1e9 ? n - now / 1000 : n;
    return Math.max(0, Math.ceil(seconds));
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
