import { Router } from "express";
import type { SimContext } from "../context.js";
import { createIncident } from "../create-incident.js";
import { invalidInput } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { resolvePriority } from "../lookup.js";
import { renderIncident } from "../render/incident.js";

type Body = Record<string, unknown> & {
  service?: { id?: unknown; type?: unknown };
  escalation_policy?: { id?: unknown };
  assignments?: unknown;
  body?: { details?: unknown };
};

/** POST /incidents: creates a triggered incident as the From user; 201 with the full incident. */
export function incidentCreateRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.post("/incidents", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const body = req.body?.incident as Body | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body))
      return invalidInput(res, ["incident is required and must be an object."]);
    const errors: string[] = [];
    if (body.type !== "incident") errors.push('incident.type must be "incident".');
    if (typeof body.title !== "string" || body.title.trim() === "")
      errors.push("incident.title cannot be empty.");
    const serviceId = typeof body.service?.id === "string" ? body.service.id : undefined;
    if (!serviceId) errors.push("incident.service is required.");
    else if (!s.services.has(serviceId)) errors.push(`Service ${serviceId} not found.`);
    else if (body.service?.type !== "service_reference")
      errors.push('incident.service.type must be "service_reference".');
    if (body.urgency !== undefined && body.urgency !== "high" && body.urgency !== "low")
      errors.push("incident.urgency must be high or low.");
    const priority = body.priority === undefined ? undefined : resolvePriority(s, body.priority);
    if (priority && "error" in priority) errors.push(priority.error);
    const policyId =
      typeof body.escalation_policy?.id === "string" ? body.escalation_policy.id : undefined;
    if (body.escalation_policy !== undefined && (!policyId || !s.escalationPolicies.has(policyId)))
      errors.push("Escalation policy not found.");
    const assignees = assigneeIds(body.assignments);
    if (assignees === null) errors.push("incident.assignments must be a list of {assignee}.");
    else if (assignees.some((id) => !s.users.has(id))) errors.push("Assignee not found.");
    if (assignees?.length && body.escalation_policy !== undefined)
      errors.push("Cannot specify both assignments and an escalation policy.");
    if (body.incident_key !== undefined && typeof body.incident_key !== "string")
      errors.push("incident.incident_key must be a string.");
    if (errors.length > 0) return invalidInput(res, errors);

    const key = body.incident_key as string | undefined;
    if (
      key !== undefined &&
      [...s.incidents.values()].some(
        (i) => i.incident_key === key && i.service_id === serviceId && i.status !== "resolved",
      )
    )
      return invalidInput(res, [
        "Open incident with matching dedup key already exists on this service",
      ]);

    const incident = createIncident(
      ctx,
      {
        title: (body.title as string).trim(),
        service_id: serviceId!,
        urgency: body.urgency as "high" | "low" | undefined,
        priority_id: priority && "id" in priority ? priority.id : null,
        escalation_policy_id: policyId,
        assignee_ids: assignees ?? [],
        incident_key: key,
        details: body.body?.details,
        conference_bridge: conferenceBridge(body.conference_bridge),
        agent: { type: "user", id: user.id },
        channel: "api",
      },
      ctx.now().getTime(),
    );
    res.status(201).json({ incident: renderIncident(s, incident) });
  });

  return r;
}

/** User ids of `[{assignee: {id, type: "user_reference"}}]`; null when not that shape. */
export function assigneeIds(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const ids = value.map((a) => (a as { assignee?: { id?: unknown } })?.assignee?.id);
  return ids.every((id): id is string => typeof id === "string") ? ids : null;
}

function conferenceBridge(value: unknown) {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  return {
    conference_number: typeof v.conference_number === "string" ? v.conference_number : "",
    conference_url: typeof v.conference_url === "string" ? v.conference_url : "",
  };
}
