import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

type Entry = { start: string; end: string; user: { id: string } };

describe("GET /schedules", () => {
  test("lists schedules by name; query filters by name substring", async () => {
    const { get } = setup();
    const all = (await get("/schedules")).body;
    expect(all).toMatchObject({ limit: 25, offset: 0, more: false });
    expect(all.schedules.map((x: { name: string }) => x.name)).toEqual([
      "Network Infrastructure",
      "Payments On-Call",
      "Platform Primary",
      "Platform Secondary",
    ]);
    const found = (await get("/schedules?query=network")).body.schedules;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: "PNETINF",
      type: "schedule",
      name: "Network Infrastructure",
      html_url: "https://acme.pagerduty.com/schedules/PNETINF",
      escalation_policies: [{ id: "PEPNET", type: "escalation_policy_reference" }],
      teams: [{ id: "PTEAMNW" }],
    });
    expect(found[0].users.map((u: { id: string }) => u.id)).toEqual([
      "PUSER02",
      "PUSER03",
      "PUSER08",
    ]);
  });
});

describe("GET /schedules/{id}", () => {
  test("renders the final schedule for since/until, day by day", async () => {
    const { get } = setup();
    const res = await get(
      "/schedules/PNETINF?since=2026-11-25T06:00:00Z&until=2026-11-27T06:00:00Z",
    );
    expect(res.status).toBe(200);
    const final = res.body.schedule.final_schedule;
    expect(final.rendered_coverage_percentage).toBe(100);
    expect(final.rendered_schedule_entries.map((e: Entry) => [e.start, e.end, e.user.id])).toEqual([
      ["2026-11-25T06:00:00Z", "2026-11-26T00:00:00Z", "PUSER02"],
      ["2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", "PUSER03"],
      ["2026-11-27T00:00:00Z", "2026-11-27T06:00:00Z", "PUSER08"],
    ]);
    expect(res.body.schedule.schedule_layers[0]).toMatchObject({
      name: "Layer 1",
      rotation_turn_length_seconds: 86400,
      rendered_coverage_percentage: 100,
    });
    expect(res.body.schedule.overrides_subschedule.rendered_schedule_entries).toEqual([]);
  });

  test("overflow=true gives whole shifts instead of cutting them at the window", async () => {
    const { get } = setup();
    const res = await get(
      "/schedules/PNETINF?since=2026-11-25T06:00:00Z&until=2026-11-25T07:00:00Z&overflow=true",
    );
    expect(res.body.schedule.final_schedule.rendered_schedule_entries).toEqual([
      expect.objectContaining({ start: "2026-11-25T00:00:00Z", end: "2026-11-26T00:00:00Z" }),
    ]);
  });

  test("an override shows in the final schedule and the overrides layer", async () => {
    const { sim, get } = setup();
    sim.state.overrides.set("QOVR1", {
      id: "QOVR1",
      schedule_id: "PNETINF",
      user_id: "PUSER01",
      start: "2026-11-25T10:00:00Z",
      end: "2026-11-25T14:00:00Z",
    });
    const res = await get(
      "/schedules/PNETINF?since=2026-11-25T00:00:00Z&until=2026-11-26T00:00:00Z",
    );
    expect(
      res.body.schedule.final_schedule.rendered_schedule_entries.map((e: Entry) => e.user.id),
    ).toEqual(["PUSER02", "PUSER01", "PUSER02"]);
    expect(res.body.schedule.overrides_subschedule.rendered_coverage_percentage).toBeCloseTo(
      16.67,
      2,
    );
  });

  test("without since/until it renders the coming week from now", async () => {
    const { get } = setup();
    const entries = (await get("/schedules/PNETINF")).body.schedule.final_schedule
      .rendered_schedule_entries;
    expect(entries[0].start).toBe("2026-11-25T12:00:00Z");
    expect(entries.at(-1).end).toBe("2026-12-02T12:00:00Z");
  });

  test("404 for an unknown schedule; 400 when until is not after since", async () => {
    const { get } = setup();
    expect((await get("/schedules/PNOPE")).status).toBe(404);
    expect(
      (await get("/schedules/PNETINF?since=2026-11-26T00:00:00Z&until=2026-11-25T00:00:00Z"))
        .status,
    ).toBe(400);
  });
});
