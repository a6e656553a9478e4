import request from "supertest";
import { describe, expect, test } from "vitest";
import { routingKeyOf } from "../../../src/simulator/index.js";
import { setup } from "../helpers.js";

const key = routingKeyOf("SSEARCH");
const trigger = {
  routing_key: key,
  event_action: "trigger",
  dedup_key: "search/latency",
  payload: { summary: "Search p99 above 2s", source: "search-01", severity: "error" },
};

describe("Events API v2 (no credentials: the routing key names the service)", () => {
  test("a trigger opens one incident; a second trigger with its dedup_key adds none", async () => {
    const { sim } = setup();
    const before = sim.state.incidents.size;
    const first = await request(sim.handler).post("/v2/enqueue").send(trigger);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      status: "success",
      message: "Event processed",
      dedup_key: "search/latency",
    });
    await request(sim.handler).post("/v2/enqueue").send(trigger).expect(202);
    expect(sim.state.incidents.size).toBe(before + 1);
    const incident = [...sim.state.incidents.values()].pop()!;
    expect(incident).toMatchObject({
      service_id: "SSEARCH",
      incident_key: "search/latency",
      title: "Search p99 above 2s",
      status: "triggered",
    });
    const alert = [...sim.state.alerts.values()].find((a) => a.incident_id === incident.id)!;
    expect(alert).toMatchObject({ severity: "error", alert_key: "search/latency" });
  });

  test("a trigger without a dedup_key gets one made up and returned", async () => {
    const { sim } = setup();
    const { dedup_key: _omitted, ...withoutKey } = trigger;
    const res = await request(sim.handler).post("/v2/enqueue").send(withoutKey).expect(202);
    expect(res.body.dedup_key).toMatch(/^[a-z0-9]{32}$/);
  });

  test("acknowledge and resolve act on the open incident with the dedup_key", async () => {
    const { sim } = setup();
    await request(sim.handler).post("/v2/enqueue").send(trigger);
    const incident = [...sim.state.incidents.values()].pop()!;
    const act = (event_action: string) =>
      request(sim.handler)
        .post("/v2/enqueue")
        .send({ routing_key: key, event_action, dedup_key: "search/latency" })
        .expect(202);
    await act("acknowledge");
    expect(incident.status).toBe("acknowledged");
    await act("resolve");
    expect(incident.status).toBe("resolved");
    expect(incident.last_status_change_by).toEqual({ type: "service", id: "SSEARCH" });
  });

  test.each([
    [
      "no routing key",
      { ...trigger, routing_key: undefined },
      ["'routing_key' is missing or blank"],
    ],
    [
      "an unknown routing key",
      { ...trigger, routing_key: "f".repeat(32) },
      ["Invalid routing key"],
    ],
    [
      "a trigger without summary or severity",
      { ...trigger, payload: { source: "x" } },
      ["'payload.summary' is missing or blank", "'payload.severity' is missing or invalid"],
    ],
    [
      "a resolve without dedup_key",
      { routing_key: key, event_action: "resolve" },
      ["'dedup_key' is missing or blank"],
    ],
    [
      "an unknown action",
      { ...trigger, event_action: "close" },
      ["'event_action' is missing or invalid"],
    ],
  ])("%s is a 400 in the Events API's own envelope", async (_intent, body, errors) => {
    const { sim } = setup();
    const res = await request(sim.handler).post("/v2/enqueue").send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      status: "invalid event",
      message: "Event object is invalid",
      errors,
    });
  });

  test("a change event is stored and listed by the REST API", async () => {
    const { sim, get } = setup();
    const res = await request(sim.handler)
      .post("/v2/change/enqueue")
      .send({ routing_key: routingKeyOf("SAUTH1"), payload: { summary: "Deploy auth 4122" } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "success", message: "Change event processed" });
    const listed = await get("/change_events");
    expect(listed.body.change_events[0]).toMatchObject({
      summary: "Deploy auth 4122",
      services: [expect.objectContaining({ id: "SAUTH1" })],
    });
  });
});
