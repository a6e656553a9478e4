import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { queryFlag, queryString, timeWindow } from "../query.js";
import { userRef } from "../render/references.js";
import type { Override, Schedule, SimulatorState } from "../state.js";
import { iso, ms } from "../time.js";

type OverrideInput = { start?: unknown; end?: unknown; user?: { id?: unknown; type?: unknown } };

/** Schedule overrides: list (since/until required), create (per-override statuses), delete. */
export function overrideRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/schedules/:id/overrides", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    const missing = ["since", "until"].filter((k) => !queryString(req, k));
    if (missing.length > 0)
      return invalidInput(
        res,
        missing.map((k) => `${k} is required.`),
      );
    const window = timeWindow(req, res);
    if (!window) return;
    const since = window.since!;
    const until = window.until!;
    const now = ctx.now().getTime();
    const overflow = queryFlag(req, "overflow");
    const editableOnly = queryFlag(req, "editable");
    const items = [...s.overrides.values()]
      .filter(
        (o) =>
          o.schedule_id === schedule.id &&
          ms(o.start) < until &&
          ms(o.end) > since &&
          (!editableOnly || ms(o.end) > now),
      )
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((o) =>
        overflow
          ? o
          : {
              ...o,
              start: iso(Math.max(ms(o.start), since)),
              end: iso(Math.min(ms(o.end), until)),
            },
      );
    res.json({ overrides: items.map((o) => renderOverride(s, o)) });
  });

  r.post("/schedules/:id/overrides", (req, res) => {
    const schedule = s.schedules.get(req.params.id);
    if (!schedule) return notFound(res);
    const single = req.body?.override as OverrideInput | undefined;
    const list = req.body?.overrides as OverrideInput[] | undefined;
    if (single && typeof single === "object" && !Array.isArray(single)) {
      const result = create(ctx, schedule, single);
      if ("errors" in result) return invalidInput(res, result.errors);
      return res.status(201).json({ override: renderOverride(s, result.override) });
    }
    if (!Array.isArray(list) || list.length === 0)
      return invalidInput(res, ["overrides must be a non-empty list of {start, end, user}."]);
    const results = list.map((input) => {
      const result = create(ctx, schedule, input ?? {});
      if ("override" in result)
        return { status: 201, override: renderOverride(s, result.override) };
      return { status: 400, errors: result.errors, override: echo(s, input ?? {}) };
    });
    res.status(201).json(results);
  });

  r.delete("/schedules/:id/overrides/:override_id", (req, res) => {
    const override = s.overrides.get(req.params.override_id);
    if (!override || override.schedule_id !== req.params.id) return notFound(res);
    const now = ctx.now().getTime();
    if (ms(override.start) < now && ms(override.end) > now) {
      // PagerDuty ends an override that is under way instead of deleting it.
      override.end = iso(now);
      return res.status(200).end();
    }
    s.overrides.delete(override.id);
    res.status(204).end();
  });

  return r;
}

function create(
  ctx: SimContext,
  schedule: Schedule,
  input: OverrideInput,
): { override: Override } | { errors: string[] } {
  const start = typeof input.start === "string" ? Date.parse(input.start) : NaN;
  const end = typeof input.end === "string" ? Date.parse(input.end) : NaN;
  const userId = input.user?.id;
  const errors: string[] = [];
  if (Number.isNaN(start) || Number.isNaN(end))
    errors.push("Override start and end must be ISO 8601 date-times.");
  else if (end <= start) errors.push("Override must end after its start");
  if (typeof userId !== "string" || !ctx.state.users.has(userId))
    errors.push("Override user must be an existing user_reference.");
  if (errors.length > 0) return { errors };
  const override: Override = {
    id: ctx.newId("Q", 13),
    schedule_id: schedule.id,
    user_id: userId as string,
    start: iso(start),
    end: iso(end),
  };
  ctx.state.overrides.set(override.id, override);
  return { override };
}

/** An override as PagerDuty returns it. */
export function renderOverride(
  s: SimulatorState,
  o: Pick<Override, "id" | "start" | "end" | "user_id">,
) {
  return { id: o.id, start: o.start, end: o.end, user: userRef(s, o.user_id) };
}

/** What a refused override said, echoed back next to its errors. */
function echo(s: SimulatorState, input: OverrideInput) {
  const id = typeof input.user?.id === "string" ? input.user.id : "";
  return {
    start: input.start ?? null,
    end: input.end ?? null,
    user: s.users.has(id) ? userRef(s, id) : (input.user ?? null),
  };
}
