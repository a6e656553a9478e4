import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { onCallAt, renderShifts } from "../oncall.js";
import { paginate, queryList, timeWindow } from "../paging.js";
import { policyRef, scheduleRef, teamRef, userRef } from "../render.js";
import type { Override, Schedule, SimulatorState } from "../state.js";

const API = "https://api.pagerduty.com";
const DAY = 86_400_000;

/** Schedules (rendered for a window), overrides and on-calls. */
export function scheduleRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/schedules", (req, res) => {
    const teams = queryList(req, "team_ids");
    const q = req.query.query === undefined ? undefined : String(req.query.query).toLowerCase();
    const items = [...s.schedules.values()].filter(
      (x) =>
        (!q || x.name.toLowerCase().includes(q)) &&
        (!teams || x.team_ids.some((t) => teams.includes(t))),
    );
    const paged = paginate(
      req,
      res,
      items.sort((a, b) => a.name.localeCompare(b.name)),
    );
    if (paged)
      res.json({ schedules: paged.page.map((x) => renderSchedule(s, x)), ...paged.envelope });
  });

  r.get("/schedules/:id", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    const window = timeWindow(req, res);
    if (!window) return;
    const since = window.since ?? ctx.now().getTime();
    const until = window.until ?? since + 7 * DAY;
    if (until <= since) return invalidInput(res, ["until must be after since."]);
    const entries = renderShifts(ctx, schedule, since, until).map((sh) => ({
      start: sh.start,
      end: sh.end,
      user: userRef(s, sh.user_id),
    }));
    const overrides = [...s.overrides.values()].filter(
      (o) =>
        o.schedule_id === schedule.id && Date.parse(o.start) < until && Date.parse(o.end) > since,
    );
    res.json({
      schedule: {
        ...renderSchedule(s, schedule),
        schedule_layers: [
          {
            id: `L${schedule.id}`,
            name: "Layer 1",
            start: schedule.rotation.start,
            end: null,
            rotation_virtual_start: schedule.rotation.start,
            rotation_turn_length_seconds: schedule.rotation.turn_seconds,
            users: schedule.rotation.user_ids.map((u) => ({ user: userRef(s, u) })),
            restrictions: [],
          },
        ],
        final_schedule: {
          name: "Final Schedule",
          rendered_schedule_entries: entries,
          rendered_coverage_percentage: 100,
        },
        overrides_subschedule: {
          name: "Overrides",
          rendered_schedule_entries: overrides.map((o) => ({
            start: o.start,
            end: o.end,
            user: userRef(s, o.user_id),
          })),
        },
      },
    });
  });

  r.get("/schedules/:id/overrides", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    if (req.query.since === undefined || req.query.until === undefined)
      return invalidInput(res, ["since and until are required."]);
    const window = timeWindow(req, res);
    if (!window) return;
    const items = [...s.overrides.values()].filter(
      (o) =>
        o.schedule_id === schedule.id &&
        Date.parse(o.start) < window.until! &&
        Date.parse(o.end) > window.since!,
    );
    res.json({ overrides: items.map((o) => renderOverride(s, o)) });
  });

  r.post("/schedules/:id/overrides", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    const overrides: Array<{
      start?: string;
      end?: string;
      user?: { id?: string; type?: string };
    }> = req.body?.overrides;
    if (!Array.isArray(overrides) || overrides.length === 0)
      return invalidInput(res, ["overrides must be a non-empty array."]);
    const results = overrides.map((o) => {
      const start = Date.parse(o.start ?? "");
      const end = Date.parse(o.end ?? "");
      const errors: string[] = [];
      if (Number.isNaN(start) || Number.isNaN(end))
        errors.push("start and end must be date-times.");
      else if (end <= start) errors.push("end must be after start.");
      if (!o.user?.id || !s.users.has(o.user.id)) errors.push("User not found.");
      if (errors.length > 0) return { status: 400, errors };
      const override: Override = {
        id: newId("Q", 13),
        schedule_id: schedule.id,
        user_id: o.user!.id!,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      };
      s.overrides.set(override.id, override);
      return { status: 201, override: renderOverride(s, override) };
    });
    res.status(201).json(results);
  });

  r.delete("/schedules/:id/overrides/:override_id", (req, res) => {
    const override = s.overrides.get(req.params.override_id);
    if (!override || override.schedule_id !== req.params.id) return notFound(res);
    s.overrides.delete(override.id);
    res.status(204).end();
  });

  r.get("/oncalls", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const scheduleIds = queryList(req, "schedule_ids");
    const policyIds = queryList(req, "escalation_policy_ids");
    const userIds = queryList(req, "user_ids");
    const now = ctx.now().getTime();
    const since = window.since ?? now;
    const until = window.until ?? (window.since === undefined ? now + 1 : since + 1);
    if (until - since > 90 * DAY) return invalidInput(res, ["The window must not exceed 90 days."]);
    const rows: Array<Record<string, unknown>> = [];
    for (const policy of s.escalationPolicies.values()) {
      if (policyIds && !policyIds.includes(policy.id)) continue;
      policy.rules.forEach((rule, level) => {
        for (const target of rule.targets) {
          if (target.type === "user") {
            if (scheduleIds) continue;
            if (userIds && !userIds.includes(target.id)) continue;
            rows.push({
              escalation_policy: policyRef(s, policy.id),
              escalation_level: level + 1,
              schedule: null,
              user: userRef(s, target.id),
              start: null,
              end: null,
            });
            continue;
          }
          const schedule = s.schedules.get(target.id);
          if (!schedule || (scheduleIds && !scheduleIds.includes(schedule.id))) continue;
          const shifts =
            window.since === undefined && window.until === undefined
              ? [onCallAt(ctx, schedule, now)!].filter(Boolean)
              : renderShifts(ctx, schedule, since, until);
          const seen = new Set<string>();
          for (const sh of shifts) {
            if (userIds && !userIds.includes(sh.user_id)) continue;
            if (req.query.earliest === "true" && seen.has(sh.user_id)) continue;
            seen.add(sh.user_id);
            rows.push({
              escalation_policy: policyRef(s, policy.id),
              escalation_level: level + 1,
              schedule: scheduleRef(s, schedule.id),
              user: userRef(s, sh.user_id),
              start: sh.start,
              end: sh.end,
            });
          }
        }
      });
    }
    const paged = paginate(req, res, rows);
    if (paged) res.json({ oncalls: paged.page, ...paged.envelope });
  });

  return r;
}

function renderSchedule(s: SimulatorState, x: Schedule) {
  return {
    id: x.id,
    type: "schedule",
    summary: x.name,
    self: `${API}/schedules/${x.id}`,
    html_url: `https://acme.pagerduty.com/schedules/${x.id}`,
    name: x.name,
    time_zone: x.time_zone,
    description: x.description,
    escalation_policies: [...s.escalationPolicies.values()]
      .filter((p) => p.rules.some((r) => r.targets.some((t) => t.id === x.id)))
      .map((p) => policyRef(s, p.id)),
    users: x.rotation.user_ids.map((u) => userRef(s, u)),
    teams: x.team_ids.map((t) => teamRef(s, t)),
  };
}

function renderOverride(s: SimulatorState, o: Override) {
  return { id: o.id, start: o.start, end: o.end, user: userRef(s, o.user_id) };
}
