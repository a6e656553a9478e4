import { Router, type Request, type Response } from "express";
import type { SimContext } from "../context.js";
import { notFound } from "../errors.js";
import { findIncident } from "../lookup.js";
import { sendPage } from "../paging.js";
import { queryFlag, queryList, timeWindow } from "../query.js";
import {
  agentRef,
  API_BASE,
  incidentRef,
  serviceRef,
  teamRef,
  userRef,
  WEB_BASE,
} from "../render/references.js";
import type { LogEntry, SimulatorState } from "../state.js";
import { DAY, ms } from "../time.js";

/** GET /incidents/{id}/log_entries, GET /log_entries (default: the last 30 days), GET /log_entries/{id}. */
export function logEntryRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/incidents/:id/log_entries", (req, res) => {
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    list(ctx, req, res, (e) => e.incident_id === incident.id, false);
  });

  r.get("/log_entries", (req, res) => {
    const teams = queryList(req, "team_ids");
    list(ctx, req, res, (e) => !teams || teamsOf(s, e).some((t) => teams.includes(t)), true);
  });

  r.get("/log_entries/:id", (req, res) => {
    const entry = s.logEntries.find((e) => e.id === req.params.id);
    if (!entry) return notFound(res);
    res.json({ log_entry: renderLogEntry(s, entry) });
  });

  return r;
}

function list(
  ctx: SimContext,
  req: Request,
  res: Response,
  keep: (e: LogEntry) => boolean,
  defaultWindow: boolean,
): void {
  const window = timeWindow(req, res);
  if (!window) return;
  const until = window.until ?? ctx.now().getTime() + 1;
  const since = window.since ?? (defaultWindow ? until - 30 * DAY : -Infinity);
  const overview = queryFlag(req, "is_overview");
  const entries = ctx.state.logEntries
    .map((e, n) => ({ e, n }))
    .filter(({ e }) => {
      const t = ms(e.created_at);
      return t >= since && t < until && keep(e) && (!overview || e.type !== "notify_log_entry");
    })
    // Newest first; entries written at the same second keep their reverse writing order.
    .sort((a, b) => b.e.created_at.localeCompare(a.e.created_at) || b.n - a.n)
    .map(({ e }) => e);
  sendPage(req, res, "log_entries", entries, (e) => renderLogEntry(ctx.state, e));
}

function teamsOf(s: SimulatorState, e: LogEntry): string[] {
  const incident = s.incidents.get(e.incident_id);
  return incident ? (s.escalationPolicies.get(incident.escalation_policy_id)?.team_ids ?? []) : [];
}

/** A log entry as PagerDuty returns it. */
export function renderLogEntry(s: SimulatorState, e: LogEntry) {
  const incident = s.incidents.get(e.incident_id);
  return {
    id: e.id,
    type: e.type,
    summary: e.summary,
    self: `${API_BASE}/log_entries/${e.id}?incident_id=${e.incident_id}`,
    html_url: `${WEB_BASE}/incidents/${e.incident_id}/log_entries/${e.id}`,
    created_at: e.created_at,
    agent: agentRef(s, e.agent),
    channel: { type: e.channel },
    service: incident ? serviceRef(s, incident.service_id) : null,
    incident: incident ? incidentRef(incident) : null,
    teams: incident ? teamsOf(s, e).map((t) => teamRef(s, t)) : [],
    contexts: [],
    ...(e.event_details ? { event_details: e.event_details } : {}),
    ...(e.assignee_ids ? { assignees: e.assignee_ids.map((u) => userRef(s, u)) } : {}),
    ...(e.note !== undefined ? { note: e.note } : {}),
  };
}
