import { describe, expect, test } from "vitest";
import { ADMIN_EMAIL, setup } from "../helpers.js";

const update = (fields: Record<string, unknown>) => ({
  incident: { type: "incident_reference", ...fields },
});

function fixture() {
  const t = setup();
  const triggered = () =>
    [...t.sim.state.incidents.values()].filter((i) => i.status === "triggered");
  const logTypes = (id: string) =>
    t.sim.state.logEntries.filter((e) => e.incident_id === id).map((e) => e.type);
  return { ...t, triggered, logTypes };
}

describe("PUT /incidents/{id}", () => {
  test("acknowledge: status, acknowledgement by the From user, log entry", async () => {
    const { sim, put, triggered, logTypes } = fixture();
    const target = triggered()[0];
    const res = await put(
      `/incidents/${target.id}`,
      update({ status: "acknowledged" }),
      "bob@example.com",
    );
    expect(res.status).toBe(200);
    expect(res.body.incident.status).toBe("acknowledged");
    expect(res.body.incident.acknowledgements).toEqual([
      { at: "2026-11-25T12:00:00Z", acknowledger: expect.objectContaining({ id: "PUSER02" }) },
    ]);
    expect(sim.state.incidents.get(target.id)?.status).toBe("acknowledged");
    expect(logTypes(target.id).at(-1)).toBe("acknowledge_log_entry");
  });

  test("resolve: clears assignments, resolves alerts, logs the resolution", async () => {
    const { sim, put, get, triggered } = fixture();
    const target = triggered()[0];
    const res = await put(
      `/incidents/${target.id}`,
      update({ status: "resolved", resolution: "Restarted the pods." }),
      ADMIN_EMAIL,
    );
    expect(res.body.incident).toMatchObject({
      status: "resolved",
      resolved_at: "2026-11-25T12:00:00Z",
      assignments: [],
      pending_actions: [],
    });
    expect(res.body.incident.alert_counts.triggered).toBe(0);
    const entry = sim.state.logEntries.filter((e) => e.incident_id === target.id).at(-1)!;
    expect(entry).toMatchObject({ type: "resolve_log_entry", note: "Restarted the pods." });
    const log = await get(`/log_entries/${entry.id}`);
    expect(log.body.log_entry).toMatchObject({
      type: "resolve_log_entry",
      note: "Restarted the pods.",
      agent: { id: "PUSER01" },
    });
  });

  test("a resolved incident can be reopened to triggered, assigned again", async () => {
    const { sim, put } = fixture();
    const resolved = [...sim.state.incidents.values()].find((i) => i.status === "resolved")!;
    const res = await put(
      `/incidents/${resolved.id}`,
      update({ status: "triggered" }),
      ADMIN_EMAIL,
    );
    expect(res.body.incident.status).toBe("triggered");
    expect(res.body.incident.resolved_at).toBeNull();
    expect(res.body.incident.assignments.length).toBeGreaterThan(0);
  });

  test("reassigning an acknowledged incident sets it back to triggered", async () => {
    const { sim, put } = fixture();
    const acked = [...sim.state.incidents.values()].find((i) => i.status === "acknowledged")!;
    const res = await put(
      `/incidents/${acked.id}`,
      update({ assignments: [{ assignee: { id: "PUSER06", type: "user_reference" } }] }),
      ADMIN_EMAIL,
    );
    expect(res.body.incident.status).toBe("triggered");
    expect(
      res.body.incident.assignments.map((a: { assignee: { id: string } }) => a.assignee.id),
    ).toEqual(["PUSER06"]);
  });

  test("escalation_level assigns whoever that level reaches", async () => {
    const { put, triggered, logTypes } = fixture();
    const target = triggered().find((i) => i.escalation_policy_id === "PEPAUTH")!;
    const res = await put(`/incidents/${target.id}`, update({ escalation_level: 3 }), ADMIN_EMAIL);
    expect(
      res.body.incident.assignments.map((a: { assignee: { id: string } }) => a.assignee.id),
    ).toEqual(["PUSER01"]);
    expect(logTypes(target.id)).toContain("escalate_log_entry");
  });

  test("title, urgency and priority change; priority can be cleared with null", async () => {
    const { sim, put, triggered, logTypes } = fixture();
    const target = triggered()[0];
    const urgency = target.urgency === "high" ? "low" : "high";
    const res = await put(
      `/incidents/${target.id}`,
      update({ title: "Renamed", urgency, priority: "P1" }),
      ADMIN_EMAIL,
    );
    expect(res.body.incident).toMatchObject({
      title: "Renamed",
      urgency,
      priority: { name: "P1" },
    });
    expect(logTypes(target.id)).toContain("urgency_change_log_entry");
    await put(`/incidents/${target.id}`, update({ priority: null }), ADMIN_EMAIL);
    expect(sim.state.incidents.get(target.id)?.priority_id).toBeNull();
  });

  test.each([
    ["an unknown status", { status: "closed" }],
    ["a bad urgency", { urgency: "medium" }],
    ["an empty title", { title: "" }],
    ["an escalation level the policy lacks", { escalation_level: 9 }],
    [
      "an unknown assignee",
      { assignments: [{ assignee: { id: "PNOPE", type: "user_reference" } }] },
    ],
  ])("400 for %s, nothing changes", async (_name, fields) => {
    const { sim, put, triggered } = fixture();
    const target = triggered()[0];
    const before = JSON.stringify(target);
    const res = await put(`/incidents/${target.id}`, update(fields), ADMIN_EMAIL);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
    expect(JSON.stringify(sim.state.incidents.get(target.id))).toBe(before);
  });

  test("404 for an unknown incident", async () => {
    const { put } = fixture();
    expect(
      (await put("/incidents/QNOPE", update({ status: "acknowledged" }), ADMIN_EMAIL)).status,
    ).toBe(404);
  });
});

describe("PUT /incidents (bulk)", () => {
  test("updates every listed incident and answers them all", async () => {
    const { sim, put, triggered } = fixture();
    const [a, b] = triggered();
    const res = await put(
      "/incidents",
      {
        incidents: [
          { id: a.id, type: "incident_reference", status: "acknowledged" },
          { id: b.id, type: "incident_reference", status: "resolved" },
        ],
      },
      ADMIN_EMAIL,
    );
    expect(res.status).toBe(200);
    expect(res.body.incidents.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual(
      [
        [a.id, "acknowledged"],
        [b.id, "resolved"],
      ],
    );
    expect(sim.state.incidents.get(b.id)?.status).toBe("resolved");
  });

  test("one bad entry refuses the whole batch", async () => {
    const { sim, put, triggered } = fixture();
    const [a] = triggered();
    const res = await put(
      "/incidents",
      {
        incidents: [
          { id: a.id, type: "incident_reference", status: "acknowledged" },
          { id: "QNOPE", status: "resolved" },
        ],
      },
      ADMIN_EMAIL,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.errors).toEqual(["incidents[1]: incident QNOPE not found."]);
    expect(sim.state.incidents.get(a.id)?.status).toBe("triggered");
  });
});
