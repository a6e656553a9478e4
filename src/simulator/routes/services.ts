import { Router } from "express";
import { recordAudit } from "../audit.js";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryList, queryString } from "../query.js";
import { API_BASE, policyRef, ref, teamRef, WEB_BASE } from "../render/references.js";
import type { Service, SimulatorState } from "../state.js";
import { iso } from "../time.js";

const STATUSES = ["active", "warning", "critical", "maintenance", "disabled"];
type Body = Record<string, unknown> & {
  escalation_policy?: { id?: unknown };
  incident_urgency_rule?: { type?: unknown; urgency?: unknown };
};

/** Services: list (query, name, team_ids[], sort_by), get, create (201), update, delete (204). */
export function serviceRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/services", (req, res) => {
    const sort = queryString(req, "sort_by") ?? "name";
    if (!["name", "name:asc", "name:desc"].includes(sort))
      return invalidInput(res, ["sort_by must be name, name:asc or name:desc."]);
    const q = queryString(req, "query")?.toLowerCase();
    const name = queryString(req, "name");
    const teams = queryList(req, "team_ids");
    const items = [...s.services.values()]
      .filter(
        (x) =>
          (!q || x.name.toLowerCase().includes(q)) &&
          (name === undefined || x.name === name) &&
          (!teams || x.team_ids.some((t) => teams.includes(t))),
      )
      .sort((a, b) => a.name.localeCompare(b.name) * (sort === "name:desc" ? -1 : 1));
    sendPage(req, res, "services", items, (x) => renderService(s, x));
  });

  r.get("/services/:id", (req, res) => {
    const service = s.services.get(req.params.id);
    if (!service) return notFound(res);
    res.json({ service: renderService(s, service) });
  });

  r.post("/services", (req, res) => {
    const body = req.body?.service as Body | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body))
      return invalidInput(res, ["service is required and must be an object."]);
    const errors = validate(s, body, undefined);
    if (body.name === undefined) errors.push("Name can't be blank.");
    if (body.escalation_policy === undefined) errors.push("Escalation policy must be specified.");
    if (errors.length > 0) return invalidInput(res, errors);
    const policyId = body.escalation_policy!.id as string;
    const service: Service = {
      id: ctx.newId("P", 6),
      name: (body.name as string).trim(),
      description: typeof body.description === "string" ? body.description : "",
      status: (body.status as string | undefined) ?? "active",
      escalation_policy_id: policyId,
      team_ids: [...(s.escalationPolicies.get(policyId)?.team_ids ?? [])],
      auto_resolve_timeout:
        body.auto_resolve_timeout === undefined
          ? 14400
          : (body.auto_resolve_timeout as number | null),
      acknowledgement_timeout:
        body.acknowledgement_timeout === undefined
          ? 1800
          : (body.acknowledgement_timeout as number | null),
      urgency: body.incident_urgency_rule?.urgency === "low" ? "low" : "high",
      created_at: iso(ctx.now()),
    };
    s.services.set(service.id, service);
    recordAudit(ctx, "create", root(service), [{ name: "name", value: service.name }]);
    res.status(201).json({ service: renderService(s, service) });
  });

  r.put("/services/:id", (req, res) => {
    const service = s.services.get(req.params.id);
    if (!service) return notFound(res);
    const body = req.body?.service as Body | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body))
      return invalidInput(res, ["service is required and must be an object."]);
    const errors = validate(s, body, service.id);
    if (errors.length > 0) return invalidInput(res, errors);
    const before = { ...service };
    if (typeof body.name === "string") service.name = body.name.trim();
    if (typeof body.description === "string") service.description = body.description;
    if (typeof body.status === "string") service.status = body.status;
    if (body.auto_resolve_timeout !== undefined)
      service.auto_resolve_timeout = body.auto_resolve_timeout as number | null;
    if (body.acknowledgement_timeout !== undefined)
      service.acknowledgement_timeout = body.acknowledgement_timeout as number | null;
    if (
      body.incident_urgency_rule?.urgency === "low" ||
      body.incident_urgency_rule?.urgency === "high"
    )
      service.urgency = body.incident_urgency_rule.urgency;
    if (body.escalation_policy !== undefined)
      service.escalation_policy_id = body.escalation_policy.id as string;
    const changed = (Object.keys(service) as Array<keyof Service>)
      .filter((k) => service[k] !== before[k])
      .map((k) => ({ name: k, before_value: String(before[k]), value: String(service[k]) }));
    if (changed.length > 0) recordAudit(ctx, "update", root(service), changed);
    res.json({ service: renderService(s, service) });
  });

  r.delete("/services/:id", (req, res) => {
    const service = s.services.get(req.params.id);
    if (!service) return notFound(res);
    s.services.delete(service.id);
    recordAudit(ctx, "delete", root(service));
    res.status(204).end();
  });

  return r;
}

