import { describe, expect, test } from "vitest";
import { NOW, setup } from "../helpers.js";

type Row = {
  id: string;
  incident_number: number;
  status: string;
  urgency: string;
  created_at: string;
  service: { id: string };
  assignments: Array<{ assignee: { id: string } }>;
  teams: Array<{ id: string }>;
};

const DAY = 86_400_000;

describe("GET /incidents", () => {
  test("without since/until only the last 30 days are listed, oldest first", async () => {
    const { sim, get } = setup();
    const res = await get("/incidents?limit=100");
    const rows = res.body.incidents as Row[];
    const inWindow = [...sim.state.incidents.values()].filter(
      (i) => Date.parse(i.created_at) >= NOW.getTime() - 30 * DAY,
    );
    expect(rows.map((r) => r.id)).toEqual(inWindow.map((i) => i.id));
    expect(rows.map((r) => r.created_at)).toEqual(rows.map((r) => r.created_at).sort());
  });

  test("date_range=all lists every incident; since/until pick a window", async () => {
    const { sim, get } = setup();
    expect((await get("/incidents?date_range=all&limit=100")).body.incidents).toHaveLength(
      sim.state.incidents.size,
    );
    const since = new Date(NOW.getTime() - 2 * DAY).toISOString();
    const until = new Date(NOW.getTime() - DAY).toISOString();
    const rows = (await get(`/incidents?since=${since}&until=${until}&limit=100`)).body
      .incidents as Row[];
    const expected = [...sim.state.incidents.values()].filter(
      (i) => i.created_at >= since.replace(".000", "") && i.created_at < until.replace(".000", ""),
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((i) => i.id));
  });

  test("a window over six months is refused", async () => {
    const { get } = setup();
    const res = await get("/incidents?since=2025-01-01T00:00:00Z&until=2026-11-01T00:00:00Z");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
  });

  test.each([
    [
      "statuses[]",
      "statuses[]=triggered&statuses[]=acknowledged",
      (r: Row) => r.status !== "resolved",
    ],
    ["statuses without brackets", "statuses=acknowledged", (r: Row) => r.status === "acknowledged"],
    [
      "comma-separated statuses",
      "statuses=triggered,acknowledged",
      (r: Row) => r.status !== "resolved",
    ],
    ["urgencies[]", "urgencies[]=low", (r: Row) => r.urgency === "low"],
    [
      "service_ids[]",
      "service_ids[]=SAUTH1&service_ids[]=SDBPRIM",
      (r: Row) => ["SAUTH1", "SDBPRIM"].includes(r.service.id),
    ],
    ["team_ids[]", "team_ids[]=PTEAMNW", (r: Row) => r.teams.some((t) => t.id === "PTEAMNW")],
  ])("filter %s keeps exactly the matching incidents", async (_name, query, keep) => {
    const { get } = setup();
    const all = (await get("/incidents?date_range=all&limit=100")).body.incidents as Row[];
    const rows = (await get(`/incidents?date_range=all&limit=100&${query}`)).body
      .incidents as Row[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id)).toEqual(all.filter(keep).map((r) => r.id));
  });

  test("user_ids[] keeps incidents currently assigned to the users (never resolved ones)", async () => {
    const { sim, get } = setup();
    const open = [...sim.state.incidents.values()].find((i) => i.status === "triggered")!;
    const user = open.assignments[0].user_id;
    const rows = (await get(`/incidents?date_range=all&limit=100&user_ids[]=${user}`)).body
      .incidents as Row[];
    expect(rows.map((r) => r.id)).toContain(open.id);
    for (const r of rows) {
      expect(r.status).not.toBe("resolved");
      expect(r.assignments.map((a) => a.assignee.id)).toContain(user);
    }
  });

  test("incident_key finds the one incident", async () => {
    const { sim, get } = setup();
    const target = [...sim.state.incidents.values()][10];
    const rows = (
      await get(`/incidents?date_range=all&incident_key=${encodeURIComponent(target.incident_key)}`)
    ).body.incidents as Row[];
    expect(rows.map((r) => r.id)).toEqual([target.id]);
  });

  test("sort_by created_at:desc gives newest first; two keys sort by both", async () => {
    const { get } = setup();
    const rows = (await get("/incidents?date_range=all&limit=100&sort_by=created_at:desc")).body
      .incidents as Row[];
    expect(rows.map((r) => r.incident_number)).toEqual(
      rows.map((r) => r.incident_number).sort((a, b) => b - a),
    );
    const two = (
      await get("/incidents?date_range=all&limit=100&sort_by=urgency:desc,incident_number:asc")
    ).body.incidents as Row[];
    const highs = two.filter((r) => r.urgency === "high");
    expect(two.slice(0, highs.length).every((r) => r.urgency === "high")).toBe(true);
    expect(highs.map((r) => r.incident_number)).toEqual(
      highs.map((r) => r.incident_number).sort((a, b) => a - b),
    );
  });

  test.each([
    ["an unknown status", "statuses[]=open"],
    ["an unknown sort field", "sort_by=title"],
    ["a bad date", "since=yesterday"],
  ])("400 for %s", async (_name, query) => {
    const { get } = setup();
    const res = await get(`/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
  });
});

describe("GET /incidents/{id}", () => {
  test("a full, verbose PagerDuty incident, by id or by number", async () => {
    const { sim, get } = setup();
    const incident = [...sim.state.incidents.values()].find(
      (i) => i.status === "acknowledged" && i.priority_id,
    )!;
    const res = await get(`/incidents/${incident.id}`);
    expect(res.status).toBe(200);
    expect(res.body.incident).toMatchObject({
      id: incident.id,
      type: "incident",
      summary: `[#${incident.incident_number}] ${incident.title}`,
      self: `https://api.pagerduty.com/incidents/${incident.id}`,
      html_url: `https://acme.pagerduty.com/incidents/${incident.id}`,
      incident_number: incident.incident_number,
      title: incident.title,
      status: "acknowledged",
      urgency: incident.urgency,
      incident_key: incident.incident_key,
      service: { id: incident.service_id, type: "service_reference" },
      escalation_policy: { id: incident.escalation_policy_id, type: "escalation_policy_reference" },
      priority: { id: incident.priority_id, type: "priority" },
      assignments: [{ assignee: { type: "user_reference" } }],
      acknowledgements: [{ acknowledger: { type: "user_reference" } }],
      first_trigger_log_entry: { type: "trigger_log_entry_reference" },
      incident_type: { name: "incident_default" },
      body: { type: "incident_body" },
    });
    expect(res.body.incident.alert_counts.all).toBeGreaterThan(0);
    expect(res.body.incident.pending_actions.map((a: { type: string }) => a.type)).toContain(
      "unacknowledge",
    );
    const byNumber = await get(`/incidents/${incident.incident_number}`);
    expect(byNumber.body.incident.id).toBe(incident.id);
  });

  test("404 for an unknown id", async () => {
    const { get } = setup();
    const res = await get("/incidents/QNOSUCHINCIDENT");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { message: "Not Found", code: 2100 } });
  });
});
