import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound, sendError } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { sendPage } from "../paging.js";
import { queryList, queryString } from "../query.js";
import { API_BASE, serviceRef, teamRef, userRef, WEB_BASE } from "../render/references.js";
import type { MaintenanceWindow, SimulatorState } from "../state.js";
import { iso, ms } from "../time.js";

const FILTERS = ["past", "future", "ongoing", "open", "all"];

/** Maintenance windows: list (filter, service_ids[], team_ids[], query), get, create, delete. */
export function maintenanceWindowRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/maintenance_windows", (req, res) => {
    const filter = queryString(req, "filter") ?? "all";
    if (!FILTERS.includes(filter))
      return invalidInput(res, [`filter must be one of ${FILTERS.join(", ")}.`]);
    const services = queryList(req, "service_ids");
    const teams = queryList(req, "team_ids");
    const q = queryString(req, "query")?.toLowerCase();
    const now = ctx.now().getTime();
    const items = [...s.maintenanceWindows.values()]
      .filter((w) => {
        const start = ms(w.start_time);
        const end = ms(w.end_time);
        const inState =
          filter === "past"
            ? end <= now
            : filter === "future"
              ? start > now
              : filter === "ongoing"
                ? start <= now && now < end
                : filter === "open"
                  ? end > now
                  : true;
        return (
          inState &&
          (!services || w.service_ids.some((x) => services.includes(x))) &&
          (!teams || teamsOf(s, w).some((t) => teams.includes(t))) &&
          (!q || w.description.toLowerCase().includes(q))
        );
      })
      .sort((a, b) => a.start_time.localeCompare(b.start_time));
    sendPage(req, res, "maintenance_windows", items, (w) => renderWindow(s, w));
  });

  r.get("/maintenance_windows/:id", (req, res) => {
    const w = s.maintenanceWindows.get(req.params.id);
    if (!w) return notFound(res);
    res.json({ maintenance_window: renderWindow(s, w) });
  });

  r.post("/maintenance_windows", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const body = req.body?.maintenance_window as Record<string, unknown> | undefined;
    if (!body || typeof body !== "object" || Array.isArray(body))
      return invalidInput(res, ["maintenance_window is required and must be an object."]);
    const start = typeof body.start_time === "string" ? Date.parse(body.start_time) : NaN;
    const end = typeof body.end_time === "string" ? Date.parse(body.end_time) : NaN;
    const refs = Array.isArray(body.services) ? (body.services as Array<{ id?: unknown }>) : [];
    const serviceIds = refs.map((x) => x?.id);
    const errors: string[] = [];
    if (body.type !== undefined && body.type !== "maintenance_window")
      errors.push('type must be "maintenance_window".');
    if (Number.isNaN(start) || Number.isNaN(end))
      errors.push("start_time and end_time must be ISO 8601 date-times.");
    else if (end <= start) errors.push("End time must be after the start time.");
    else if (end <= ctx.now().getTime()) errors.push("End time must be in the future.");
    if (serviceIds.length === 0) errors.push("At least one service is required.");
    for (const id of serviceIds)
      if (typeof id !== "string" || !s.services.has(id))
        errors.push(`Service ${String(id)} not found.`);
    if (body.description !== undefined && typeof body.description !== "string")
      errors.push("description must be a string.");
    if (errors.length > 0) return invalidInput(res, errors);
    const w: MaintenanceWindow = {
      id: ctx.newId("P", 6),
      sequence_number: s.nextMaintenanceWindowNumber++,
      description: (body.description as string | undefined) ?? "",
      start_time: iso(start),
      end_time: iso(end),
      service_ids: [...new Set(serviceIds as string[])],
      created_by_user_id: user.id,
    };
    s.maintenanceWindows.set(w.id, w);
    res.status(201).json({ maintenance_window: renderWindow(s, w) });
  });

  r.delete("/maintenance_windows/:id", (req, res) => {
    const w = s.maintenanceWindows.get(req.params.id);
    if (!w) return notFound(res);
    const now = ctx.now().getTime();
    if (ms(w.end_time) <= now)
      return sendError(res, 405, "Method Not Allowed", 2001, [
        "The maintenance window has already ended and cannot be deleted.",
      ]);
    // A window under way is ended now; a future one is deleted.
    if (ms(w.start_time) <= now) w.end_time = iso(now);
    else s.maintenanceWindows.delete(w.id);
    res.status(204).end();
  });

  return r;
}

function teamsOf(s: SimulatorState, w: MaintenanceWindow): string[] {
  return [...new Set(w.service_ids.flatMap((id) => s.services.get(id)?.team_ids ?? []))];
}

/** A maintenance window as PagerDuty returns one. */
export function renderWindow(s: SimulatorState, w: MaintenanceWindow) {
  return {
    id: w.id,
    type: "maintenance_window",
    summary: w.description,
    self: `${API_BASE}/maintenance_windows/${w.id}`,
    html_url: `${WEB_BASE}/service-directory/maintenance-windows/${w.id}`,
    sequence_number: w.sequence_number,
    start_time: w.start_time,
    end_time: w.end_time,
    description: w.description,
    created_by: userRef(s, w.created_by_user_id),
    services: w.service_ids.map((x) => serviceRef(s, x)),
    teams: teamsOf(s, w).map((t) => teamRef(s, t)),
  };
}
