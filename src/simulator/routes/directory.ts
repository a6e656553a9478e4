import { Router, type Request } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { paginate, queryList } from "../paging.js";
import {
  policyRef,
  ref,
  renderUser,
  scheduleRef,
  serviceRef,
  teamRef,
  userRef,
} from "../render.js";
import type { EscalationPolicy, Service, SimulatorState } from "../state.js";

const API = "https://api.pagerduty.com";

/** Services, users, teams, escalation policies and priorities. */
export function directoryRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const matches = (req: Request, name: string) =>
    req.query.query === undefined ||
    name.toLowerCase().includes(String(req.query.query).toLowerCase());

  r.get("/services", (req, res) => {
    const teams = queryList(req, "team_ids");
    const items = [...s.services.values()].filter(
      (x) => matches(req, x.name) && (!teams || x.team_ids.some((t) => teams.includes(t))),
    );
    items.sort((a, b) =>
      String(req.query.sort_by ?? "name").startsWith("name:desc")
        ? b.name.localeCompare(a.name)
        : a.name.localeCompare(b.name),
    );
    const paged = paginate(req, res, items);
    if (paged)
      res.json({ services: paged.page.map((x) => renderService(s, x)), ...paged.envelope });
  });
  r.get("/services/:id", (req, res) => {
    const service = s.services.get(req.params.id);
    if (!service) return notFound(res);
    res.json({ service: renderService(s, service) });
  });
  r.post("/services", (req, res) => {
    const body = req.body?.service;
    const errors: string[] = [];
    if (typeof body?.name !== "string" || body.name.trim() === "")
      errors.push("Name cannot be empty.");
    else if ([...s.services.values()].some((x) => x.name === body.name))
      errors.push("Name has already been taken.");
    if (!body?.escalation_policy?.id || !s.escalationPolicies.has(body.escalation_policy.id))
      errors.push("Escalation policy not found.");
    if (errors.length > 0) return invalidInput(res, errors);
    const service: Service = {
      id: newId("P"),
      name: body.name,
      description: body.description ?? "",
      status: "active",
      escalation_policy_id: body.escalation_policy.id,
      team_ids: [],
      auto_resolve_timeout: body.auto_resolve_timeout ?? 14400,
      acknowledgement_timeout: body.acknowledgement_timeout ?? 1800,
      created_at: ctx.now().toISOString(),
    };
    s.services.set(service.id, service);
    res.status(201).json({ service: renderService(s, service) });
  });
  r.put("/services/:id", (req, res) => {
    const service = s.services.get(req.params.id);
    if (!service) return notFound(res);
    const body = req.body?.service ?? {};
    if (body.escalation_policy && !s.escalationPolicies.has(body.escalation_policy.id))
      return invalidInput(res, ["Escalation policy not found."]);
    if (
      body.status !== undefined &&
      !["active", "warning", "critical", "maintenance", "disabled"].includes(body.status)
    )
      return invalidInput(res, ["Status is invalid."]);
    for (const key of [
      "name",
      "description",
      "status",
      "auto_resolve_timeout",
      "acknowledgement_timeout",
    ] as const) {
      if (body[key] !== undefined) (service as unknown as Record<string, unknown>)[key] = body[key];
    }
    if (body.escalation_policy) service.escalation_policy_id = body.escalation_policy.id;
    res.json({ service: renderService(s, service) });
  });
  r.delete("/services/:id", (req, res) => {
    if (!s.services.delete(req.params.id)) return notFound(res);
    res.status(204).end();
  });

  r.get("/users/me", (_req, res) => {
    res.json({ user: renderUser(s, s.users.get(s.currentUserId)!) });
  });
  r.get("/users", (req, res) => {
    const teams = queryList(req, "team_ids");
    const items = [...s.users.values()].filter(
      (u) =>
        (matches(req, u.name) || matches(req, u.email)) &&
        (!teams || u.team_ids.some((t) => teams.includes(t))),
    );
    const paged = paginate(
      req,
      res,
      items.sort((a, b) => a.name.localeCompare(b.name)),
    );
    if (paged) res.json({ users: paged.page.map((u) => renderUser(s, u)), ...paged.envelope });
  });
  r.get("/users/:id", (req, res) => {
    const user = s.users.get(req.params.id);
    if (!user) return notFound(res);
    res.json({ user: renderUser(s, user) });
  });

  r.get("/teams", (req, res) => {
    const paged = paginate(
      req,
      res,
      [...s.teams.values()].filter((t) => matches(req, t.name)),
    );
    if (paged) res.json({ teams: paged.page.map((t) => renderTeam(t)), ...paged.envelope });
  });
  r.get("/teams/:id", (req, res) => {
    const team = s.teams.get(req.params.id);
    if (!team) return notFound(res);
    res.json({ team: renderTeam(team) });
  });

  r.get("/escalation_policies", (req, res) => {
    const users = queryList(req, "user_ids");
    const teams = queryList(req, "team_ids");
    const items = [...s.escalationPolicies.values()].filter(
      (p) =>
        matches(req, p.name) &&
        (!teams || p.team_ids.some((t) => teams.includes(t))) &&
        (!users ||
          p.rules.some((rule) =>
            rule.targets.some((t) =>
              t.type === "user"
                ? users.includes(t.id)
                : s.schedules.get(t.id)?.rotation.user_ids.some((u) => users.includes(u)),
            ),
          )),
    );
    const paged = paginate(
      req,
      res,
      items.sort((a, b) => a.name.localeCompare(b.name)),
    );
    if (paged)
      res.json({
        escalation_policies: paged.page.map((p) => renderPolicy(s, p)),
        ...paged.envelope,
      });
  });
  r.get("/escalation_policies/:id", (req, res) => {
    const policy = s.escalationPolicies.get(req.params.id);
    if (!policy) return notFound(res);
    res.json({ escalation_policy: renderPolicy(s, policy) });
  });

  r.get("/priorities", (req, res) => {
    const items = [...s.priorities.values()].sort((a, b) => a.order - b.order);
    const paged = paginate(req, res, items);
    if (paged) {
      res.json({
        priorities: paged.page.map((p) => ({
          id: p.id,
          type: "priority",
          summary: p.name,
          self: `${API}/priorities/${p.id}`,
          html_url: null,
          name: p.name,
          description: p.description,
          order: p.order,
          color: "a8171c",
        })),
        ...paged.envelope,
      });
    }
  });

  return r;
}

