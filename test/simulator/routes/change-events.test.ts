import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("change events", () => {
  test("newest first, paginated, with services and custom details", async () => {
    const { sim, get } = setup();
    const res = await get("/change_events?total=true");
    expect(res.body.total).toBe(sim.state.changeEvents.length);
    const events = res.body.change_events;
    expect(events.map((e: { timestamp: string }) => e.timestamp)).toEqual(
      events
        .map((e: { timestamp: string }) => e.timestamp)
        .sort()
        .reverse(),
    );
    expect(events[0]).toMatchObject({
      type: "change_event",
      services: [{ type: "service_reference" }],
      integration: { type: "inbound_integration_reference" },
      custom_details: { build_state: "passed" },
    });
  });

  test("since/until and team_ids[] filter; one event by id", async () => {
    const { sim, get } = setup();
    const recent = (
      await get("/change_events?since=2026-11-20T00:00:00Z&until=2026-11-25T12:00:00Z")
    ).body.change_events;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(sim.state.changeEvents.length);
    for (const e of recent) expect(e.timestamp >= "2026-11-20T00:00:00Z").toBe(true);
    const network = (await get("/change_events?team_ids[]=PTEAMNW&limit=100")).body.change_events;
    for (const e of network) expect(["SNETEDG", "SDBPRIM"]).toContain(e.services[0].id);
    const one = sim.state.changeEvents[0];
    expect((await get(`/change_events/${one.id}`)).body.change_event).toMatchObject({
      id: one.id,
      summary: one.summary,
    });
    expect((await get("/change_events/NOPE")).status).toBe(404);
  });
});
