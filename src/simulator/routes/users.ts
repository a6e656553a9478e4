import { Router } from "express";
import type { SimContext } from "../context.js";
import { notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryList, queryString } from "../query.js";
import { API_BASE, ref, teamRef, WEB_BASE } from "../render/references.js";
import {
  contactMethodRef,
  contactMethodsOf,
  notificationRulesOf,
  notificationRuleSummary,
} from "../render/contact-methods.js";
import type { SimulatorState, User } from "../state.js";

/** GET /users (query on name or email, team_ids[]), GET /users/{id}, GET /users/me. */
export function userRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/users/me", (_req, res) => {
    const me = s.users.get(s.currentUserId);
    if (!me) return notFound(res);
    res.json({ user: renderUser(s, me) });
  });

  r.get("/users", (req, res) => {
    const q = queryString(req, "query")?.toLowerCase();
    const teams = queryList(req, "team_ids");
    const items = [...s.users.values()]
      .filter(
        (u) =>
          (!q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)) &&
          (!teams || u.team_ids.some((t) => teams.includes(t))),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    sendPage(req, res, "users", items, (u) => renderUser(s, u));
  });

  r.get("/users/:id", (req, res) => {
    const user = s.users.get(req.params.id);
    if (!user) return notFound(res);
    res.json({ user: renderUser(s, user) });
  });

  return r;
}

/** A user as PagerDuty returns one. */
export function renderUser(s: SimulatorState, u: User) {
  const suffix = u.id.slice(1);
  return {
    id: u.id,
    type: "user",
    summary: u.name,
    self: `${API_BASE}/users/${u.id}`,
    html_url: `${WEB_BASE}/users/${u.id}`,
    name: u.name,
    email: u.email,
    time_zone: u.time_zone,
    color: u.color,
    role: u.role,
    avatar_url: `https://secure.gravatar.com/avatar/${suffix.toLowerCase()}.png?d=mm&r=PG`,
    description: null,
    invitation_sent: false,
    created_via_sso: false,
    job_title: u.job_title,
    teams: u.team_ids.map((t) => teamRef(s, t)),
    contact_methods: contactMethodsOf(s, u.id).map((c) => contactMethodRef(s, c.id)),
    notification_rules: notificationRulesOf(s, u.id).map((rule) => ({
      ...ref(
        "assignment_notification_rule",
        `users/${u.id}/notification_rules`,
        rule.id,
        notificationRuleSummary(s, rule),
      ),
      html_url: null,
    })),
    coordinated_incidents: [],
    billed: u.role !== "observer",
  };
}
