import { Router } from "express";
import type { SimContext } from "../context.js";
import { notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryString } from "../query.js";
import { API_BASE, WEB_BASE } from "../render/references.js";
import type { Team } from "../state.js";

/** GET /teams (query) and GET /teams/{id}. */
export function teamRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/teams", (req, res) => {
    const q = queryString(req, "query")?.toLowerCase();
    const items = [...s.teams.values()]
      .filter((t) => !q || t.name.toLowerCase().includes(q))
      .sort((a, b) => a.name.localeCompare(b.name));
    sendPage(req, res, "teams", items, renderTeam);
  });

  r.get("/teams/:id", (req, res) => {
    const team = s.teams.get(req.params.id);
    if (!team) return notFound(res);
    res.json({ team: renderTeam(team) });
  });

  return r;
}

/** A team as PagerDuty returns one. */
export function renderTeam(t: Team) {
  return {
    id: t.id,
    type: "team",
    summary: t.name,
    self: `${API_BASE}/teams/${t.id}`,
    html_url: `${WEB_BASE}/teams/${t.id}`,
    name: t.name,
    description: t.description,
    parent: null,
    default_role: "manager",
  };
}
