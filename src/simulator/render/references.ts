import type { Agent, Incident, SimulatorState } from "../state.js";

/** Where PagerDuty's `self` links point. */
export const API_BASE = "https://api.pagerduty.com";
/** The demo account's web address, for `html_url`. */
export const WEB_BASE = "https://acme.pagerduty.com";

/** A reference as PagerDuty embeds one object in another. */
export interface Reference {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string | null;
}

/** `{id, type: <kind>_reference, summary, self: API/<collection>/<id>, html_url: WEB/<webPath>/<id>}`. */
export function ref(
  kind: string,
  collection: string,
  id: string,
  summary: string,
  webPath: string | null = collection,
): Reference {
  return {
    id,
    type: `${kind}_reference`,
    summary,
    self: `${API_BASE}/${collection}/${id}`,
    html_url: webPath === null ? null : `${WEB_BASE}/${webPath}/${id}`,
  };
}

// Deleted objects keep being referenced by old records: their id stands in for the name.
export const userRef = (s: SimulatorState, id: string): Reference =>
  ref("user", "users", id, s.users.get(id)?.name ?? id);
export const serviceRef = (s: SimulatorState, id: string): Reference =>
  ref("service", "services", id, s.services.get(id)?.name ?? id, "service-directory");
export const policyRef = (s: SimulatorState, id: string): Reference =>
  ref("escalation_policy", "escalation_policies", id, s.escalationPolicies.get(id)?.name ?? id);
export const teamRef = (s: SimulatorState, id: string): Reference =>
  ref("team", "teams", id, s.teams.get(id)?.name ?? id);
export const scheduleRef = (s: SimulatorState, id: string): Reference =>
  ref("schedule", "schedules", id, s.schedules.get(id)?.name ?? id);
export const incidentRef = (i: Incident): Reference =>
  ref("incident", "incidents", i.id, `[#${i.incident_number}] ${i.title}`);

/** A user or the service, as the agent of a log entry or of a status change. */
export const agentRef = (s: SimulatorState, agent: Agent): Reference =>
  agent.type === "user" ? userRef(s, agent.id) : serviceRef(s, agent.id);

/** A priority as PagerDuty embeds it in incidents (the full object, type "priority"). */
export function renderPriority(s: SimulatorState, id: string) {
  const p = s.priorities.get(id);
  if (!p) return null;
  return {
    id: p.id,
    type: "priority",
    summary: p.name,
    self: `${API_BASE}/priorities/${p.id}`,
    html_url: null,
    name: p.name,
    description: p.description,
    order: p.order,
    color: p.color,
    account_id: "PACME01",
    schema_version: 0,
  };
}
