import request from "supertest";
import { describe, expect, test } from "vitest";
import { createSimulator } from "../../../src/simulator/index.js";
import { ADMIN_EMAIL, AUTH, setup, testClock } from "../helpers.js";

describe("PUT /incidents/{id}/merge", () => {
  test("moves the sources' alerts to the target and resolves the sources", async () => {
    const { sim, put } = setup();
    const [target, source] = [...sim.state.incidents.values()].filter(
      (i) => i.status === "triggered",
    );
    const alertsOf = (id: string) =>
      [...sim.state.alerts.values()].filter((a) => a.incident_id === id).length;
    const expected = alertsOf(target.id) + alertsOf(source.id);
    const res = await put(
      `/incidents/${target.id}/merge`,
      { source_incidents: [{ id: source.id, type: "incident_reference" }] },
      ADMIN_EMAIL,
    );
    expect(res.status).toBe(200);
    expect(res.body.incident.id).toBe(target.id);
    expect(res.body.incident.alert_counts.all).toBe(expected);
    expect(alertsOf(source.id)).toBe(0);
    expect(sim.state.incidents.get(source.id)).toMatchObject({
      status: "resolved",
      resolved_at: "2026-11-25T12:00:00Z",
    });
    const last = sim.state.logEntries.filter((e) => e.incident_id === source.id).at(-1)!;
    expect(last.type).toBe("resolve_log_entry");
    expect(last.summary).toContain(`#${target.incident_number}`);
  });

  test.each([
    ["no sources", () => ({ source_incidents: [] }), 400],
    ["itself", (t: string) => ({ source_incidents: [{ id: t, type: "incident_reference" }] }), 400],
    [
      "an unknown source",
      () => ({ source_incidents: [{ id: "QNOPE", type: "incident_reference" }] }),
      404,
    ],
  ])("refuses %s", async (_name, makeBody, status) => {
    const { sim, put } = setup();
    const target = [...sim.state.incidents.values()].find((i) => i.status === "triggered")!;
    const res = await put(`/incidents/${target.id}/merge`, makeBody(target.id), ADMIN_EMAIL);
    expect(res.status).toBe(status);
    expect(sim.state.incidents.get(target.id)?.status).toBe("triggered");
  });

  test("a resolved source cannot be merged", async () => {
    const { sim, put } = setup();
    const target = [...sim.state.incidents.values()].find((i) => i.status === "triggered")!;
    const resolved = [...sim.state.incidents.values()].find((i) => i.status === "resolved")!;
    const res = await put(
      `/incidents/${target.id}/merge`,
      { source_incidents: [{ id: resolved.id, type: "incident_reference" }] },
      ADMIN_EMAIL,
    );
    expect(res.status).toBe(400);
  });
});

describe("POST /incidents/{id}/snooze", () => {
  test("201 with the incident; it triggers again when the snooze runs out", async () => {
    const clock = testClock();
    const sim = createSimulator({ now: clock.now });
    const acked = [...sim.state.incidents.values()].find(
      (i) => i.status === "acknowledged" && !i.snoozed_until,
    )!;
    const snooze = await request(sim.handler)
      .post(`/incidents/${acked.id}/snooze`)
      .set({ ...AUTH, From: ADMIN_EMAIL })
      .send({ duration: 3600 });
    expect(snooze.status).toBe(201);
    expect(snooze.body.incident.status).toBe("acknowledged");
    expect(snooze.body.incident.pending_actions).toContainEqual({
      type: "unacknowledge",
      at: "2026-11-25T13:00:00Z",
    });
    clock.advance(3_599_000);
    const before = await request(sim.handler).get(`/incidents/${acked.id}`).set(AUTH);
    expect(before.body.incident.status).toBe("acknowledged");
    clock.advance(1_000);
    const after = await request(sim.handler).get(`/incidents/${acked.id}`).set(AUTH);
    expect(after.body.incident.status).toBe("triggered");
    expect(after.body.incident.last_status_change_at).toBe("2026-11-25T13:00:00Z");
    const types = sim.state.logEntries.filter((e) => e.incident_id === acked.id).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["snooze_log_entry", "unacknowledge_log_entry"]);
  });

  test.each([
    ["a triggered incident", "triggered", 3600],
    ["a zero duration", "acknowledged", 0],
    ["more than a week", "acknowledged", 604_801],
  ])("400 for %s", async (_name, status, duration) => {
    const { sim, post } = setup();
    const incident = [...sim.state.incidents.values()].find((i) => i.status === status)!;
    const res = await post(`/incidents/${incident.id}/snooze`, { duration }, ADMIN_EMAIL);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
  });
});
