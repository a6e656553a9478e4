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
