import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("incident alerts", () => {
  test("lists an incident's alerts with their bodies; get one by id", async () => {
    const { sim, get } = setup();
    const incident = [...sim.state.incidents.values()].find(
      (i) => [...sim.state.alerts.values()].filter((a) => a.incident_id === i.id).length > 1,
    )!;
    const res = await get(`/incidents/${incident.id}/alerts`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ limit: 25, offset: 0, more: false, total: null });
    const alerts = res.body.alerts;
    expect(alerts.length).toBeGreaterThan(1);
    expect(alerts[0]).toMatchObject({
      type: "alert",
      self: `https://api.pagerduty.com/incidents/${incident.id}/alerts/${alerts[0].id}`,
      incident: { id: incident.id, type: "incident_reference" },
      service: { id: incident.service_id },
      body: { type: "alert_body", cef_details: { client: "Datadog" } },
    });
    expect(alerts[0].body.details.metric).toEqual(expect.any(String));
    const one = await get(`/incidents/${incident.id}/alerts/${alerts[1].id}`);
    expect(one.body.alert).toEqual(alerts[1]);
  });

  test("statuses[] and alert_key filter", async () => {
    const { sim, get } = setup();
    const resolved = [...sim.state.incidents.values()].find((i) => i.status === "resolved")!;
    expect(
      (await get(`/incidents/${resolved.id}/alerts?statuses[]=triggered`)).body.alerts,
    ).toEqual([]);
    const all = (await get(`/incidents/${resolved.id}/alerts?statuses[]=resolved`)).body.alerts;
    expect(all.length).toBeGreaterThan(0);
    const byKey = await get(
      `/incidents/${resolved.id}/alerts?alert_key=${encodeURIComponent(all[0].alert_key)}`,
    );
    expect(byKey.body.alerts.map((a: { id: string }) => a.id)).toEqual([all[0].id]);
  });

  test("an alert of another incident is not found", async () => {
    const { sim, get } = setup();
    const [a, b] = [...sim.state.incidents.values()];
    const alertOfB = [...sim.state.alerts.values()].find((x) => x.incident_id === b.id)!;
    expect((await get(`/incidents/${a.id}/alerts/${alertOfB.id}`)).status).toBe(404);
    expect((await get("/incidents/QNOPE/alerts")).status).toBe(404);
  });
});

describe("PUT /incidents/{id}/alerts/{alert_id}", () => {
  test("resolves one alert; the incident resolves with its last open alert", async () => {
    const { sim, put } = setup();
    const incident = [...sim.state.incidents.values()].find(
      (i) =>
        i.status === "triggered" &&
        [...sim.state.alerts.values()].filter((a) => a.incident_id === i.id).length > 1,
    )!;
    const alerts = [...sim.state.alerts.values()].filter((a) => a.incident_id === incident.id);
    const first = await put(
      `/incidents/${incident.id}/alerts/${alerts[0].id}`,
      { alert: { type: "alert", status: "resolved" } },
      "alice@example.com",
    );
    expect(first.status).toBe(200);
    expect(first.body.alert).toMatchObject({
      id: alerts[0].id,
      status: "resolved",
      resolved_at: "2026-11-25T12:00:00Z",
    });
    expect(sim.state.incidents.get(incident.id)?.status).toBe("triggered");
    for (const a of alerts.slice(1))
      await put(
        `/incidents/${incident.id}/alerts/${a.id}`,
        { alert: { type: "alert", status: "resolved" } },
        "alice@example.com",
      );
    expect(sim.state.incidents.get(incident.id)?.status).toBe("resolved");
  });

  test("only resolved is accepted; From is required", async () => {
    const { sim, put } = setup();
    const alert = [...sim.state.alerts.values()].find((a) => a.status === "triggered")!;
    const path = `/incidents/${alert.incident_id}/alerts/${alert.id}`;
    expect((await put(path, { alert: { status: "triggered" } }, "alice@example.com")).status).toBe(
      400,
    );
    expect((await put(path, { alert: { status: "resolved" } })).status).toBe(400);
    expect(sim.state.alerts.get(alert.id)?.status).toBe("triggered");
  });
});
