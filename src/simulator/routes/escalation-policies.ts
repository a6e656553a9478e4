import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryList, queryString } from "../query.js";
import {
  API_BASE,
  scheduleRef,
  serviceRef,
  teamRef,
  userRef,
  WEB_BASE,
} from "../render/references.js";
import type { EscalationPolicy, SimulatorState } from "../state.js";

/** GET /escalation_policies (query, user_ids[], team_ids[], sort_by) and one policy. */
export function escalationPolicyRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/escalation_policies", (req, res) => {
    const sort = queryString(req, "sort_by") ?? "name";
    if (!["name", "name:asc", "name:desc"].includes(sort))
      return invalidInput(res, ["sort_by must be name, name:asc or name:desc."]);
    const q = queryString(req, "query")?.toLowerCase();
    const users = queryList(req, "user_ids");
    const teams = queryList(req, "team_ids");
    const items = [...s.escalationPolicies.values()]
      .filter(
        (p) =>
          (!q || p.name.toLowerCase().includes(q)) &&
          (!teams || p.team_ids.some((t) => teams.includes(t))) &&
          (!users || usersOf(s, p).some((u) => users.includes(u))),
      )
      .sort((a, b) => a.name.localeCompare(b.name) * (sort === "name:desc" ? -1 : 1));
    sendPage(req, res, "escalation_policies", items, (p) => renderPolicy(s, p));
  });

  r.get("/escalation_policies/:id", (req, res) => {
    const policy = s.escalationPolicies.get(req.params.id);
    if (!policy) return notFound(res);
    res.json({ escalation_policy: renderPolicy(s, policy) });
  });

  return r;
}

/** Users a policy can reach: its user targets and everyone in its schedules. */
function usersOf(s: SimulatorState, p: EscalationPolicy): string[] {
  return p.rules.flatMap((rule) =>
    rule.targets.flatMap((t) =>
      t.type === "user" ? [t.id] : (s.schedules.get(t.id)?.layers.flatMap((l) => l.user_ids) ?? []),
    ),
  );
}

/** An escalation policy as PagerDuty returns one. */
export function renderPolicy(s: SimulatorState, p: EscalationPolicy) {
  return {
    id: p.id,
    type: "escalation_policy",
    summary: p.name,
    self: `${API_BASE}/escalation_policies/${p.id}`,
    html_url: `${WEB_BASE}/escalation_policies/${p.id}`,
    name: p.name,
    description: p.description,
    on_call_handoff_notifications: "if_has_services",
    escalation_rules: p.rules.map((rule) => ({
      id: rule.id,
      escalation_delay_in_minutes: rule.delay_minutes,
      targets: rule.targets.map((t) =>
        t.type === "user" ? userRef(s, t.id) : scheduleRef(s, t.id),
      ),
    })),
    services: [...s.services.values()]
      .filter((x) => x.escalation_policy_id === p.id)
      .map((x) => serviceRef(s, x.id)),
    num_loops: p.num_loops,
    teams: p.team_ids.map((t) => teamRef(s, t)),
  };
}
