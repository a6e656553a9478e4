import type { SimContext } from "./context.js";
import type { Schedule } from "./state.js";

/** One stretch of a schedule: who is on call from start to end (ISO). */
export interface Shift {
  user_id: string;
  start: string;
  end: string;
}

/**
 * Renders a schedule for [since, until): its rotation layer cut into turns, with overrides
 * replacing whoever the rotation has for their span.
 */
export function renderShifts(
  ctx: SimContext,
  schedule: Schedule,
  since: number,
  until: number,
): Shift[] {
  const { start, turn_seconds, user_ids } = schedule.rotation;
  const turnMs = turn_seconds * 1000;
  const origin = Date.parse(start);
  const shifts: Shift[] = [];
  let turn = Math.floor((since - origin) / turnMs);
  for (let t = origin + turn * turnMs; t < until; t += turnMs, turn++) {
    const user = user_ids[((turn % user_ids.length) + user_ids.length) % user_ids.length];
    shifts.push({
      user_id: user,
      start: new Date(Math.max(t, since)).toISOString(),
      end: new Date(Math.min(t + turnMs, until)).toISOString(),
    });
  }
  const overrides = [...ctx.state.overrides.values()].filter(
    (o) =>
      o.schedule_id === schedule.id && Date.parse(o.start) < until && Date.parse(o.end) > since,
  );
  let out = shifts;
  for (const o of overrides) {
    const os = Math.max(Date.parse(o.start), since);
    const oe = Math.min(Date.parse(o.end), until);
    out = out.flatMap((sh) => {
      const s = Date.parse(sh.start);
      const e = Date.parse(sh.end);
      if (oe <= s || os >= e) return [sh];
      const pieces: Shift[] = [];
      if (s < os) pieces.push({ ...sh, end: new Date(os).toISOString() });
      if (oe < e) pieces.push({ ...sh, start: new Date(oe).toISOString() });
      return pieces;
    });
    out.push({
      user_id: o.user_id,
      start: new Date(os).toISOString(),
      end: new Date(oe).toISOString(),
    });
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** Who a schedule has on call at one instant. */
export function onCallAt(ctx: SimContext, schedule: Schedule, at: number): Shift | undefined {
  return renderShifts(ctx, schedule, at, at + 1)[0];
}

/** Who an escalation policy's first level pages right now. */
export function firstResponders(ctx: SimContext, policyId: string): string[] {
  const target = ctx.state.escalationPolicies.get(policyId)?.rules[0]?.targets[0];
  if (!target) return [];
  if (target.type === "user") return [target.id];
  const schedule = ctx.state.schedules.get(target.id);
  const shift = schedule && onCallAt(ctx, schedule, ctx.now().getTime());
  return shift ? [shift.user_id] : [];
}
