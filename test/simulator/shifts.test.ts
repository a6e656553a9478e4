import { describe, expect, test } from "vitest";
import type { SimContext } from "../../src/simulator/context.js";
import { createIdGenerator } from "../../src/simulator/ids.js";
import {
  coverage,
  finalEntries,
  layerEntries,
  onCallSpans,
  usersAtLevel,
} from "../../src/simulator/shifts.js";
import { emptyState, type Schedule } from "../../src/simulator/state.js";

const H = 3_600_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");

const schedule: Schedule = {
  id: "PSCHED1",
  name: "Test",
  description: "",
  time_zone: "UTC",
  team_ids: [],
  layers: [
    {
      id: "L1",
      name: "Layer 1",
      start: "2026-01-01T00:00:00Z",
      end: null,
      rotation_virtual_start: "2026-01-01T00:00:00Z",
      turn_seconds: 8 * 3600,
      user_ids: ["A", "B", "C"],
    },
  ],
};

function context(): SimContext {
  const state = emptyState();
  state.schedules.set(schedule.id, schedule);
  return { state, now: () => new Date(T0), newId: createIdGenerator() };
}

describe("schedule rendering", () => {
  test("a layer takes turns from its virtual start, cut at the window", () => {
    expect(layerEntries(schedule.layers[0], T0 + 4 * H, T0 + 20 * H)).toEqual([
      { user_id: "A", start: T0 + 4 * H, end: T0 + 8 * H },
      { user_id: "B", start: T0 + 8 * H, end: T0 + 16 * H },
      { user_id: "C", start: T0 + 16 * H, end: T0 + 20 * H },
    ]);
    expect(layerEntries(schedule.layers[0], T0 + 24 * H, T0 + 25 * H)[0].user_id).toBe("A");
    expect(layerEntries(schedule.layers[0], T0 - 5 * H, T0 - H)).toEqual([]);
  });

  test("an override replaces the rotation for its span only", () => {
    const ctx = context();
    ctx.state.overrides.set("O1", {
      id: "O1",
      schedule_id: schedule.id,
      user_id: "Z",
      start: new Date(T0 + 6 * H).toISOString(),
      end: new Date(T0 + 10 * H).toISOString(),
    });
    expect(finalEntries(ctx, schedule, T0, T0 + 16 * H)).toEqual([
      { user_id: "A", start: T0, end: T0 + 6 * H },
      { user_id: "Z", start: T0 + 6 * H, end: T0 + 10 * H },
      { user_id: "B", start: T0 + 10 * H, end: T0 + 16 * H },
    ]);
  });

  test("back-to-back shifts of the same user are one entry", () => {
    const ctx = context();
    ctx.state.overrides.set("O1", {
      id: "O1",
      schedule_id: schedule.id,
      user_id: "B",
      start: new Date(T0 + 4 * H).toISOString(),
      end: new Date(T0 + 8 * H).toISOString(),
    });
    expect(finalEntries(ctx, schedule, T0, T0 + 16 * H)).toEqual([
      { user_id: "A", start: T0, end: T0 + 4 * H },
      { user_id: "B", start: T0 + 4 * H, end: T0 + 16 * H },
    ]);
  });

  test("a later layer wins where it has someone", () => {
    const ctx = context();
    const twoLayers: Schedule = {
      ...schedule,
      layers: [
        ...schedule.layers,
        {
          ...schedule.layers[0],
          id: "L2",
          start: new Date(T0 + 12 * H).toISOString(),
          end: new Date(T0 + 14 * H).toISOString(),
          user_ids: ["Y"],
        },
      ],
    };
    expect(finalEntries(ctx, twoLayers, T0 + 8 * H, T0 + 16 * H)).toEqual([
      { user_id: "B", start: T0 + 8 * H, end: T0 + 12 * H },
      { user_id: "Y", start: T0 + 12 * H, end: T0 + 14 * H },
      { user_id: "B", start: T0 + 14 * H, end: T0 + 16 * H },
    ]);
  });

  test("on-call spans are whole shifts, not cut at the window; an instant gives who is on call", () => {
    const ctx = context();
    expect(onCallSpans(ctx, schedule, T0 + 9 * H, T0 + 9 * H)).toEqual([
      { user_id: "B", start: T0 + 8 * H, end: T0 + 16 * H },
    ]);
    expect(onCallSpans(ctx, schedule, T0 + 15 * H, T0 + 17 * H).map((s) => s.user_id)).toEqual([
      "B",
      "C",
    ]);
    expect(onCallSpans(ctx, schedule, T0 + 16 * H, T0 + 16 * H).map((s) => s.user_id)).toEqual([
      "C",
    ]);
  });

  test("coverage is the share of the window with someone on call", () => {
    expect(coverage([{ user_id: "A", start: 0, end: 3 }], 0, 8)).toBe(37.5);
    expect(coverage([], 0, 8)).toBe(0);
  });

  test("a policy level reaches its users and its schedules' on-calls", () => {
    const ctx = context();
    ctx.state.escalationPolicies.set("PEP", {
      id: "PEP",
      name: "P",
      description: "",
      team_ids: [],
      num_loops: 0,
      rules: [
        {
          id: "R1",
          delay_minutes: 5,
          targets: [
            { type: "schedule", id: schedule.id },
            { type: "user", id: "U" },
          ],
        },
      ],
    });
    expect(usersAtLevel(ctx, "PEP", 1, T0 + 17 * H)).toEqual(["C", "U"]);
    expect(usersAtLevel(ctx, "PEP", 2, T0)).toEqual([]);
  });
});
