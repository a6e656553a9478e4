import type { SimContext } from "./context.js";
import type { Schedule, ScheduleLayer } from "./state.js";
import { DAY, ms } from "./time.js";

/** Someone on call from `start` to `end` (epoch ms, end exclusive). */
export interface Shift {
  user_id: string;
  start: number;
  end: number;
}

/** A layer's rotation cut into turns, clipped to [since, until) and to the layer's own span. */
export function layerEntries(layer: ScheduleLayer, since: number, until: number): Shift[] {
  const from = Math.max(since, ms(layer.start));
  const to = Math.min(until, layer.end === null ? Infinity : ms(layer.end));
  if (from >= to || layer.user_ids.length === 0) return [];
  const turn = layer.turn_seconds * 1000;
  const origin = ms(layer.rotation_virtual_start);
  const out: Shift[] = [];
  for (let n = Math.floor((from - origin) / turn); origin + n * turn < to; n++) {
    const count = layer.user_ids.length;
    out.push({
      user_id: layer.user_ids[((n % count) + count) % count],
      start: Math.max(origin + n * turn, from),
      end: Math.min(origin + (n + 1) * turn, to),
    });
  }
  return out;
}

/** The schedule's overrides, clipped to [since, until). */
export function overrideEntries(
  ctx: SimContext,
  scheduleId: string,
  since: number,
  until: number,
): Shift[] {
  return [...ctx.state.overrides.values()]
    .filter((o) => o.schedule_id === scheduleId && ms(o.start) < until && ms(o.end) > since)
    .map((o) => ({
      user_id: o.user_id,
      start: Math.max(ms(o.start), since),
      end: Math.min(ms(o.end), until),
    }))
    .sort((a, b) => a.start - b.start);
}

/** Lays `top` over `base`: where a top shift is, it replaces whatever base had. */
function overlay(base: Shift[], top: Shift[]): Shift[] {
  let out = base;
  for (const t of top) {
    out = out.flatMap((b) => {
      if (t.end <= b.start || t.start >= b.end) return [b];
      const pieces: Shift[] = [];
      if (b.start < t.start) pieces.push({ ...b, end: t.start });
      if (t.end < b.end) pieces.push({ ...b, start: t.end });
      return pieces;
    });
    out.push(t);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Joins back-to-back shifts of the same user, as PagerDuty's rendered entries do. */
function mergeAdjacent(shifts: Shift[]): Shift[] {
  const out: Shift[] = [];
  for (const s of shifts) {
    const last = out[out.length - 1];
    if (last && last.user_id === s.user_id && last.end === s.start) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** The final schedule for [since, until): layers (later ones on top), then overrides on top. */
export function finalEntries(
  ctx: SimContext,
  schedule: Schedule,
  since: number,
  until: number,
): Shift[] {
  let entries: Shift[] = [];
  for (const layer of schedule.layers)
    entries = overlay(entries, layerEntries(layer, since, until));
  entries = overlay(entries, overrideEntries(ctx, schedule.id, since, until));
  return mergeAdjacent(entries);
}

// How far around a window on-call spans are looked for: longer than any seeded turn.
const SPAN_MARGIN = 35 * DAY;

/**
 * On-call spans that overlap [since, until], whole (not cut at the window), as /oncalls reports
 * them. With since === until, the spans covering that instant.
 */
export function onCallSpans(
  ctx: SimContext,
  schedule: Schedule,
  since: number,
  until: number,
): Shift[] {
  return finalEntries(ctx, schedule, since - SPAN_MARGIN, until + SPAN_MARGIN).filter((s) =>
    since === until ? s.start <= since && s.end > since : s.start < until && s.end > since,
  );
}

/** Percentage of [since, until) with someone on call, as PagerDuty's rendered_coverage_percentage. */
export function coverage(entries: Shift[], since: number, until: number): number {
  if (until <= since) return 0;
  const covered = entries.reduce((sum, s) => sum + (s.end - s.start), 0);
  return Math.round((covered / (until - since)) * 10000) / 100;
}

/** Who an escalation policy level (1-based) reaches at an instant: its users and its schedules' on-calls. */
export function usersAtLevel(
  ctx: SimContext,
  policyId: string,
  level: number,
  at: number,
): string[] {
  const rule = ctx.state.escalationPolicies.get(policyId)?.rules[level - 1];
  if (!rule) return [];
  const users = rule.targets.flatMap((t) => {
    if (t.type === "user") return [t.id];
    const schedule = ctx.state.schedules.get(t.id);
    return schedule ? onCallSpans(ctx, schedule, at, at).map((s) => s.user_id) : [];
  });
  return [...new Set(users)];
}
