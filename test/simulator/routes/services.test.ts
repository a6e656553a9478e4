import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

const names = (body: { services: Array<{ name: string }> }) => body.services.map((s) => s.name);

describe("services", () => {
  test("list sorted by name; query, name, team_ids[] and sort_by=name:desc", async () => {
    const { get } = setup();
    const all = names((await get("/services")).body);
    expect(all).toEqual([...all].sort());
    expect(all).toContain("Authentication Service");
    expect(names((await get("/services?query=pay")).body)).toEqual(["Payments API"]);
    expect(names((await get("/services?name=Search")).body)).toEqual(["Search"]);
    expect(names((await get("/services?team_ids[]=PTEAMNW")).body)).toEqual([
      "Network Edge",
      "Primary Database",
    ]);
    expect(names((await get("/services?sort_by=name:desc")).body)).toEqual([...all].reverse());
    expect((await get("/services?sort_by=created_at")).status).toBe(400);
  });

  test("get one service with PagerDuty's fields", async () => {
    const { get } = setup();
    const res = await get("/services/SAUTH1");
    expect(res.body.service).toMatchObject({
      id: "SAUTH1",
      type: "service",
      name: "Authentication Service",
      html_url: "https://acme.pagerduty.com/service-directory/SAUTH1",
      status: "active",
      escalation_policy: { id: "PEPAUTH", type: "escalation_policy_reference" },
      teams: [{ id: "PTEAMPL", type: "team_reference" }],
      incident_urgency_rule: { type: "constant", urgency: "high" },
      alert_creation: "create_alerts_and_incidents",
    });
    expect(res.body.service.last_incident_timestamp).toEqual(expect.any(String));
  });

  test("create (201), update, delete (204), then 404", async () => {
    const { sim, get, post, put, del } = setup();
    const created = await post("/services", {
      service: {
        type: "service",
        name: "Billing",
        escalation_policy: { id: "PEPPAY", type: "escalation_policy_reference" },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.service.id;
    expect(created.body.service).toMatchObject({
      name: "Billing",
      status: "active",
      escalation_policy: { id: "PEPPAY" },
    });
    expect(sim.state.services.get(id)?.name).toBe("Billing");
    const updated = await put(`/services/${id}`, {
      service: {
        description: "Invoices",
        escalation_policy: { id: "PEPNET", type: "escalation_policy_reference" },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.service).toMatchObject({
      name: "Billing",
      description: "Invoices",
      escalation_policy: { id: "PEPNET" },
    });
    expect((await del(`/services/${id}`)).status).toBe(204);
    expect((await get(`/services/${id}`)).status).toBe(404);
    expect((await del(`/services/${id}`)).status).toBe(404);
    expect(names((await get("/services?limit=100")).body)).not.toContain("Billing");
  });

  test("create, update and delete are audited as the API token's user", async () => {
    const { get, post, put, del } = setup();
    const created = await post("/services", {
      service: {
        name: "Billing",
        escalation_policy: { id: "PEPPAY", type: "escalation_policy_reference" },
      },
    });
    const id = created.body.service.id;
    await put(`/services/${id}`, { service: { status: "disabled" } });
    await del(`/services/${id}`);
    const records = (
      await get("/audit/records?root_resource_types[]=services&limit=100")
    ).body.records.filter((r: { root_resource: { id: string } }) => r.root_resource.id === id);
    expect(records.map((r: { action: string }) => r.action).sort()).toEqual([
      "create",
      "delete",
      "update",
    ]);
    const update = records.find((r: { action: string }) => r.action === "update");
    expect(update.details.fields).toEqual([
      { name: "status", before_value: "active", value: "disabled" },
    ]);
    expect(update.actors[0].id).toBe("PUSER01");
  });

  test("incidents cannot be created on a deleted service", async () => {
    const { post, del } = setup();
    await del("/services/SSEARCH");
    const res = await post(
      "/incidents",
      {
        incident: {
          type: "incident",
          title: "x",
          service: { id: "SSEARCH", type: "service_reference" },
        },
      },
      "alice@example.com",
    );
    expect(res.status).toBe(400);
  });

  test.each([
    ["no name", { escalation_policy: { id: "PEPAUTH", type: "escalation_policy_reference" } }],
    [
      "a taken name",
      { name: "Search", escalation_policy: { id: "PEPAUTH", type: "escalation_policy_reference" } },
    ],
    ["no escalation policy", { name: "New" }],
    [
      "an unknown escalation policy",
      { name: "New", escalation_policy: { id: "PNOPE", type: "escalation_policy_reference" } },
    ],
    [
      "a bad status",
      {
        name: "New",
        status: "sleeping",
        escalation_policy: { id: "PEPAUTH", type: "escalation_policy_reference" },
      },
    ],
  ])("create refuses %s", async (_name, service) => {
    const { sim, post } = setup();
    const res = await post("/services", { service });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
    expect(sim.state.services.size).toBe(6);
  });
});
