import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput } from "../errors.js";
import { cursorPage } from "../cursor-paging.js";
import { enumList, queryString, timeWindow } from "../query.js";
import { userRef } from "../render/references.js";
import type { AuditRecord, SimulatorState } from "../state.js";
import { DAY, HOUR, ms } from "../time.js";

/** root_resource_types[] values and the reference types they select. */
const RESOURCE_TYPES: Record<string, string> = {
  users: "user_reference",
  teams: "team_reference",
  schedules: "schedule_reference",
  escalation_policies: "escalation_policy_reference",
  services: "service_reference",
  ip_allow_lists: "ip_allow_list_reference",
};
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/**
 * GET /audit/records with PagerDuty's cursor pagination (`limit`, `cursor` in; `records`,
 * `limit`, `next_cursor` out), newest first. Default window: the last 24 hours; at most 31 days.
 */
export function auditRecordRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/audit/records", (req, res) => {
    const rawLimit = queryString(req, "limit");
    const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1)
      return invalidInput(res, ["limit must be a positive integer."]);
    const window = timeWindow(req, res);
    if (!window) return;
    const until = window.until ?? ctx.now().getTime() + 1;
    const since = window.since ?? until - 24 * HOUR;
    if (until - since > 31 * DAY)
      return invalidInput(res, ["until cannot be more than 31 days after since."]);
    const types = enumList(req, res, "root_resource_types", Object.keys(RESOURCE_TYPES));
    if (types === null) return;
    const actions = enumList(req, res, "actions", ["create", "update", "delete"]);
    if (actions === null) return;
    const actorType = queryString(req, "actor_type");
    const actorId = queryString(req, "actor_id");
    const methodType = queryString(req, "method_type");
    const items = s.auditRecords
      .filter((a) => {
        const t = ms(a.execution_time);
        return (
          t >= since &&
          t < until &&
          (!types || types.some((x) => RESOURCE_TYPES[x] === a.root_resource.type)) &&
          (!actions || actions.includes(a.action)) &&
          (actorType === undefined || actorType === "user_reference") &&
          (actorId === undefined || actorId === a.actor_user_id) &&
          (methodType === undefined || methodType === a.method_type)
        );
      })
      .sort((a, b) => key(b).localeCompare(key(a)));
    const paged = cursorPage(items, key, queryString(req, "cursor"), Math.min(limit, MAX_LIMIT));
    if (!paged) return invalidInput(res, ["cursor is not valid for this request."]);
    res.json({ records: paged.page.map((a) => renderRecord(s, a)), ...paged.envelope });
  });

  return r;
}

const key = (a: AuditRecord) => `${a.execution_time}|${a.id}`;

/** An audit record as PagerDuty returns one. */
export function renderRecord(s: SimulatorState, a: AuditRecord) {
  const actor = userRef(s, a.actor_user_id);
  return {
    id: a.id,
    self: null,
    execution_time: a.execution_time,
    execution_context: {
      request_id: `${a.id.toLowerCase()}-${a.execution_time.replace(/\D/g, "").slice(0, 14)}`,
      remote_address: "203.0.113.7",
    },
    actors: [{ id: actor.id, type: actor.type, summary: actor.summary }],
    method: {
      type: a.method_type,
      ...(a.method_type === "api_token" ? { truncated_token: "3usr" } : {}),
    },
    root_resource: a.root_resource,
    action: a.action,
    details: { resource: a.root_resource, fields: a.fields },
  };
}
