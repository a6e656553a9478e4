import { describe, expect, test } from "vitest";
import { createSimulator } from "../../../src/simulator/index.js";
import { DAY } from "../../../src/simulator/time.js";
import { NOW } from "../helpers.js";

const sim = createSimulator({ now: () => NOW });
const s = sim.state;
const incidents = [...s.incidents.values()];

describe("seeded demo account", () => {
  test("is deterministic: the same clock gives the same ids and content", () => {
    const again = createSimulator({ now: () => NOW }).state;
    expect([...again.incidents.keys()]).toEqual([...s.incidents.keys()]);
    expect([...again.alerts.values()]).toEqual([...s.alerts.values()]);
    expect(again.logEntries).toEqual(s.logEntries);
  });

  test("has the directory others rely on", () => {
    expect(s.services.get("SAUTH1")?.name).toBe("Authentication Service");
    expect([...s.services.values()].map((x) => x.name)).toEqual(
      expect.arrayContaining(["Payments API", "Network Edge", "Search", "Notifications"]),
    );
    expect(s.escalationPolicies.size).toBeGreaterThanOrEqual(3);
    expect(s.teams.size).toBeGreaterThanOrEqual(2);
    expect(s.users.size).toBeGreaterThanOrEqual(8);
    expect(s.users.get(s.currentUserId)).toMatchObject({
      email: "alice@example.com",
      role: "admin",
    });
    expect([...s.users.values()].every((u) => /^[a-z]+@example\.com$/.test(u.email))).toBe(true);
    expect([...s.priorities.values()].map((p) => p.name).sort()).toEqual([
      "P1",
      "P2",
      "P3",
      "P4",
      "P5",
    ]);
    expect(s.schedules.get("PNETINF")?.name).toBe("Network Infrastructure");
    expect(s.schedules.size).toBeGreaterThanOrEqual(3);
  });

  test("every reference in the directory points at something that exists", () => {
    for (const x of s.services.values()) {
      expect(s.escalationPolicies.has(x.escalation_policy_id)).toBe(true);
      for (const t of x.team_ids) expect(s.teams.has(t)).toBe(true);
    }
    for (const p of s.escalationPolicies.values())
      for (const rule of p.rules)
        for (const t of rule.targets)
          expect(t.type === "user" ? s.users.has(t.id) : s.schedules.has(t.id)).toBe(true);
    for (const x of s.schedules.values())
      for (const l of x.layers) for (const u of l.user_ids) expect(s.users.has(u)).toBe(true);
  });

  test("has 40–60 incidents, a realistic mix, mostly in the last 25 days", () => {
    expect(incidents.length).toBeGreaterThanOrEqual(40);
    expect(incidents.length).toBeLessThanOrEqual(60);
    const count = (f: (i: (typeof incidents)[number]) => boolean) => incidents.filter(f).length;
    expect(count((i) => i.status === "triggered")).toBeGreaterThanOrEqual(3);
    expect(count((i) => i.status === "acknowledged")).toBeGreaterThanOrEqual(3);
    expect(count((i) => i.status === "resolved")).toBeGreaterThan(
      count((i) => i.status !== "resolved"),
    );
    expect(count((i) => i.urgency === "high")).toBeGreaterThan(0);
    expect(count((i) => i.urgency === "low")).toBeGreaterThan(0);
    expect(count((i) => i.priority_id !== null)).toBeGreaterThan(0);
    const age = (i: (typeof incidents)[number]) => NOW.getTime() - Date.parse(i.created_at);
    expect(count((i) => age(i) <= 25 * DAY + 4 * 3_600_000)).toBeGreaterThanOrEqual(40);
    expect(count((i) => age(i) > 30 * DAY)).toBeGreaterThanOrEqual(3);
    expect(incidents.every((i) => age(i) > 0)).toBe(true);
  });

  test("incident numbers follow creation time", () => {
    const byNumber = [...incidents].sort((a, b) => a.incident_number - b.incident_number);
    expect(byNumber.map((i) => i.created_at)).toEqual(
      [...byNumber.map((i) => i.created_at)].sort(),
    );
    expect(byNumber.map((i) => i.incident_number)).toEqual(incidents.map((_, n) => n + 1));
  });

  test("every incident has 1–3 alerts with custom details, and a consistent timeline", () => {
    for (const i of incidents) {
      const alerts = [...s.alerts.values()].filter((a) => a.incident_id === i.id);
      expect(alerts.length).toBeGreaterThanOrEqual(1);
      expect(alerts.length).toBeLessThanOrEqual(3);
      for (const a of alerts) {
        expect(Object.keys(a.body.details).length).toBeGreaterThan(0);
        expect(a.body.cef_details).toMatchObject({ client: "Datadog" });
        expect(a.status).toBe(i.status === "resolved" ? "resolved" : "triggered");
      }
      const types = s.logEntries.filter((e) => e.incident_id === i.id).map((e) => e.type);
      expect(types[0]).toBe("trigger_log_entry");
      expect(types).toContain("assign_log_entry");
      if (i.status !== "triggered") expect(types).toContain("acknowledge_log_entry");
      if (i.status === "resolved") {
        expect(types).toContain("resolve_log_entry");
        expect(i.assignments).toEqual([]);
      } else expect(i.assignments.length).toBeGreaterThan(0);
    }
  });

  test("has notes, maintenance windows in every state, change events and audit records", () => {
    expect([...s.notes.values()].flat().length).toBeGreaterThanOrEqual(3);
    const now = NOW.getTime();
    const windows = [...s.maintenanceWindows.values()];
    expect(windows.some((w) => Date.parse(w.start_time) > now)).toBe(true);
    expect(windows.some((w) => Date.parse(w.end_time) <= now)).toBe(true);
    expect(
      windows.some((w) => Date.parse(w.start_time) <= now && Date.parse(w.end_time) > now),
    ).toBe(true);
    expect(s.changeEvents.length).toBeGreaterThanOrEqual(5);
    expect(s.auditRecords.length).toBeGreaterThan(20);
    expect(s.auditRecords.every((a) => now - Date.parse(a.execution_time) < 24 * 3_600_000)).toBe(
      true,
    );
  });

  test("seed: false starts empty", () => {
    const empty = createSimulator({ seed: false }).state;
    expect(empty.incidents.size + empty.users.size + empty.services.size).toBe(0);
  });
});
