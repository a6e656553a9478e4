import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { resolve } from "../incident-actions.js";
import { findIncident } from "../lookup.js";
import { sendPage } from "../paging.js";
import { enumList, queryList, queryString } from "../query.js";
import { API_BASE, incidentRef, ref, serviceRef, WEB_BASE } from "../render/references.js";
import type { Alert, SimulatorState } from "../state.js";
import { iso } from "../time.js";

const SORTS = [
  "created_at",
  "resolved_at",
  "created_at:asc",
  "created_at:desc",
  "resolved_at:asc",
  "resolved_at:desc",
];

/**
 * GET /incidents/{id}/alerts (paginated, statuses[], alert_key, sort_by), one alert, and
 * PUT of one alert to resolve it (the incident resolves with its last open alert).
 */
export function incidentAlertRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/incidents/:id/alerts", (req, res) => {
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    const statuses = enumList(req, res, "statuses", ["triggered", "resolved"]);
    if (statuses === null) return;
    const sort = queryList(req, "sort_by")?.[0] ?? "created_at";
    if (!SORTS.includes(sort))
      return invalidInput(res, [`sort_by must be one of ${SORTS.join(", ")}.`]);
    const [field, dir] = sort.split(":") as ["created_at" | "resolved_at", string | undefined];
    const key = queryString(req, "alert_key");
    const alerts = [...s.alerts.values()]
      .filter(
        (a) =>
          a.incident_id === incident.id &&
          (!statuses || statuses.includes(a.status)) &&
          (key === undefined || a.alert_key === key),
      )
      .sort(
        (a, b) =>
          (a[field] ?? "").localeCompare(b[field] ?? "") * (dir === "desc" ? -1 : 1) ||
          a.created_at.localeCompare(b.created_at),
      );
    sendPage(req, res, "alerts", alerts, (a) => renderAlert(s, a));
  });

  r.get("/incidents/:id/alerts/:alert_id", (req, res) => {
    const incident = findIncident(s, req.params.id);
    const alert = s.alerts.get(req.params.alert_id);
    if (!incident || !alert || alert.incident_id !== incident.id) return notFound(res);
    res.json({ alert: renderAlert(s, alert) });
  });

  r.put("/incidents/:id/alerts/:alert_id", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const incident = findIncident(s, req.params.id);
    const alert = s.alerts.get(req.params.alert_id);
    if (!incident || !alert || alert.incident_id !== incident.id) return notFound(res);
    const body = req.body?.alert as { type?: unknown; status?: unknown } | undefined;
    if (!body || typeof body !== "object")
      return invalidInput(res, ["alert is required and must be an object."]);
    if (body.type !== undefined && body.type !== "alert")
      return invalidInput(res, ['alert.type must be "alert".']);
    if (body.status !== undefined && body.status !== "resolved")
      return invalidInput(res, ["alert.status can only be set to resolved."]);
    const at = ctx.now().getTime();
    if (body.status === "resolved" && alert.status !== "resolved") {
      alert.status = "resolved";
      alert.resolved_at = iso(at);
      // The incident resolves with its last open alert.
      const open = [...s.alerts.values()].some(
        (a) => a.incident_id === incident.id && a.status === "triggered",
      );
      if (!open) resolve(ctx, incident, { type: "user", id: user.id }, at);
    }
    res.json({ alert: renderAlert(s, alert) });
  });

  return r;
}

/** An alert as PagerDuty returns it, with its full body (custom details included). */
export function renderAlert(s: SimulatorState, a: Alert) {
  const incident = s.incidents.get(a.incident_id)!;
  const trigger = s.logEntries.find(
    (e) => e.incident_id === incident.id && e.type === "trigger_log_entry",
  );
  return {
    id: a.id,
    type: "alert",
    summary: a.summary,
    self: `${API_BASE}/incidents/${incident.id}/alerts/${a.id}`,
    html_url: `${WEB_BASE}/alerts/${a.id}`,
    created_at: a.created_at,
    status: a.status,
    resolved_at: a.resolved_at,
    alert_key: a.alert_key,
    suppressed: false,
    severity: a.severity,
    service: serviceRef(s, incident.service_id),
    incident: incidentRef(incident),
    first_trigger_log_entry: trigger
      ? ref(
          "trigger_log_entry",
          "log_entries",
          trigger.id,
          trigger.summary,
          `incidents/${incident.id}/log_entries`,
        )
      : null,
    integration: ref(
      "generic_events_api_inbound_integration",
      `services/${incident.service_id}/integrations`,
      `PI${incident.service_id.slice(1, 7)}`,
      "Events API v2",
    ),
    privilege: null,
    body: a.body,
  };
}
