import type { Alert, Incident, Reference, SimulatorState, User } from "./state.js";

const API = "https://api.pagerduty.com";
const WEB = "https://acme.pagerduty.com";

/** A reference as PagerDuty embeds it ({id, type, summary, self, html_url}). */
export function ref(
  type: string,
  collection: string,
  id: string,
  summary: string,
  webPath = collection,
): Reference {
  return {
    id,
    type: `${type}_reference`,
    summary,
    self: `${API}/${collection}/${id}`,
    html_url: `${WEB}/${webPath}/${id}`,
  };
}

export const userRef = (s: SimulatorState, id: string) =>
  ref("user", "users", id, s.users.get(id)?.name ?? id);
export const serviceRef = (s: SimulatorState, id: string) =>
  ref("service", "services", id, s.services.get(id)?.name ?? id, "service-directory");
export const policyRef = (s: SimulatorState, id: string) =>
  ref("escalation_policy", "escalation_policies", id, s.escalationPolicies.get(id)?.name ?? id);
export const teamRef = (s: SimulatorState, id: string) =>
  ref("team", "teams", id, s.teams.get(id)?.name ?? id);
export const scheduleRef = (s: SimulatorState, id: string) =>
  ref("schedule", "schedules", id, s.schedules.get(id)?.name ?? id);

export function renderUser(s: SimulatorState, u: User) {
  return {
    id: u.id,
    type: "user",
    summary: u.name,
    self: `${API}/users/${u.id}`,
    html_url: `${WEB}/users/${u.id}`,
    name: u.name,
    email: u.email,
    time_zone: u.time_zone,
    color: "purple",
    role: u.role,
    avatar_url: `https://secure.gravatar.com/avatar/${u.id}.png?d=mm&r=PG`,
    description: `${u.job_title} at Acme`,
    invitation_sent: false,
    job_title: u.job_title,
    teams: u.team_ids.map((t) => teamRef(s, t)),
    contact_methods: [
      ref("email_contact_method", `users/${u.id}/contact_methods`, `PC${u.id.slice(1)}`, "Default"),
    ],
    notification_rules: [
      ref(
        "assignment_notification_rule",
        `users/${u.id}/notification_rules`,
        `PN${u.id.slice(1)}`,
        "0 minutes: channel email",
      ),
    ],
    billed: true,
  };
}

export function renderIncident(s: SimulatorState, i: Incident) {
  const service = s.services.get(i.service_id);
  const priority = i.priority_id ? s.priorities.get(i.priority_id) : undefined;
  const alerts = [...s.alerts.values()].filter((a) => a.incident_id === i.id);
  return {
    id: i.id,
    type: "incident",
    summary: `[#${i.incident_number}] ${i.title}`,
    self: `${API}/incidents/${i.id}`,
    html_url: `${WEB}/incidents/${i.id}`,
    incident_number: i.incident_number,
    title: i.title,
    description: i.description,
    created_at: i.created_at,
    updated_at: i.updated_at,
    status: i.status,
    incident_key: i.incident_key,
    service: serviceRef(s, i.service_id),
    assignments:
      i.status === "resolved"
        ? []
        : i.assignee_ids.map((u) => ({ at: i.created_at, assignee: userRef(s, u) })),
    assigned_via: "escalation_policy",
    last_status_change_at: i.last_status_change_at,
    resolved_at: i.resolved_at,
    first_trigger_log_entry: ref(
      "trigger_log_entry",
      "log_entries",
      `R${i.id.slice(1, 8)}T`,
      `Triggered through the API.`,
      `incidents/${i.id}/log_entries`,
    ),
    alert_counts: {
      all: alerts.length,
      triggered: alerts.filter((a) => a.status === "triggered").length,
      resolved: alerts.filter((a) => a.status === "resolved").length,
    },
    is_mergeable: true,
    escalation_policy: policyRef(s, i.escalation_policy_id),
    teams: (service?.team_ids ?? []).map((t) => teamRef(s, t)),
    pending_actions:
      i.status === "resolved"
        ? []
        : [
            {
              type: "escalate",
              at: new Date(Date.parse(i.updated_at) + 30 * 60_000).toISOString(),
            },
          ],
    acknowledgements: i.acknowledgements.map((a) => ({
      at: a.at,
      acknowledger: userRef(s, a.user_id),
    })),
    basic_alert_grouping: null,
    alert_grouping: null,
    last_status_change_by:
      i.acknowledgements.length > 0
        ? userRef(s, i.acknowledgements[0].user_id)
        : serviceRef(s, i.service_id),
    priority: priority
      ? {
          id: priority.id,
          type: "priority",
          summary: priority.name,
          self: `${API}/priorities/${priority.id}`,
          html_url: null,
          name: priority.name,
          description: priority.description,
          order: priority.order,
          color: "a8171c",
        }
      : null,
    resolve_reason: null,
    conference_bridge: null,
    incidents_responders: [],
    responder_requests: [],
    subscriber_requests: [],
    urgency: i.urgency,
    body: { type: "incident_body", details: i.details ?? "" },
  };
}

export function renderAlert(s: SimulatorState, a: Alert) {
  const incident = s.incidents.get(a.incident_id)!;
  return {
    id: a.id,
    type: "alert",
    summary: a.summary,
    self: `${API}/alerts/${a.id}`,
    html_url: `${WEB}/alerts/${a.id}`,
    created_at: a.created_at,
    status: a.status,
    alert_key: a.alert_key,
    service: serviceRef(s, incident.service_id),
    body: a.body,
    incident: ref(
      "incident",
      "incidents",
      incident.id,
      `[#${incident.incident_number}] ${incident.title}`,
    ),
    suppressed: false,
    severity: a.severity,
    integration: ref(
      "generic_events_api_inbound_integration",
      `services/${incident.service_id}/integrations`,
      `PI${incident.service_id}`,
      "Datadog",
    ),
  };
}
