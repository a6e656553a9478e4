import { describe, expect, test } from "vitest";
import { rateLimitResponseHeaders, readRateLimit } from "../../src/upstream/rate-limit.js";

const names = {
  limit: ["ratelimit-limit", "x-ratelimit-limit"],
  remaining: ["ratelimit-remaining", "x-ratelimit-remaining"],
  reset: ["ratelimit-reset", "x-ratelimit-reset"],
  retry_after: ["retry-after"],
};
const NOW = Date.parse("2026-11-25T12:00:00Z");

describe("readRateLimit", () => {
  test.each([
    [
      "PagerDuty's ratelimit-* headers",
      { "ratelimit-limit": "960", "ratelimit-remaining": "0", "ratelimit-reset": "17" },
      { limit: 960, remaining: 0, resetSeconds: 17, retryAfterSeconds: undefined },
    ],
    [
      "x-ratelimit-* with an epoch reset",
      {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "3",
        "x-ratelimit-reset": String(NOW / 1000 + 42),
      },
      { limit: 100, remaining: 3, resetSeconds: 42, retryAfterSeconds: undefined },
    ],
    [
      "retry-after as an HTTP date",
      { "retry-after": new Date(NOW + 30_000).toUTCString() },
      { limit: undefined, remaining: undefined, resetSeconds: undefined, retryAfterSeconds: 30 },
    ],
  ])("%s", (_intent, headers, expected) => {
    expect(readRateLimit(headers, names, NOW)).toEqual(expected);
  });

  test("no rate-limit headers at all", () => {
    expect(readRateLimit({ "content-type": "application/json" }, names, NOW)).toBeUndefined();
  });
});

describe("rateLimitResponseHeaders", () => {
  test("a 429 gets IETF headers and retry-after from the reset when upstream sent none", () => {
    expect(rateLimitResponseHeaders({ limit: 960, remaining: 0, resetSeconds: 17 }, 429)).toEqual({
      "ratelimit-limit": "960",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "17",
      "retry-after": "17",
    });
  });
  test("a success passes the figures through without retry-after", () => {
    expect(rateLimitResponseHeaders({ limit: 960, remaining: 950, resetSeconds: 40 }, 200)).toEqual(
      {
        "ratelimit-limit": "960",
        "ratelimit-remaining": "950",
        "ratelimit-reset": "40",
      },
    );
  });
});