function renderTeam(t: { id: string; name: string; description: string }) {
  return {
    id: t.id,
    type: "team",
    summary: t.name,
    self: `${API}/teams/${t.id}`,
    html_url: `https://acme.pagerduty.com/teams/${t.id}`,
    name: t.name,
    description: t.description,
    parent: null,
    default_role: "manager",
  };
}

function renderService(s: SimulatorState, x: Service) {
  return {
    id: x.id,
    type: "service",
    summary: x.name,
    self: `${API}/services/${x.id}`,
    html_url: `https://acme.pagerduty.com/service-directory/${x.id}`,
    name: x.name,
    auto_resolve_timeout: x.auto_resolve_timeout,
    acknowledgement_timeout: x.acknowledgement_timeout,
    created_at: x.created_at,
    status: x.status,
    last_incident_timestamp:
      [...s.incidents.values()]
        .filter((i) => i.service_id === x.id)
        .map((i) => i.created_at)
        .sort()
        .pop() ?? null,
    alert_creation: "create_alerts_and_incidents",
    alert_grouping_parameters: { type: null },
    integrations: [
      ref(
        "generic_events_api_inbound_integration",
        `services/${x.id}/integrations`,
        `PI${x.id}`,
        "Datadog",
      ),
    ],
    escalation_policy: policyRef(s, x.escalation_policy_id),
    teams: x.team_ids.map((t) => teamRef(s, t)),
    incident_urgency_rule: { type: "constant", urgency: "high" },
    support_hours: null,
    scheduled_actions: [],
    auto_pause_notifications_parameters: { enabled: false, timeout: null },
    description: x.description,
  };
}

function renderPolicy(s: SimulatorState, p: EscalationPolicy) {
  return {
    id: p.id,
    type: "escalation_policy",
    summary: p.name,
    self: `${API}/escalation_policies/${p.id}`,
    html_url: `https://acme.pagerduty.com/escalation_policies/${p.id}`,
    name: p.name,
    escalation_rules: p.rules.map((rule) => ({
      id: rule.id,
      escalation_delay_in_minutes: rule.delay,
      targets: rule.targets.map((t) =>
        t.type === "user" ? userRef(s, t.id) : scheduleRef(s, t.id),
      ),
    })),
    services: [...s.services.values()]
      .filter((x) => x.escalation_policy_id === p.id)
      .map((x) => serviceRef(s, x.id)),
    num_loops: p.num_loops,
    teams: p.team_ids.map((t) => teamRef(s, t)),
    description: p.description,
    on_call_handoff_notifications: "if_has_services",
  };
}
