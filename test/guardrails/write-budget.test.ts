import { describe, expect, test } from "vitest";
import { admit, emptyState, limitsFor } from "../../src/guardrails/write-budget.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-25T09:00:00Z");

describe("limitsFor", () => {
  test("server budgets and the tool's own, each with its key, words and source", () => {
    expect(limitsFor("oncall", "create_x", { per_hour: 10, per_day: 50 }, { per_hour: 3 })).toEqual(
      [
        {
          key: "writes/oncall",
          limit: 10,
          windowMs: HOUR,
          label: "10 per hour for all writes",
          source: "write_limits.per_hour",
        },
        {
          key: "writes/oncall/create_x",
          limit: 3,
          windowMs: HOUR,
          label: "3 per hour for this tool",
          source: "write_limits.tools.create_x.per_hour",
        },
        {
          key: "writes/oncall",
          limit: 50,
          windowMs: 24 * HOUR,
          label: "50 per day for all writes",
          source: "write_limits.per_day",
        },
      ],
    );
  });
});

describe("admit: a sliding window per key", () => {
  const limits = limitsFor("s", "t", { per_hour: 2 }, undefined);

  test("counts up to the limit, then refuses with the time the oldest write leaves the window", () => {
    const state = emptyState();
    expect(admit(state, { limits, now: T0 })).toEqual({ ok: true });
    expect(admit(state, { limits, now: T0 + 60_000 })).toEqual({ ok: true });
    expect(admit(state, { limits, now: T0 + 120_000 })).toEqual({
      ok: false,
      reason: "budget",
      limit: limits[0],
      retryAt: T0 + HOUR,
    });
    // The refusal counted nothing; once the first write is an hour old there is room again.
    expect(admit(state, { limits, now: T0 + HOUR })).toEqual({ ok: true });
    expect(state.windows["writes/s"]).toEqual([T0 + 60_000, T0 + HOUR]);
  });

  test("the tightest of several budgets decides, and the latest retry time is given", () => {
    const both = limitsFor("s", "t", { per_hour: 5, per_day: 2 }, { per_hour: 1 });
    const state = emptyState();
    expect(admit(state, { limits: both, now: T0 })).toEqual({ ok: true });
    const refused = admit(state, { limits: both, now: T0 + 1000 });
    expect(refused).toMatchObject({ ok: false, reason: "budget", retryAt: T0 + HOUR });
    expect(admit(state, { limits: both, now: T0 + HOUR })).toEqual({ ok: true });
    expect(admit(state, { limits: both, now: T0 + 2 * HOUR + 1 })).toMatchObject({
      ok: false,
      limit: { source: "write_limits.per_day" },
      retryAt: T0 + 24 * HOUR,
    });
  });

  test("a dry run checks without counting", () => {
    const state = emptyState();
    expect(admit(state, { limits, now: T0, dryRun: true })).toEqual({ ok: true });
    expect(state.windows).toEqual({});
  });

  test("a single-use id is claimed once and forgotten after it expires", () => {
    const state = emptyState();
    const once = { id: "abc", expiresAt: T0 + 300_000 };
    expect(admit(state, { limits: [], once, now: T0 })).toEqual({ ok: true });
    expect(admit(state, { limits: [], once, now: T0 + 1 })).toEqual({ ok: false, reason: "used" });
    admit(state, { limits: [], now: T0 + 300_000 });
    expect(state.used).toEqual({});
  });

  test("a used code refuses without counting a write", () => {
    const state = emptyState();
    const once = { id: "abc", expiresAt: T0 + 300_000 };
    admit(state, { limits, once, now: T0 });
    expect(admit(state, { limits, once, now: T0 + 1 })).toEqual({ ok: false, reason: "used" });
    expect(state.windows["writes/s"]).toEqual([T0]);
  });
});
