import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { userRef } from "../render/references.js";
import type { Fields } from "../wrapped-body.js";

const ROLES = ["observer", "responder", "manager"] as const;

/** GET /teams/{id}/members; PUT and DELETE /teams/{id}/users/{user_id} (join, change role, leave). */
export function teamMemberRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/teams/:id/members", (req, res) => {
    const team = s.teams.get(req.params.id);
    if (!team) return notFound(res);
    const members = [...s.users.values()].filter((u) => u.team_ids.includes(team.id));
    sendPage(req, res, "members", members, (u) => ({
      user: userRef(s, u.id),
      role: s.teamRoles.get(`${team.id}/${u.id}`) ?? "manager",
    }));
  });

  r.put("/teams/:id/users/:user", (req, res) => {
    const team = s.teams.get(req.params.id);
    const user = s.users.get(req.params.user);
    if (!team || !user) return notFound(res);
    const role = ((req.body ?? {}) as Fields).role ?? "manager";
    if (!ROLES.includes(role as (typeof ROLES)[number]))
      return invalidInput(res, [`Role must be one of ${ROLES.join(", ")}`]);
    if (!user.team_ids.includes(team.id)) user.team_ids.push(team.id);
    s.teamRoles.set(`${team.id}/${user.id}`, role as (typeof ROLES)[number]);
    res.status(204).end();
  });

  r.delete("/teams/:id/users/:user", (req, res) => {
    const team = s.teams.get(req.params.id);
    const user = s.users.get(req.params.user);
    if (!team || !user || !user.team_ids.includes(team.id)) return notFound(res);
    user.team_ids = user.team_ids.filter((t) => t !== team.id);
    s.teamRoles.delete(`${team.id}/${user.id}`);
    res.status(204).end();
  });

  return r;
}
