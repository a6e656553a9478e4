import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { join } from "node:path";
import { readClaims } from "../../src/generator/curated-claims.js";
import { routingKeyOf } from "../../src/simulator/index.js";
import { serverFile, SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [serverFile("all", "every-tool-token", { config: { tool_exposure: "all" } })],
  });
  client = await stack.client("every-tool-token");
});
afterAll(() => stack.close());

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const acknowledged = () =>
  [...stack.sim.state.incidents.values()].find((i) => i.status === "acknowledged")!;
const triggered = () =>
  [...stack.sim.state.incidents.values()].filter((i) => i.status === "triggered");
const alertOf = (incidentId: string) =>
  [...stack.sim.state.alerts.values()].find((a) => a.incident_id === incidentId)!;

/** Arguments that make sense in the simulator's seeded account, one call per tool, in order. */
const calls: Array<[string, () => Record<string, unknown>]> = [
  ["list_all_pager_duty_incidents", () => ({ statuses: ["triggered", "acknowledged"] })],
  ["get_single_pager_duty_incident_by_id", () => ({ id: acknowledged().id })],
  ["list_all_pager_duty_incident_alerts", () => ({ incident_id: acknowledged().id })],
  [
    "get_single_pager_duty_incident_alert_by_id",
    () => ({ incident_id: acknowledged().id, alert_id: alertOf(acknowledged().id).id }),
  ],
  [
    "list_all_pager_duty_incident_log_entries",
    () => ({ incident_id: acknowledged().id, since: "2000-01-01T00:00:00Z" }),
  ],
  ["list_all_pager_duty_incident_notes", () => ({ incident_id: acknowledged().id })],
  [
    "create_a_pager_duty_incident_note",
    () => ({ incident_id: acknowledged().id, content: "Checked the dashboards." }),
  ],
  [
    "create_a_pager_duty_incident_status_update",
    () => ({ incident_id: acknowledged().id, message: "Mitigating." }),
  ],
  ["snooze_a_pager_duty_incident", () => ({ id: acknowledged().id, duration: 3600 })],
  [
    "create_a_pager_duty_incident",
    () => ({ title: "Every-tool check", service_id: "SAUTH1", urgency: "low" }),
  ],
  ["update_a_pager_duty_incident_by_id", () => ({ id: triggered()[0].id, status: "acknowledged" })],
  [
    "merge_a_pager_duty_incident",
    () => ({ id: triggered()[0].id, source_incident_ids: [triggered()[1].id] }),
  ],
  ["list_all_pager_duty_log_entries", () => ({ is_overview: true })],
  ["get_single_pager_duty_log_entry_by_id", () => ({ id: stack.sim.state.logEntries[0].id })],
  ["list_all_pager_duty_change_events", () => ({})],
  ["list_all_pager_duty_services", () => ({ query: "Auth" })],
  ["get_single_pager_duty_service_by_id", () => ({ id: "SAUTH1" })],
  [
    "create_a_pager_duty_service",
    () => ({ name: "Every-tool service", escalation_policy_id: "PEPAUTH" }),
  ],
  [
    "update_a_pager_duty_service_by_id",
    () => ({
      id: [...stack.sim.state.services.values()].find((s) => s.name === "Every-tool service")!.id,
      escalation_policy_id: "PEPNET",
      description: "moved",
    }),
  ],
  [
    "delete_a_pager_duty_service_by_id",
    () => ({
      id: [...stack.sim.state.services.values()].find((s) => s.name === "Every-tool service")!.id,
    }),
  ],
  ["list_all_pager_duty_escalation_policies", () => ({})],
  ["get_single_pager_duty_escalation_policy_by_id", () => ({ id: "PEPNET" })],
  ["list_all_pager_duty_teams", () => ({})],
  ["get_single_pager_duty_team_by_id", () => ({ id: "PTEAMNW" })],
  ["list_all_pager_duty_users", () => ({ query: "a" })],
  ["get_single_pager_duty_user_by_id", () => ({ id: "PUSER02" })],
  ["get_current_a_pager_duty_user", () => ({})],
  ["list_all_pager_duty_priorities", () => ({})],
  ["list_all_pager_duty_schedules", () => ({})],
  ["get_single_pager_duty_schedule_by_id", () => ({ id: "PNETINF" })],
  ["list_all_pager_duty_on_calls", () => ({ schedule_ids: ["PNETINF"] })],
  [
    "create_a_pager_duty_schedule_override",
    () => ({ schedule_id: "PNETINF", user_id: "PUSER01", start: soon(1), end: soon(3) }),
  ],
  [
    "list_all_pager_duty_schedule_overrides",
    () => ({ schedule_id: "PNETINF", since: soon(0), until: soon(24) }),
  ],
  [
    "delete_a_pager_duty_schedule_override_by_id",
    () => ({ schedule_id: "PNETINF", override_id: [...stack.sim.state.overrides.keys()][0] }),
  ],
  ["list_all_pager_duty_maintenance_windows", () => ({ filter: "all" })],
  ["get_single_pager_duty_maintenance_window_by_id", () => ({ id: "PMW0001" })],
  [
    "create_a_pager_duty_maintenance_window",
    () => ({
      service_ids: ["SSEARCH"],
      start_time: soon(5),
      end_time: soon(6),
      description: "Reindex",
    }),
  ],
  ["delete_a_pager_duty_maintenance_window_by_id", () => ({ id: "PMW0001" })],
  ["list_all_pager_duty_audit_records", () => ({})],
  [
    "create_a_pager_duty_incident_responder_request",
    () => ({
      incident_id: triggered()[0].id,
      requester_id: "PUSER01",
      message: "Join the bridge",
      user_ids: ["PUSER02"],
      escalation_policy_ids: ["PEPNET"],
    }),
  ],
  [
    "send_a_pager_duty_event",
    () => ({
      routing_key: routingKeyOf("SSEARCH"),
      event_action: "trigger",
      summary: "Search latency above 2s",
      source: "search-01",
      severity: "warning",
    }),
  ],
  [
    "create_a_pager_duty_change_event",
    () => ({ routing_key: routingKeyOf("SAUTH1"), summary: "Deploy auth build 4122" }),
  ],
];

/** Tools drafted by the generator: the simulator implements only some (test/e2e/generated-tools). */
const generated = new Set(
  readClaims(join(SHIPPED_INTEGRATIONS, "pagerduty"), "generated", "pager_duty").map((c) => c.tool),
);

describe("every curated tool answers through a real client on the simulator", () => {
  test("the list covers every curated tool the server exposes", async () => {
    const listed = (await client.listTools()).tools.map((t) => t.name).sort();
    const called = calls.map(([name]) => name).sort();
    expect(listed.filter((n) => !generated.has(n) && !called.includes(n))).toEqual([]);
    expect(called.filter((n) => !listed.includes(n))).toEqual([]);
  });

  test.each(calls)("%s", async (name, args) => {
    const result = (await client.callTool({ name, arguments: args() })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeUndefined();
    const structured = result.structuredContent as { result: unknown };
    expect(structured.result).toBeDefined();
    if (Array.isArray(structured.result)) expect(structured.result.length).toBeGreaterThan(0);
    else expect(structured.result).not.toBeNull();
  });
});
