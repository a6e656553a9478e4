import type { SimContext } from "./context.js";
import { usersAtLevel } from "./shifts.js";
import type { Agent, Incident, User } from "./state.js";
import { iso, ms } from "./time.js";
import { addLogEntry, logAssignment } from "./timeline.js";

/**
 * The state changes of an incident, each at `at` (epoch ms) and each writing the log entries
 * PagerDuty writes. Routes validate first; these only change state.
 */

const byUser = (user: User): Agent => ({ type: "user", id: user.id });

function statusChange(incident: Incident, status: Incident["status"], agent: Agent, at: number) {
  incident.status = status;
  incident.last_status_change_at = iso(at);
  incident.last_status_change_by = agent;
  incident.updated_at = iso(at);
}

function assign(incident: Incident, userIds: string[], at: number) {
  incident.assignments = userIds.map((user_id) => ({ user_id, at: iso(at) }));
}

/** Acknowledges (again, if already acknowledged); a resolved incident is reopened to the user. */
export function acknowledge(ctx: SimContext, incident: Incident, user: User, at: number): void {
  if (incident.status === "resolved") {
    incident.resolved_at = null;
    assign(incident, [user.id], at);
  }
  statusChange(incident, "acknowledged", byUser(user), at);
  incident.acknowledgements.push({ user_id: user.id, at: iso(at) });
  incident.snoozed_until = null;
  addLogEntry(ctx, incident, at, {
    type: "acknowledge_log_entry",
    summary: `Acknowledged by ${user.name}.`,
    agent: byUser(user),
    channel: "api",
  });
}

/** Acknowledges on behalf of a service (an Events API acknowledge event): no user acknowledges. */
export function acknowledgeByService(
  ctx: SimContext,
  incident: Incident,
  serviceId: string,
  at: number,
): void {
  const agent: Agent = { type: "service", id: serviceId };
  statusChange(incident, "acknowledged", agent, at);
  addLogEntry(ctx, incident, at, {
    type: "acknowledge_log_entry",
    summary: `Acknowledged by ${ctx.state.services.get(serviceId)?.name ?? serviceId}.`,
    agent,
    channel: "events_api_v2",
  });
}

/** Resolves: clears assignments, resolves the alerts, logs the resolution as the entry's note. */
export function resolve(
  ctx: SimContext,
  incident: Incident,
  agent: Agent,
  at: number,
  options: { resolution?: string; summary?: string; channel?: string } = {},
): void {
  if (incident.status === "resolved") return;
  statusChange(incident, "resolved", agent, at);
  incident.resolved_at = iso(at);
  incident.assignments = [];
  incident.snoozed_until = null;
  for (const alert of ctx.state.alerts.values()) {
    if (alert.incident_id === incident.id && alert.status !== "resolved") {
      alert.status = "resolved";
      alert.resolved_at = iso(at);
    }
  }
  const name =
    agent.type === "user"
      ? ctx.state.users.get(agent.id)?.name
      : ctx.state.services.get(agent.id)?.name;
  addLogEntry(ctx, incident, at, {
    type: "resolve_log_entry",
    summary: options.summary ?? `Resolved by ${name ?? agent.id}.`,
    agent,
    channel: options.channel ?? "api",
    note: options.resolution ?? null,
  });
}

/**
 * Sets the incident back to triggered: from acknowledged it is un-acknowledged; from resolved it
 * is reopened and assigned to `assigneeIds` (default: level 1 of its policy).
 */
export function retrigger(
  ctx: SimContext,
  incident: Incident,
  agent: Agent,
  at: number,
  assigneeIds?: string[],
): void {
  if (incident.status === "triggered") return;
  const reopening = incident.status === "resolved";
  statusChange(incident, "triggered", agent, at);
  incident.acknowledgements = [];
  incident.snoozed_until = null;
  if (!reopening) {
    addLogEntry(ctx, incident, at, {
      type: "unacknowledge_log_entry",
      summary: "Unacknowledged.",
      agent,
      channel: agent.type === "user" ? "api" : "timeout",
    });
    return;
  }
  incident.resolved_at = null;
  incident.escalation_level = 1;
  const users = assigneeIds?.length
    ? assigneeIds
    : usersAtLevel(ctx, incident.escalation_policy_id, 1, at);
  assign(incident, users, at);
  addLogEntry(ctx, incident, at, {
    type: "trigger_log_entry",
    summary: "Reopened through the API.",
    agent,
    channel: "api",
  });
  logAssignment(ctx, incident, at, users, agent, "api");
}

/** Reassigns to users; PagerDuty sets an acknowledged incident back to triggered. */
export function reassign(
  ctx: SimContext,
  incident: Incident,
  userIds: string[],
  user: User,
  at: number,
): void {
  assign(incident, userIds, at);
  if (incident.status === "acknowledged") {
    statusChange(incident, "triggered", byUser(user), at);
    incident.acknowledgements = [];
  }
  incident.updated_at = iso(at);
  logAssignment(ctx, incident, at, userIds, byUser(user), "api");
}

/** Moves to a level (1-based) of a policy (default: its current one) and assigns who it reaches. */
export function escalate(
  ctx: SimContext,
  incident: Incident,
  level: number,
  user: User,
  at: number,
  policyId = incident.escalation_policy_id,
): void {
  incident.escalation_policy_id = policyId;
  incident.escalation_level = level;
  assign(incident, usersAtLevel(ctx, policyId, level, at), at);
  if (incident.status === "acknowledged") {
    statusChange(incident, "triggered", byUser(user), at);
    incident.acknowledgements = [];
  }
  incident.updated_at = iso(at);
  logAssignment(
    ctx,
    incident,
    at,
    incident.assignments.map((a) => a.user_id),
    byUser(user),
    "api",
    "escalate_log_entry",
  );
}

/** Snoozes an acknowledged incident: it triggers again after `seconds`. */
export function snooze(
  ctx: SimContext,
  incident: Incident,
  seconds: number,
  user: User,
  at: number,
): void {
  incident.snoozed_until = iso(at + seconds * 1000);
  incident.updated_at = iso(at);
  addLogEntry(ctx, incident, at, {
    type: "snooze_log_entry",
    summary: `Snoozed for ${seconds / 60} minutes by ${user.name}.`,
    agent: byUser(user),
    channel: "api",
  });
}

/** Merges sources into the target: their alerts move over and they are resolved. */
export function merge(
  ctx: SimContext,
  target: Incident,
  sources: Incident[],
  user: User,
  at: number,
): void {
  for (const source of sources) {
    for (const alert of ctx.state.alerts.values())
      if (alert.incident_id === source.id) alert.incident_id = target.id;
    resolve(ctx, source, byUser(user), at, {
      summary: `Resolved by ${user.name} by merging into incident #${target.incident_number}.`,
    });
  }
  target.updated_at = iso(at);
}

/** Snoozes that have run out: the incident triggers again at the snooze's end. */
export function expireSnoozes(ctx: SimContext, now: number): void {
  for (const incident of ctx.state.incidents.values()) {
    if (incident.status !== "acknowledged" || incident.snoozed_until === null) continue;
    const end = ms(incident.snoozed_until);
    if (end > now) continue;
    retrigger(ctx, incident, { type: "service", id: incident.service_id }, end);
  }
}
