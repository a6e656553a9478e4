import { describe, expect, test } from "vitest";
import { ADMIN_EMAIL, setup } from "../helpers.js";

const body = (over: Record<string, unknown> = {}) => ({
  incident: {
    type: "incident",
    title: "Disk full on auth-db-1",
    service: { id: "SAUTH1", type: "service_reference" },
    urgency: "high",
    body: { type: "incident_body", details: "Disk at 100%; writes failing." },
    ...over,
  },
});

describe("POST /incidents", () => {
  test("201 with the full triggered incident, then it is listed and readable", async () => {
    const { sim, get, post } = setup();
    const before = sim.state.nextIncidentNumber;
    const res = await post("/incidents", body(), ADMIN_EMAIL);
    expect(res.status).toBe(201);
    const incident = res.body.incident;
    expect(incident).toMatchObject({
      type: "incident",
      title: "Disk full on auth-db-1",
      status: "triggered",
      urgency: "high",
      incident_number: before,
      service: { id: "SAUTH1", summary: "Authentication Service" },
      escalation_policy: { id: "PEPAUTH" },
      body: { type: "incident_body", details: "Disk at 100%; writes failing." },
      alert_counts: { all: 1, triggered: 1, resolved: 0 },
      acknowledgements: [],
    });
    expect(incident.id).toMatch(/^Q[A-Z0-9]{13}$/);
    expect(incident.assignments).toHaveLength(1);
    const listed = await get("/incidents?statuses[]=triggered&limit=100");
    expect(listed.body.incidents.map((i: { id: string }) => i.id)).toContain(incident.id);
    expect((await get(`/incidents/${incident.id}`)).body.incident.title).toBe(
      "Disk full on auth-db-1",
    );
  });

  test("assigns whoever level 1 of the service's policy has on call", async () => {
    const { sim, get, post } = setup();
    const oncall = (await get("/oncalls?escalation_policy_ids[]=PEPNET")).body.oncalls.find(
      (o: { escalation_level: number }) => o.escalation_level === 1,
    );
    const res = await post(
      "/incidents",
      body({ service: { id: "SNETEDG", type: "service_reference" } }),
      ADMIN_EMAIL,
    );
    expect(res.body.incident.assignments[0].assignee.id).toBe(oncall.user.id);
    expect(sim.state.incidents.get(res.body.incident.id)?.escalation_policy_id).toBe("PEPNET");
  });

  test("explicit assignments, priority by reference or name, an incident key", async () => {
    const { post } = setup();
    const a = await post(
      "/incidents",
      body({
        assignments: [{ assignee: { id: "PUSER03", type: "user_reference" } }],
        priority: { id: "PPRIO1", type: "priority_reference" },
        incident_key: "disk/auth-db-1",
      }),
      ADMIN_EMAIL,
    );
    expect(a.status).toBe(201);
    expect(
      a.body.incident.assignments.map((x: { assignee: { id: string } }) => x.assignee.id),
    ).toEqual(["PUSER03"]);
    expect(a.body.incident.priority).toMatchObject({ id: "PPRIO1", summary: "P1" });
    expect(a.body.incident.incident_key).toBe("disk/auth-db-1");
    const b = await post("/incidents", body({ priority: "P3", title: "Other" }), ADMIN_EMAIL);
    expect(b.body.incident.priority.id).toBe("PPRIO3");
  });

  test("an open incident with the same key on the service is refused; once resolved it is allowed", async () => {
    const { post, put } = setup();
    const first = await post("/incidents", body({ incident_key: "k-1" }), ADMIN_EMAIL);
    const dup = await post("/incidents", body({ incident_key: "k-1" }), ADMIN_EMAIL);
    expect(dup.status).toBe(400);
    expect(dup.body.error.errors).toEqual([
      "Open incident with matching dedup key already exists on this service",
    ]);
    await put(
      `/incidents/${first.body.incident.id}`,
      { incident: { type: "incident_reference", status: "resolved" } },
      ADMIN_EMAIL,
    );
    expect((await post("/incidents", body({ incident_key: "k-1" }), ADMIN_EMAIL)).status).toBe(201);
  });

  test("writes the trigger, assign and notify log entries and one alert", async () => {
    const { sim, post } = setup();
    const res = await post("/incidents", body(), ADMIN_EMAIL);
    const id = res.body.incident.id;
    const entries = sim.state.logEntries.filter((e) => e.incident_id === id);
    expect(entries.map((e) => e.type)).toEqual([
      "trigger_log_entry",
      "assign_log_entry",
      "notify_log_entry",
    ]);
    expect(entries[0].agent).toEqual({ type: "user", id: "PUSER01" });
    const alerts = [...sim.state.alerts.values()].filter((a) => a.incident_id === id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "triggered", summary: "Disk full on auth-db-1" });
  });

  test.each([
    ["no incident wrapper", { title: "x" }],
    ["the wrong type", body({ type: "incident_reference" })],
    ["an empty title", body({ title: "  " })],
    ["no service", body({ service: undefined })],
    ["an unknown service", body({ service: { id: "PNOPE", type: "service_reference" } })],
    ["a bad urgency", body({ urgency: "urgent" })],
    ["an unknown priority", body({ priority: { id: "PNOPE", type: "priority_reference" } })],
    [
      "an unknown assignee",
      body({ assignments: [{ assignee: { id: "PNOPE", type: "user_reference" } }] }),
    ],
    [
      "assignments and an escalation policy",
      body({
        assignments: [{ assignee: { id: "PUSER03", type: "user_reference" } }],
        escalation_policy: { id: "PEPNET", type: "escalation_policy_reference" },
      }),
    ],
  ])("400 Invalid Input Provided for %s, and nothing is created", async (_name, payload) => {
    const { sim, post } = setup();
    const count = sim.state.incidents.size;
    const res = await post("/incidents", payload, ADMIN_EMAIL);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
    expect(res.body.error.errors.length).toBeGreaterThan(0);
    expect(sim.state.incidents.size).toBe(count);
  });
});
