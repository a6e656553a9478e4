import { describe, expect, test } from "vitest";
import { NOW, setup } from "../helpers.js";

describe("log entries", () => {
  test("an incident's log entries, newest first, all of them by default", async () => {
    const { sim, get } = setup();
    const oldest = [...sim.state.incidents.values()][0];
    const res = await get(`/incidents/${oldest.id}/log_entries?limit=100`);
    const expected = sim.state.logEntries.filter((e) => e.incident_id === oldest.id).reverse();
    expect(res.body.log_entries.map((e: { id: string }) => e.id)).toEqual(
      expected.map((e) => e.id),
    );
    expect(res.body.log_entries.at(-1)).toMatchObject({
      type: "trigger_log_entry",
      incident: { id: oldest.id, type: "incident_reference" },
      service: { id: oldest.service_id },
      channel: { type: "api" },
    });
  });

  test("is_overview=true leaves out notifications", async () => {
    const { sim, get } = setup();
    const incident = [...sim.state.incidents.values()].at(-1)!;
    const all = (await get(`/incidents/${incident.id}/log_entries`)).body.log_entries;
    const overview = (await get(`/incidents/${incident.id}/log_entries?is_overview=true`)).body
      .log_entries;
    expect(all.some((e: { type: string }) => e.type === "notify_log_entry")).toBe(true);
    expect(overview.map((e: { type: string }) => e.type)).toEqual(
      all
        .filter((e: { type: string }) => e.type !== "notify_log_entry")
        .map((e: { type: string }) => e.type),
    );
  });

  test("GET /log_entries covers the last 30 days by default; since/until narrow it", async () => {
    const { sim, get } = setup();
    const recent = sim.state.logEntries.filter(
      (e) => Date.parse(e.created_at) >= NOW.getTime() - 30 * 86_400_000,
    );
    const res = await get("/log_entries?total=true&limit=1");
    expect(res.body.total).toBe(recent.length);
    expect(recent.length).toBeLessThan(sim.state.logEntries.length);
    const day = await get(
      `/log_entries?since=2026-11-24T12:00:00Z&until=2026-11-25T12:00:00Z&limit=100`,
    );
    for (const e of day.body.log_entries) expect(e.created_at >= "2026-11-24T12:00:00Z").toBe(true);
  });

  test("one log entry by id; 404 for unknown", async () => {
    const { sim, get } = setup();
    const entry = sim.state.logEntries[3];
    expect((await get(`/log_entries/${entry.id}`)).body.log_entry).toMatchObject({
      id: entry.id,
      type: entry.type,
      summary: entry.summary,
    });
    expect((await get("/log_entries/RNOPE")).status).toBe(404);
  });
});
