import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { acknowledge, escalate, reassign, resolve, retrigger } from "../incident-actions.js";
import { findIncident, resolvePriority } from "../lookup.js";
import { renderIncident } from "../render/incident.js";
import type { Incident, SimulatorState, User } from "../state.js";
import { iso } from "../time.js";
import { addLogEntry } from "../timeline.js";
import { assigneeIds } from "./incident-create.js";

type Update = Record<string, unknown> & { escalation_policy?: { id?: unknown } };

/** PUT /incidents/{id} and the bulk PUT /incidents: status, urgency, priority, assignment, ... */
export function incidentUpdateRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.put("/incidents/:id", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    const body = req.body?.incident as Update | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body))
      return invalidInput(res, ["incident is required and must be an object."]);
    const errors = validateUpdate(s, incident, body);
    if (errors.length > 0) return invalidInput(res, errors);
    applyUpdate(ctx, incident, body, user, ctx.now().getTime());
    res.json({ incident: renderIncident(s, incident) });
  });

  r.put("/incidents", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const list = req.body?.incidents as Update[] | undefined;
    if (!Array.isArray(list) || list.length === 0)
      return invalidInput(res, ["incidents must be a non-empty list."]);
    if (list.length > 250) return invalidInput(res, ["At most 250 incidents can be updated."]);
    const targets: Incident[] = [];
    const errors: string[] = [];
    for (const [n, body] of list.entries()) {
      const incident = typeof body?.id === "string" ? findIncident(s, body.id) : undefined;
      if (!incident) {
        errors.push(`incidents[${n}]: incident ${String(body?.id)} not found.`);
        continue;
      }
      targets.push(incident);
      errors.push(...validateUpdate(s, incident, body).map((e) => `incidents[${n}]: ${e}`));
    }
    if (errors.length > 0) return invalidInput(res, errors);
    const at = ctx.now().getTime();
    targets.forEach((incident, n) => applyUpdate(ctx, incident, list[n], user, at));
    res.json({
      incidents: targets.map((i) => renderIncident(s, i)),
      limit: targets.length,
      offset: 0,
      more: false,
      total: null,
    });
  });

  return r;
}

/** Every problem with an update body, in PagerDuty's terms. */
function validateUpdate(s: SimulatorState, incident: Incident, body: Update): string[] {
  const errors: string[] = [];
  if (body.type !== undefined && body.type !== "incident" && body.type !== "incident_reference")
    errors.push('type must be "incident" or "incident_reference".');
  if (
    body.status !== undefined &&
    !["triggered", "acknowledged", "resolved"].includes(body.status as string)
  )
    errors.push("status must be triggered, acknowledged or resolved.");
  if (body.urgency !== undefined && body.urgency !== "high" && body.urgency !== "low")
    errors.push("urgency must be high or low.");
  if (body.title !== undefined && (typeof body.title !== "string" || body.title.trim() === ""))
    errors.push("title cannot be empty.");
  if (body.resolution !== undefined && typeof body.resolution !== "string")
    errors.push("resolution must be a string.");
  if (body.priority !== undefined) {
    const p = resolvePriority(s, body.priority);
    if ("error" in p) errors.push(p.error);
  }
  const policyId = body.escalation_policy?.id;
  if (
    body.escalation_policy !== undefined &&
    (typeof policyId !== "string" || !s.escalationPolicies.has(policyId))
  )
    errors.push("Escalation policy not found.");
  if (body.escalation_level !== undefined) {
    const levels =
      s.escalationPolicies.get(
        typeof policyId === "string" ? policyId : incident.escalation_policy_id,
      )?.rules.length ?? 0;
    const level = body.escalation_level;
    if (!Number.isInteger(level) || (level as number) < 1 || (level as number) > levels)
      errors.push(`escalation_level must be between 1 and ${levels}.`);
  }
  const assignees = assigneeIds(body.assignments);
  if (assignees === null) errors.push("assignments must be a list of {assignee}.");
  else if (assignees.some((id) => !s.users.has(id))) errors.push("Assignee not found.");
  if (
    assignees?.length &&
    (body.escalation_policy !== undefined || body.escalation_level !== undefined)
  )
    errors.push("Cannot specify assignments together with an escalation policy or level.");
  if (body.assignments !== undefined && assignees?.length === 0)
    errors.push("assignments cannot be empty.");
  return errors;
}

/** Applies a validated update: fields first, then assignment, then the status change. */
function applyUpdate(ctx: SimContext, incident: Incident, body: Update, user: User, at: number) {
  const s = ctx.state;
  const agent = { type: "user" as const, id: user.id };
  if (typeof body.title === "string") {
    incident.title = body.title.trim();
    incident.description = incident.title;
  }
  if (body.urgency !== undefined && body.urgency !== incident.urgency) {
    incident.urgency = body.urgency as Incident["urgency"];
    addLogEntry(ctx, incident, at, {
      type: "urgency_change_log_entry",
      summary: `Urgency changed to ${incident.urgency} by ${user.name}.`,
      agent,
      channel: "api",
    });
  }
  if (body.priority !== undefined) {
    const p = resolvePriority(s, body.priority);
    if ("id" in p) incident.priority_id = p.id;
  }
  if (body.conference_bridge !== undefined)
    incident.conference_bridge = (body.conference_bridge ?? null) as Incident["conference_bridge"];
  const policyId = body.escalation_policy?.id as string | undefined;
  if (policyId !== undefined || body.escalation_level !== undefined)
    escalate(ctx, incident, (body.escalation_level as number) ?? 1, user, at, policyId);
  const assignees = assigneeIds(body.assignments) ?? [];
  const reopening = body.status === "triggered" && incident.status === "resolved";
  if (assignees.length > 0 && !reopening) reassign(ctx, incident, assignees, user, at);
  if (body.status === "acknowledged") acknowledge(ctx, incident, user, at);
  else if (body.status === "resolved")
    resolve(ctx, incident, agent, at, { resolution: body.resolution as string | undefined });
  else if (body.status === "triggered") retrigger(ctx, incident, agent, at, assignees);
  incident.updated_at = iso(at);
}
