import { Router } from "express";
import { fromUser, log, type SimContext } from "../context.js";
import { invalidInput, notFound, sendError } from "../errors.js";
import { newId } from "../ids.js";
import { paginate, queryList, timeWindow } from "../paging.js";
import { firstResponders } from "../oncall.js";
import { renderIncident } from "../render.js";
import type { Incident } from "../state.js";

const DAY = 86_400_000;

/** /incidents: list with PagerDuty's filters and default 30-day window, get, create, update, merge, snooze. */
export function incidentRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  const find = (id: string): Incident | undefined =>
    s.incidents.get(id) ?? [...s.incidents.values()].find((i) => String(i.incident_number) === id);

  r.get("/incidents", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const statuses = queryList(req, "statuses");
    const urgencies = queryList(req, "urgencies");
    const services = queryList(req, "service_ids");
    const teams = queryList(req, "team_ids");
    const users = queryList(req, "user_ids");
    const all = req.query.date_range === "all";
    const until = window.until ?? ctx.now().getTime() + 1; // "now" includes this millisecond
    const since = window.since ?? until - 30 * DAY;
    if (!all && until - since > 180 * DAY)
      return invalidInput(res, ["The time range must not exceed 6 months."]);
    let items = [...s.incidents.values()].filter((i) => {
      const t = Date.parse(i.created_at);
      if (!all && (t < since || t >= until)) return false;
      if (statuses && !statuses.includes(i.status)) return false;
      if (urgencies && !urgencies.includes(i.urgency)) return false;
      if (services && !services.includes(i.service_id)) return false;
      if (teams && !s.services.get(i.service_id)?.team_ids.some((t) => teams.includes(t)))
        return false;
      if (users && !i.assignee_ids.some((u) => users.includes(u))) return false;
      if (req.query.incident_key !== undefined && i.incident_key !== req.query.incident_key)
        return false;
      return true;
    });
    items = sortIncidents(
      items,
      req.query.sort_by === undefined ? [] : String(req.query.sort_by).split(","),
    );
    const paged = paginate(req, res, items);
    if (!paged) return;
    res.json({ incidents: paged.page.map((i) => renderIncident(s, i)), ...paged.envelope });
  });

  r.get("/incidents/:id", (req, res) => {
    const incident = find(req.params.id);
    if (!incident) return notFound(res);
    res.json({ incident: renderIncident(s, incident) });
  });

  r.post("/incidents", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const body = req.body?.incident;
    const errors: string[] = [];
    if (!body || typeof body !== "object") return invalidInput(res, ["incident is required"]);
    if (body.type !== "incident") errors.push('Incident type must be "incident".');
    if (typeof body.title !== "string" || body.title.trim() === "")
      errors.push("Incident title cannot be empty.");
    const service = body.service?.id ? s.services.get(body.service.id) : undefined;
    if (!service) errors.push("Service not found.");
    else if (body.service.type !== "service_reference")
      errors.push("Service type must be service_reference.");
    if (body.urgency !== undefined && body.urgency !== "high" && body.urgency !== "low")
      errors.push("Urgency must be high or low.");
    if (body.priority && !s.priorities.has(body.priority.id)) errors.push("Priority not found.");
    if (body.escalation_policy && !s.escalationPolicies.has(body.escalation_policy.id))
      errors.push("Escalation policy not found.");
    const assignees: string[] = (body.assignments ?? []).map(
      (a: { assignee?: { id?: string } }) => a.assignee?.id ?? "",
    );
    if (assignees.some((id) => !s.users.has(id))) errors.push("Assignee not found.");
    if (errors.length > 0) return invalidInput(res, errors);
    const key = body.incident_key ?? newId("", 32).toLowerCase();
    if (
      body.incident_key &&
      [...s.incidents.values()].some(
        (i) => i.incident_key === key && i.service_id === service!.id && i.status !== "resolved",
      )
    ) {
      return sendError(res, 400, "Invalid Input Provided", 2001, [
        "Open incident with matching dedup key already exists on this service",
      ]);
    }
    const now = ctx.now().toISOString();
    const policyId = body.escalation_policy?.id ?? service!.escalation_policy_id;
    const incident: Incident = {
      id: newId("Q", 13),
      incident_number: s.nextIncidentNumber++,
      title: body.title,
      description: body.title,
      status: "triggered",
      urgency: body.urgency ?? "high",
      service_id: service!.id,
      escalation_policy_id: policyId,
      priority_id: body.priority?.id ?? null,
      assignee_ids: assignees.length > 0 ? assignees : firstResponders(ctx, policyId),
      acknowledgements: [],
      incident_key: key,
      details: body.body?.details ?? null,
      created_at: now,
      updated_at: now,
      last_status_change_at: now,
      resolved_at: null,
    };
    s.incidents.set(incident.id, incident);
    const alertId = newId("A", 13);
    s.alerts.set(alertId, {
      id: alertId,
      incident_id: incident.id,
      status: "triggered",
      severity: incident.urgency === "high" ? "critical" : "warning",
      summary: incident.title,
      alert_key: key,
      created_at: now,
      body: {
        type: "alert_body",
        contexts: [],
        details: { details: incident.details ?? "" },
        cef_details: { message: incident.title, details: { created_by: user.email } },
      },
    });
    log(
      ctx,
      incident.id,
      "trigger_log_entry",
      `Triggered through the website by ${user.name}.`,
      user.id,
    );
    for (const a of incident.assignee_ids)
      log(ctx, incident.id, "assign_log_entry", `Assigned to ${s.users.get(a)?.name}.`, null);
    res.status(201).json({ incident: renderIncident(s, incident) });
  });

  r.put("/incidents/:id", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const incident = find(req.params.id);
    if (!incident) return notFound(res);
    const body = req.body?.incident;
    if (!body || typeof body !== "object") return invalidInput(res, ["incident is required"]);
    const errors: string[] = [];
    if (body.type !== undefined && body.type !== "incident_reference" && body.type !== "incident")
      errors.push("Incident type must be incident_reference.");
    if (body.status !== undefined && !["acknowledged", "resolved"].includes(body.status))
      errors.push("Status must be acknowledged or resolved.");
    if (body.urgency !== undefined && !["high", "low"].includes(body.urgency))
      errors.push("Urgency must be high or low.");
    if (body.priority && !s.priorities.has(body.priority.id)) errors.push("Priority not found.");
    if (body.escalation_policy && !s.escalationPolicies.has(body.escalation_policy.id))
      errors.push("Escalation policy not found.");
    const assignees: string[] | undefined = body.assignments?.map(
      (a: { assignee?: { id?: string } }) => a.assignee?.id ?? "",
    );
    if (assignees?.some((id) => !s.users.has(id))) errors.push("Assignee not found.");
    if (errors.length > 0) return invalidInput(res, errors);
    if (incident.status === "resolved" && body.status === "acknowledged") {
      return invalidInput(res, ["Incident Already Resolved"]);
    }
    const now = ctx.now().toISOString();
    if (body.status && body.status !== incident.status) {
      incident.status = body.status;
      incident.last_status_change_at = now;
      if (body.status === "acknowledged") {
        incident.acknowledgements.push({ user_id: user.id, at: now });
        log(ctx, incident.id, "acknowledge_log_entry", `Acknowledged by ${user.name}.`, user.id);
      } else {
        incident.resolved_at = now;
        for (const a of s.alerts.values()) if (a.incident_id === incident.id) a.status = "resolved";
        log(ctx, incident.id, "resolve_log_entry", `Resolved by ${user.name}.`, user.id);
      }
    }
    if (body.urgency) incident.urgency = body.urgency;
    if (body.title) incident.title = body.title;
    if (body.priority) incident.priority_id = body.priority.id;
    if (body.escalation_policy) {
      incident.escalation_policy_id = body.escalation_policy.id;
      incident.assignee_ids = firstResponders(ctx, body.escalation_policy.id);
    }
    if (assignees) {
      incident.assignee_ids = assignees;
      for (const a of assignees)
        log(
          ctx,
          incident.id,
          "assign_log_entry",
          `Reassigned to ${s.users.get(a)?.name} by ${user.name}.`,
          user.id,
        );
    }
    incident.updated_at = now;
    res.json({ incident: renderIncident(s, incident) });
  });

  r.put("/incidents/:id/merge", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const target = find(req.params.id);
    if (!target) return notFound(res);
    const sources: Array<{ id?: string }> = req.body?.source_incidents ?? [];
    if (!Array.isArray(sources) || sources.length === 0)
      return invalidInput(res, ["source_incidents is required"]);
    const found = sources.map((x) => (x.id ? find(x.id) : undefined));
    if (found.some((x) => !x)) return notFound(res);
    const now = ctx.now().toISOString();
    for (const src of found as Incident[]) {
      if (src.id === target.id)
        return invalidInput(res, ["An incident cannot be merged into itself."]);
      for (const a of s.alerts.values()) if (a.incident_id === src.id) a.incident_id = target.id;
      src.status = "resolved";
      src.resolved_at = now;
      src.last_status_change_at = now;
      log(
        ctx,
        src.id,
        "resolve_log_entry",
        `Resolved by ${user.name} by merging into #${target.incident_number}.`,
        user.id,
      );
    }
    target.updated_at = now;
    res.json({ incident: renderIncident(s, target) });
  });

  r.post("/incidents/:id/snooze", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const incident = find(req.params.id);
    if (!incident) return notFound(res);
    const duration = req.body?.duration;
    if (!Number.isInteger(duration) || duration <= 0)
      return invalidInput(res, ["Duration must be a positive number of seconds."]);
    if (incident.status !== "acknowledged")
      return invalidInput(res, ["Incident must be acknowledged to be snoozed."]);
    incident.updated_at = ctx.now().toISOString();
    log(
      ctx,
      incident.id,
      "snooze_log_entry",
      `Snoozed for ${duration} seconds by ${user.name}.`,
      user.id,
    );
    res.status(201).json({ incident: renderIncident(s, incident) });
  });

  return r;
}

function sortIncidents(items: Incident[], keys: string[]): Incident[] {
  const comparators = keys.map((k) => {
    const [field, dir] = k.split(":");
    const sign = dir === "desc" ? -1 : 1;
    const value = (i: Incident): string | number =>
      field === "incident_number"
        ? i.incident_number
        : field === "urgency"
          ? i.urgency
          : field === "resolved_at"
            ? (i.resolved_at ?? "")
            : i.created_at;
    return (a: Incident, b: Incident) =>
      value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0;
  });
  comparators.push(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.incident_number - b.incident_number,
  );
  return items.sort((a, b) => {
    for (const c of comparators) {
      const d = c(a, b);
      if (d !== 0) return d;
    }
    return 0;
  });
}
