import { Router } from "express";
import { fromUser, type SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { paginate, queryList, timeWindow } from "../paging.js";
import { ref, renderAlert, serviceRef, userRef } from "../render.js";
import type { LogEntry, Note, SimulatorState } from "../state.js";

/** What hangs off an incident: notes, alerts, its log entries, status updates; and /log_entries. */
export function incidentRecordRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const incidentOr404 = (id: string) =>
    s.incidents.get(id) ?? [...s.incidents.values()].find((i) => String(i.incident_number) === id);

  r.get("/incidents/:id/notes", (req, res) => {
    const incident = incidentOr404(req.params.id);
    if (!incident) return notFound(res);
    res.json({ notes: (s.notes.get(incident.id) ?? []).map((n) => renderNote(s, n)) });
  });

  r.post("/incidents/:id/notes", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const incident = incidentOr404(req.params.id);
    if (!incident) return notFound(res);
    const content = req.body?.note?.content;
    if (typeof content !== "string" || content.trim() === "")
      return invalidInput(res, ["Note content cannot be empty."]);
    if (content.length > 25000)
      return invalidInput(res, ["Note content is too long (max 25000 characters)."]);
    const note: Note = {
      id: newId("P", 13),
      incident_id: incident.id,
      user_id: user.id,
      content,
      created_at: ctx.now().toISOString(),
    };
    s.notes.set(incident.id, [...(s.notes.get(incident.id) ?? []), note]);
    res.status(201).json({ note: renderNote(s, note) });
  });

  r.get("/incidents/:id/alerts", (req, res) => {
    const incident = incidentOr404(req.params.id);
    if (!incident) return notFound(res);
    const statuses = queryList(req, "statuses");
    const alerts = [...s.alerts.values()]
      .filter(
        (a) =>
          a.incident_id === incident.id &&
          (!statuses || statuses.includes(a.status)) &&
          (req.query.alert_key === undefined || a.alert_key === req.query.alert_key),
      )
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const paged = paginate(req, res, alerts);
    if (!paged) return;
    res.json({ alerts: paged.page.map((a) => renderAlert(s, a)), ...paged.envelope });
  });

  r.get("/incidents/:id/alerts/:alert_id", (req, res) => {
    const incident = incidentOr404(req.params.id);
    const alert = s.alerts.get(req.params.alert_id);
    if (!incident || !alert || alert.incident_id !== incident.id) return notFound(res);
    res.json({ alert: renderAlert(s, alert) });
  });

  r.get("/incidents/:id/log_entries", (req, res) => {
    const incident = incidentOr404(req.params.id);
    if (!incident) return notFound(res);
    listLogEntries(ctx, req, res, (e) => e.incident_id === incident.id);
  });

  r.post("/incidents/:id/status_updates", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const incident = incidentOr404(req.params.id);
    if (!incident) return notFound(res);
    const message = req.body?.message;
    if (typeof message !== "string" || message.trim() === "")
      return invalidInput(res, ["message cannot be empty."]);
    const at = ctx.now().toISOString();
    const id = newId("R", 13);
    s.logEntries.push({
      id,
      type: "status_update_log_entry",
      incident_id: incident.id,
      created_at: at,
      summary: message,
      agent_user_id: user.id,
      channel: "web_ui",
    });
    res.json({
      status_update: {
        id,
        message,
        created_at: at,
        sender: userRef(s, user.id),
        subject: req.body?.subject ?? null,
        html_message: req.body?.html_message ?? null,
      },
    });
  });

  r.get("/log_entries", (req, res) => listLogEntries(ctx, req, res, () => true));

  r.get("/log_entries/:id", (req, res) => {
    const entry = s.logEntries.find((e) => e.id === req.params.id);
    if (!entry) return notFound(res);
    res.json({ log_entry: renderLogEntry(s, entry) });
  });

  return r;
}

function listLogEntries(
  ctx: SimContext,
  req: import("express").Request,
  res: import("express").Response,
  keep: (e: LogEntry) => boolean,
): void {
  const window = timeWindow(req, res);
  if (!window) return;
  const until = window.until ?? ctx.now().getTime() + 1; // "now" includes this millisecond
  const since = window.since ?? until - 30 * 86_400_000;
  const overviewOnly = req.query.is_overview === "true";
  const entries = ctx.state.logEntries
    .filter((e) => keep(e) && Date.parse(e.created_at) >= since && Date.parse(e.created_at) < until)
    .filter((e) => !overviewOnly || !e.type.startsWith("notify"))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  const paged = paginate(req, res, entries);
  if (!paged) return;
  res.json({ log_entries: paged.page.map((e) => renderLogEntry(ctx.state, e)), ...paged.envelope });
}

function renderNote(s: SimulatorState, n: Note) {
  return {
    id: n.id,
    user: userRef(s, n.user_id),
    channel: { summary: "The PagerDuty website or APIs" },
    content: n.content,
    created_at: n.created_at,
  };
}

function renderLogEntry(s: SimulatorState, e: LogEntry) {
  const incident = s.incidents.get(e.incident_id);
  const service = incident ? serviceRef(s, incident.service_id) : null;
  return {
    id: e.id,
    type: e.type,
    summary: e.summary,
    self: `https://api.pagerduty.com/log_entries/${e.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${e.incident_id}/log_entries/${e.id}`,
    created_at: e.created_at,
    agent: e.agent_user_id ? userRef(s, e.agent_user_id) : service,
    channel: { type: e.channel },
    service,
    incident: incident
      ? ref(
          "incident",
          "incidents",
          incident.id,
          `[#${incident.incident_number}] ${incident.title}`,
        )
      : null,
    teams: [],
    contexts: [],
  };
}
