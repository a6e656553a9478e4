import { Router } from "express";
import { fromUser, type SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { paginate, queryList, timeWindow } from "../paging.js";
import { ref, serviceRef, userRef } from "../render.js";
import type { MaintenanceWindow, SimulatorState } from "../state.js";

const DAY = 86_400_000;

/** Maintenance windows, change events and the cursor-paginated audit records. */
export function operationsRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/maintenance_windows", (req, res) => {
    const services = queryList(req, "service_ids");
    const filter = String(req.query.filter ?? "open");
    const now = ctx.now().getTime();
    const q = req.query.query === undefined ? undefined : String(req.query.query).toLowerCase();
    const items = [...s.maintenanceWindows.values()].filter((w) => {
      const start = Date.parse(w.start_time);
      const end = Date.parse(w.end_time);
      const keep =
        filter === "past"
          ? end <= now
          : filter === "future"
            ? start > now
            : filter === "ongoing"
              ? start <= now && now < end
              : filter === "all"
                ? true
                : end > now;
      return (
        keep &&
        (!services || w.service_ids.some((x) => services.includes(x))) &&
        (!q || w.description.toLowerCase().includes(q))
      );
    });
    const paged = paginate(
      req,
      res,
      items.sort((a, b) => a.start_time.localeCompare(b.start_time)),
    );
    if (paged)
      res.json({
        maintenance_windows: paged.page.map((w) => renderWindow(s, w)),
        ...paged.envelope,
      });
  });
  r.get("/maintenance_windows/:id", (req, res) => {
    const w = s.maintenanceWindows.get(req.params.id);
    if (!w) return notFound(res);
    res.json({ maintenance_window: renderWindow(s, w) });
  });
  r.post("/maintenance_windows", (req, res) => {
    const user = fromUser(ctx, req, res);
    if (!user) return;
    const body = req.body?.maintenance_window;
    const start = Date.parse(body?.start_time ?? "");
    const end = Date.parse(body?.end_time ?? "");
    const serviceIds: string[] = (body?.services ?? []).map((x: { id?: string }) => x.id ?? "");
    const errors: string[] = [];
    if (Number.isNaN(start) || Number.isNaN(end))
      errors.push("start_time and end_time must be date-times.");
    else if (end <= start) errors.push("end_time must be after start_time.");
    if (serviceIds.length === 0 || serviceIds.some((id) => !s.services.has(id)))
      errors.push("Services must name existing services.");
    if (errors.length > 0) return invalidInput(res, errors);
    const w: MaintenanceWindow = {
      id: newId("P"),
      sequence_number: s.maintenanceWindows.size + 1,
      description: body.description ?? "",
      start_time: new Date(start).toISOString(),
      end_time: new Date(end).toISOString(),
      service_ids: serviceIds,
      created_by_user_id: user.id,
    };
    s.maintenanceWindows.set(w.id, w);
    res.status(201).json({ maintenance_window: renderWindow(s, w) });
  });
  r.delete("/maintenance_windows/:id", (req, res) => {
    const w = s.maintenanceWindows.get(req.params.id);
    if (!w) return notFound(res);
    if (Date.parse(w.end_time) <= ctx.now().getTime())
      return invalidInput(res, ["Only future or ongoing maintenance windows can be deleted."]);
    s.maintenanceWindows.delete(w.id);
    res.status(204).end();
  });

  r.get("/change_events", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const until = window.until ?? ctx.now().getTime() + 1; // "now" includes this millisecond
    const since = window.since ?? until - 30 * DAY;
    const items = s.changeEvents
      .filter((e) => Date.parse(e.timestamp) >= since && Date.parse(e.timestamp) < until)
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    const paged = paginate(req, res, items);
    if (!paged) return;
    res.json({
      change_events: paged.page.map((e) => ({
        id: e.id,
        type: "change_event",
        summary: e.summary,
        self: `https://api.pagerduty.com/change_events/${e.id}`,
        html_url: null,
        timestamp: e.timestamp,
        source: e.source,
        services: e.service_ids.map((x) => serviceRef(s, x)),
        integration: ref("inbound_integration", "integrations", `PI${e.service_ids[0]}`, "GitHub"),
        routing_key: null,
        links: [{ href: "https://github.com/acme/app/pull/1", text: "Pull request" }],
        images: [],
        custom_details: e.custom_details,
      })),
      ...paged.envelope,
    });
  });

  r.get("/audit/records", (req, res) => {
    const limit = Math.min(req.query.limit === undefined ? 10 : Number(req.query.limit), 100);
    if (!Number.isInteger(limit) || limit < 1)
      return invalidInput(res, ["limit must be a positive integer."]);
    const window = timeWindow(req, res);
    if (!window) return;
    const until = window.until ?? ctx.now().getTime() + 1; // "now" includes this millisecond
    const since = window.since ?? until - DAY;
    if (until - since > 31 * DAY) return invalidInput(res, ["The window cannot exceed 31 days."]);
    const types = queryList(req, "root_resource_types");
    const items = s.auditRecords
      .filter(
        (a) =>
          Date.parse(a.execution_time) >= since &&
          Date.parse(a.execution_time) < until &&
          (!types || types.includes(a.root_resource.type)),
      )
      .sort((a, b) => b.execution_time.localeCompare(a.execution_time) || b.id.localeCompare(a.id));
    let start = 0;
    if (req.query.cursor !== undefined) {
      const decoded = Number(
        Buffer.from(String(req.query.cursor), "base64url")
          .toString("utf8")
          .replace(/^offset:/, ""),
      );
      if (!Number.isInteger(decoded) || decoded < 0)
        return invalidInput(res, ["cursor is invalid."]);
      start = decoded;
    }
    const page = items.slice(start, start + limit);
    const next =
      start + limit < items.length
        ? Buffer.from(`offset:${start + limit}`).toString("base64url")
        : null;
    res.json({
      records: page.map((a) => ({
        id: a.id,
        self: null,
        execution_time: a.execution_time,
        execution_context: {
          request_id: newId("", 12).toLowerCase(),
          remote_address: "203.0.113.7",
        },
        actors: [userRef(s, a.actor_user_id)],
        method: { type: "api_token", truncated_token: "u+Ab" },
        root_resource: ref(
          a.root_resource.type.replace(/_reference$/, ""),
          `${a.root_resource.type.replace(/_reference$/, "")}s`,
          a.root_resource.id,
          a.root_resource.summary,
        ),
        action: a.action,
        details: {
          resource: ref(
            a.root_resource.type.replace(/_reference$/, ""),
            "resources",
            a.root_resource.id,
            a.root_resource.summary,
          ),
          fields: [{ name: "name", value: a.root_resource.summary }],
        },
      })),
      limit,
      next_cursor: next,
    });
  });

  return r;
}

function renderWindow(s: SimulatorState, w: MaintenanceWindow) {
  return {
    id: w.id,
    type: "maintenance_window",
    summary: w.description,
    self: `https://api.pagerduty.com/maintenance_windows/${w.id}`,
    html_url: `https://acme.pagerduty.com/maintenance_windows#/show/${w.id}`,
    sequence_number: w.sequence_number,
    start_time: w.start_time,
    end_time: w.end_time,
    description: w.description,
    created_by: userRef(s, w.created_by_user_id),
    services: w.service_ids.map((x) => serviceRef(s, x)),
    teams: [],
  };
}
