import type { SimContext } from "./context.js";
import { usersAtLevel } from "./shifts.js";
import type { Agent, Alert, Incident } from "./state.js";
import { iso, MINUTE } from "./time.js";
import { addLogEntry, logAssignment } from "./timeline.js";

/** An alert to attach to a new incident. */
export interface NewAlert {
  summary: string;
  severity: Alert["severity"];
  details: Record<string, unknown>;
  cef_details?: Record<string, unknown>;
  contexts?: unknown[];
  /** Minutes after the incident's creation. Default 0. */
  offset_minutes?: number;
}

/** What creating an incident takes; omitted fields get PagerDuty's defaults. */
export interface NewIncident {
  title: string;
  service_id: string;
  /** Default: the service's urgency. */
  urgency?: Incident["urgency"];
  priority_id?: string | null;
  /** Default: the service's escalation policy. */
  escalation_policy_id?: string;
  /** Default: whoever level 1 of the policy reaches at creation. */
  assignee_ids?: string[];
  /** Default: a random 32-character key. */
  incident_key?: string;
  details?: unknown;
  conference_bridge?: Incident["conference_bridge"];
  /** Who triggered it: a user (REST API) or the service (an integration). */
  agent: Agent;
  /** Channel type of the trigger: api, web_trigger, email, ... */
  channel: string;
  /** Default: one alert that repeats the title and details. */
  alerts?: NewAlert[];
}

/**
 * Creates a triggered incident at `at` (epoch ms): next incident number, its alerts, and the
 * trigger, assign and notify log entries PagerDuty writes.
 */
export function createIncident(ctx: SimContext, input: NewIncident, at: number): Incident {
  const s = ctx.state;
  const service = s.services.get(input.service_id);
  if (!service) throw new Error(`no service ${input.service_id}`);
  const policyId = input.escalation_policy_id ?? service.escalation_policy_id;
  const assignees = input.assignee_ids?.length
    ? input.assignee_ids
    : usersAtLevel(ctx, policyId, 1, at);
  const created = iso(at);
  const incident: Incident = {
    id: ctx.newId("Q", 13),
    incident_number: s.nextIncidentNumber++,
    title: input.title,
    description: input.title,
    status: "triggered",
    urgency: input.urgency ?? service.urgency,
    service_id: service.id,
    escalation_policy_id: policyId,
    escalation_level: 1,
    priority_id: input.priority_id ?? null,
    assignments: assignees.map((user_id) => ({ user_id, at: created })),
    acknowledgements: [],
    incident_key: input.incident_key ?? ctx.newId("", 32).toLowerCase(),
    details: input.details ?? null,
    conference_bridge: input.conference_bridge ?? null,
    created_at: created,
    updated_at: created,
    last_status_change_at: created,
    last_status_change_by: { type: "service", id: service.id },
    resolved_at: null,
    snoozed_until: null,
  };
  s.incidents.set(incident.id, incident);

  const alerts = input.alerts ?? [
    {
      summary: input.title,
      severity: incident.urgency === "high" ? "critical" : "warning",
      details: typeof input.details === "object" && input.details ? { ...input.details } : {},
      cef_details:
        input.details === undefined || input.details === null
          ? {}
          : { details: input.details, message: input.title },
    } satisfies NewAlert,
  ];
  alerts.forEach((a, n) => {
    const alert: Alert = {
      id: ctx.newId("Q", 13),
      incident_id: incident.id,
      status: "triggered",
      severity: a.severity,
      summary: a.summary,
      alert_key: n === 0 ? incident.incident_key : `${incident.incident_key}-${n}`,
      created_at: iso(at + (a.offset_minutes ?? 0) * MINUTE),
      resolved_at: null,
      body: {
        type: "alert_body",
        contexts: a.contexts ?? [],
        details: a.details,
        cef_details: { message: a.summary, severity: a.severity, ...(a.cef_details ?? {}) },
      },
    };
    s.alerts.set(alert.id, alert);
  });

  addLogEntry(ctx, incident, at, {
    type: "trigger_log_entry",
    summary:
      input.channel === "web_trigger"
        ? "Triggered through the website."
        : "Triggered through the API.",
    agent: input.agent,
    channel: input.channel,
    event_details: { description: input.title },
  });
  logAssignment(ctx, incident, at, assignees, { type: "service", id: service.id }, "auto");
  return incident;
}
