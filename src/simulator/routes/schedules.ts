import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryFlag, queryList, queryString, timeWindow } from "../query.js";
import { API_BASE, policyRef, teamRef, userRef, WEB_BASE } from "../render/references.js";
import {
  coverage,
  finalEntries,
  layerEntries,
  onCallSpans,
  overrideEntries,
  type Shift,
} from "../shifts.js";
import type { Schedule, SimulatorState } from "../state.js";
import { DAY, iso } from "../time.js";

/** GET /schedules (query, team_ids[]) and GET /schedules/{id} rendered for since/until. */
export function scheduleRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/schedules", (req, res) => {
    const q = queryString(req, "query")?.toLowerCase();
    const teams = queryList(req, "team_ids");
    const items = [...s.schedules.values()]
      .filter(
        (x) =>
          (!q || x.name.toLowerCase().includes(q)) &&
          (!teams || x.team_ids.some((t) => teams.includes(t))),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    sendPage(req, res, "schedules", items, (x) => renderSchedule(s, x));
  });

  r.get("/schedules/:id", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    const window = timeWindow(req, res);
    if (!window) return;
    const since = window.since ?? ctx.now().getTime();
    const until = window.until ?? since + 7 * DAY;
    if (until <= since) return invalidInput(res, ["until must be after since."]);
    if (until - since > 90 * DAY)
      return invalidInput(res, ["since and until cannot be more than 90 days apart."]);
    const final = queryFlag(req, "overflow")
      ? onCallSpans(ctx, schedule, since, until)
      : finalEntries(ctx, schedule, since, until);
    const overrides = overrideEntries(ctx, schedule.id, since, until);
    res.json({
      schedule: {
        ...renderSchedule(s, schedule),
        schedule_layers: [...schedule.layers].reverse().map((layer) => {
          const entries = layerEntries(layer, since, until);
          return {
            id: layer.id,
            name: layer.name,
            start: layer.start,
            end: layer.end,
            rotation_virtual_start: layer.rotation_virtual_start,
            rotation_turn_length_seconds: layer.turn_seconds,
            users: layer.user_ids.map((u) => ({ user: userRef(s, u) })),
            restrictions: [],
            rendered_schedule_entries: entries.map((e) => entry(s, e)),
            rendered_coverage_percentage: coverage(entries, since, until),
          };
        }),
        overrides_subschedule: {
          name: "Overrides",
          rendered_schedule_entries: overrides.map((e) => entry(s, e)),
          rendered_coverage_percentage: coverage(overrides, since, until),
        },
        final_schedule: {
          name: "Final Schedule",
          rendered_schedule_entries: final.map((e) => entry(s, e)),
          rendered_coverage_percentage: coverage(
            finalEntries(ctx, schedule, since, until),
            since,
            until,
          ),
        },
      },
    });
  });

  return r;
}

const entry = (s: SimulatorState, e: Shift) => ({
  start: iso(e.start),
  end: iso(e.end),
  user: userRef(s, e.user_id),
});

/** A schedule as PagerDuty lists it (without rendered layers). */
export function renderSchedule(s: SimulatorState, x: Schedule) {
  const users = [...new Set(x.layers.flatMap((l) => l.user_ids))];
  return {
    id: x.id,
    type: "schedule",
    summary: x.name,
    self: `${API_BASE}/schedules/${x.id}`,
    html_url: `${WEB_BASE}/schedules/${x.id}`,
    name: x.name,
    time_zone: x.time_zone,
    description: x.description,
    escalation_policies: [...s.escalationPolicies.values()]
      .filter((p) => p.rules.some((r) => r.targets.some((t) => t.id === x.id)))
      .map((p) => policyRef(s, p.id)),
    users: users.map((u) => userRef(s, u)),
    teams: x.team_ids.map((t) => teamRef(s, t)),
  };
}