const root = (x: Service) => ({ id: x.id, type: "service_reference", summary: x.name });

/** Problems with the fields a create or update body gives. */
function validate(s: SimulatorState, body: Body, selfId: string | undefined): string[] {
  const errors: string[] = [];
  if (body.type !== undefined && body.type !== "service") errors.push('type must be "service".');
  if (body.name !== undefined) {
    if (typeof body.name !== "string" || body.name.trim() === "")
      errors.push("Name can't be blank.");
    else if (
      [...s.services.values()].some(
        (x) => x.name === (body.name as string).trim() && x.id !== selfId,
      )
    )
      errors.push("Name has already been taken.");
  }
  if (body.description !== undefined && typeof body.description !== "string")
    errors.push("description must be a string.");
  if (body.status !== undefined && !STATUSES.includes(body.status as string))
    errors.push(`status must be one of ${STATUSES.join(", ")}.`);
  for (const key of ["auto_resolve_timeout", "acknowledgement_timeout"] as const) {
    const v = body[key];
    if (v !== undefined && v !== null && (!Number.isInteger(v) || (v as number) < 0))
      errors.push(`${key} must be a number of seconds or null.`);
  }
  const policyId = body.escalation_policy?.id;
  if (
    body.escalation_policy !== undefined &&
    (typeof policyId !== "string" || !s.escalationPolicies.has(policyId))
  )
    errors.push("Escalation policy not found.");
  return errors;
}

/** A service as PagerDuty returns it. */
export function renderService(s: SimulatorState, x: Service) {
  const last = [...s.incidents.values()]
    .filter((i) => i.service_id === x.id)
    .reduce<string | null>(
      (max, i) => (max === null || i.created_at > max ? i.created_at : max),
      null,
    );
  return {
    id: x.id,
    type: "service",
    summary: x.name,
    self: `${API_BASE}/services/${x.id}`,
    html_url: `${WEB_BASE}/service-directory/${x.id}`,
    name: x.name,
    description: x.description,
    auto_resolve_timeout: x.auto_resolve_timeout,
    acknowledgement_timeout: x.acknowledgement_timeout,
    created_at: x.created_at,
    updated_at: x.created_at,
    status: x.status,
    last_incident_timestamp: last,
    alert_creation: "create_alerts_and_incidents",
    alert_grouping_parameters: { type: null, config: null },
    integrations: [
      ref(
        "generic_events_api_inbound_integration",
        `services/${x.id}/integrations`,
        `PI${x.id.slice(1, 7)}`,
        "Events API v2",
      ),
    ],
    escalation_policy: policyRef(s, x.escalation_policy_id),
    teams: x.team_ids.map((t) => teamRef(s, t)),
    incident_urgency_rule: { type: "constant", urgency: x.urgency },
    support_hours: null,
    scheduled_actions: [],
    addons: [],
    response_play: null,
    auto_pause_notifications_parameters: { enabled: false, timeout: null },
  };
}
