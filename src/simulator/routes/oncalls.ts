import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryFlag, queryList, timeWindow } from "../query.js";
import { policyRef, scheduleRef, userRef } from "../render/references.js";
import { onCallSpans } from "../shifts.js";
import { DAY, iso } from "../time.js";

/** One on-call row before rendering. */
interface OnCall {
  policy_id: string;
  level: number;
  schedule_id: string | null;
  user_id: string;
  start: number | null;
  end: number | null;
}

/**
 * GET /oncalls: who each escalation policy level reaches, now (default) or over since/until.
 * Schedule targets give spans computed from layers and overrides; user targets are always on
 * call (start and end null). Filters: schedule_ids[], escalation_policy_ids[], user_ids[],
 * earliest=true.
 */
export function onCallRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/oncalls", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const now = ctx.now().getTime();
    const since = window.since ?? now;
    const until = window.until ?? Math.max(now, since);
    if (until - since > 90 * DAY)
      return invalidInput(res, ["since and until cannot be more than 90 days apart."]);
    const scheduleIds = queryList(req, "schedule_ids");
    const policyIds = queryList(req, "escalation_policy_ids");
    const userIds = queryList(req, "user_ids");
    let rows: OnCall[] = [];
    for (const policy of s.escalationPolicies.values()) {
      if (policyIds && !policyIds.includes(policy.id)) continue;
      policy.rules.forEach((rule, n) => {
        for (const target of rule.targets) {
          if (target.type === "user") {
            if (scheduleIds) continue;
            rows.push({
              policy_id: policy.id,
              level: n + 1,
              schedule_id: null,
              user_id: target.id,
              start: null,
              end: null,
            });
            continue;
          }
          const schedule = s.schedules.get(target.id);
          if (!schedule || (scheduleIds && !scheduleIds.includes(schedule.id))) continue;
          for (const span of onCallSpans(ctx, schedule, since, until))
            rows.push({
              policy_id: policy.id,
              level: n + 1,
              schedule_id: schedule.id,
              user_id: span.user_id,
              start: span.start,
              end: span.end,
            });
        }
      });
    }
    if (userIds) rows = rows.filter((row) => userIds.includes(row.user_id));
    rows.sort(
      (a, b) =>
        (s.escalationPolicies.get(a.policy_id)?.name ?? "").localeCompare(
          s.escalationPolicies.get(b.policy_id)?.name ?? "",
        ) ||
        a.level - b.level ||
        (a.start ?? -Infinity) - (b.start ?? -Infinity),
    );
    if (queryFlag(req, "earliest")) {
      const seen = new Set<string>();
      rows = rows.filter((row) => {
        const key = `${row.policy_id}/${row.level}/${row.user_id}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    sendPage(req, res, "oncalls", rows, (row) => ({
      escalation_policy: policyRef(s, row.policy_id),
      escalation_level: row.level,
      schedule: row.schedule_id ? scheduleRef(s, row.schedule_id) : null,
      user: userRef(s, row.user_id),
      start: row.start === null ? null : iso(row.start),
      end: row.end === null ? null : iso(row.end),
    }));
  });

  return r;
}
