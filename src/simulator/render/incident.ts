import type { Incident, SimulatorState } from "../state.js";
import { iso, ms, MINUTE } from "../time.js";
import {
  agentRef,
  API_BASE,
  policyRef,
  ref,
  renderPriority,
  serviceRef,
  teamRef,
  userRef,
  WEB_BASE,
} from "./references.js";

/** What PagerDuty will do next on its own: escalate, un-acknowledge, auto-resolve. */
function pendingActions(s: SimulatorState, i: Incident): Array<{ type: string; at: string }> {
  if (i.status === "resolved") return [];
  const service = s.services.get(i.service_id);
  const policy = s.escalationPolicies.get(i.escalation_policy_id);
  const since = ms(i.last_status_change_at);
  const actions: Array<{ type: string; at: string }> = [];
  if (i.status === "acknowledged") {
    const back = i.snoozed_until
      ? ms(i.snoozed_until)
      : service?.acknowledgement_timeout
        ? since + service.acknowledgement_timeout * 1000
        : null;
    if (back !== null) actions.push({ type: "unacknowledge", at: iso(back) });
  } else if (policy) {
    const rule = policy.rules[i.escalation_level - 1];
    const canEscalate = i.escalation_level < policy.rules.length || policy.num_loops > 0;
    if (rule && canEscalate)
      actions.push({ type: "escalate", at: iso(since + rule.delay_minutes * MINUTE) });
  }
  if (service?.auto_resolve_timeout)
    actions.push({ type: "resolve", at: iso(since + service.auto_resolve_timeout * 1000) });
  return actions;
}

/** An incident as PagerDuty returns it: every field, references expanded to summaries and links. */
export function renderIncident(s: SimulatorState, i: Incident) {
  const alerts = [...s.alerts.values()].filter((a) => a.incident_id === i.id);
  const trigger = s.logEntries.find(
    (e) => e.incident_id === i.id && e.type === "trigger_log_entry",
  );
  const policy = s.escalationPolicies.get(i.escalation_policy_id);
  return {
    id: i.id,
    type: "incident",
    summary: `[#${i.incident_number}] ${i.title}`,
    self: `${API_BASE}/incidents/${i.id}`,
    html_url: `${WEB_BASE}/incidents/${i.id}`,
    incident_number: i.incident_number,
    title: i.title,
    description: i.description,
    created_at: i.created_at,
    updated_at: i.updated_at,
    status: i.status,
    incident_key: i.incident_key,
    service: serviceRef(s, i.service_id),
    assignments: i.assignments.map((a) => ({ at: a.at, assignee: userRef(s, a.user_id) })),
    assigned_via: "escalation_policy",
    last_status_change_at: i.last_status_change_at,
    last_status_change_by: agentRef(s, i.last_status_change_by),
    resolved_at: i.resolved_at,
    first_trigger_log_entry: trigger
      ? {
          ...ref("trigger_log_entry", "log_entries", trigger.id, trigger.summary),
          self: `${API_BASE}/log_entries/${trigger.id}?incident_id=${i.id}`,
          html_url: `${WEB_BASE}/incidents/${i.id}/log_entries/${trigger.id}`,
        }
      : null,
    alert_counts: {
      all: alerts.length,
      triggered: alerts.filter((a) => a.status === "triggered").length,
      resolved: alerts.filter((a) => a.status === "resolved").length,
    },
    is_mergeable: true,
    incident_type: { name: "incident_default" },
    escalation_policy: policyRef(s, i.escalation_policy_id),
    teams: (policy?.team_ids ?? []).map((t) => teamRef(s, t)),
    pending_actions: pendingActions(s, i),
    acknowledgements: i.acknowledgements.map((a) => ({
      at: a.at,
      acknowledger: userRef(s, a.user_id),
    })),
    basic_alert_grouping: null,
    alert_grouping: null,
    priority: i.priority_id ? renderPriority(s, i.priority_id) : null,
    resolve_reason: null,
    conference_bridge: i.conference_bridge,
    incidents_responders: [],
    responder_requests: [],
    subscriber_requests: [],
    urgency: i.urgency,
    body: { type: "incident_body", details: i.details },
  };
}
