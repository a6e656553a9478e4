import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { findIncident } from "../lookup.js";
import { sendPage } from "../paging.js";
import { enumList, queryList, queryString, timeWindow } from "../query.js";
import { renderIncident } from "../render/incident.js";
import type { Incident, SimulatorState } from "../state.js";
import { DAY, ms } from "../time.js";

const SORT_FIELDS = ["incident_number", "created_at", "resolved_at", "urgency"] as const;
type SortField = (typeof SORT_FIELDS)[number];

/** GET /incidents (filters, PagerDuty's default 30-day window, sort_by) and GET /incidents/{id}. */
export function incidentRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/incidents", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const statuses = enumList(req, res, "statuses", ["triggered", "acknowledged", "resolved"]);
    if (statuses === null) return;
    const urgencies = enumList(req, res, "urgencies", ["high", "low"]);
    if (urgencies === null) return;
    const sort = parseSort(queryList(req, "sort_by") ?? []);
    if ("error" in sort) return invalidInput(res, [sort.error]);
    const all = queryString(req, "date_range") === "all";
    // "Now" includes the current millisecond: an incident created this instant is listed.
    const until = window.until ?? ctx.now().getTime() + 1;
    const since = window.since ?? until - 30 * DAY;
    if (!all && until - since > 180 * DAY)
      return invalidInput(res, ["The date range (since to until) cannot exceed 6 months."]);
    const services = queryList(req, "service_ids");
    const teams = queryList(req, "team_ids");
    const users = queryList(req, "user_ids");
    const key = queryString(req, "incident_key");
    const items = [...s.incidents.values()].filter((i) => {
      const t = ms(i.created_at);
      if (!all && (t < since || t >= until)) return false;
      if (statuses && !statuses.includes(i.status)) return false;
      if (urgencies && !urgencies.includes(i.urgency)) return false;
      if (services && !services.includes(i.service_id)) return false;
      if (teams && !teamsOf(s, i).some((t) => teams.includes(t))) return false;
      if (users && !i.assignments.some((a) => users.includes(a.user_id))) return false;
      if (key !== undefined && i.incident_key !== key) return false;
      return true;
    });
    sendPage(req, res, "incidents", sortIncidents(items, sort.keys), (i) => renderIncident(s, i));
  });

  r.get("/incidents/:id", (req, res) => {
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    res.json({ incident: renderIncident(s, incident) });
  });

  return r;
}

/** An incident's teams: its escalation policy's and its service's. */
function teamsOf(s: SimulatorState, i: Incident): string[] {
  return [
    ...(s.escalationPolicies.get(i.escalation_policy_id)?.team_ids ?? []),
    ...(s.services.get(i.service_id)?.team_ids ?? []),
  ];
}

type SortKey = { field: SortField; desc: boolean };

function parseSort(values: string[]): { keys: SortKey[] } | { error: string } {
  if (values.length > 2) return { error: "sort_by takes at most two fields." };
  const keys: SortKey[] = [];
  for (const v of values) {
    const [field, dir = "asc"] = v.split(":");
    if (!SORT_FIELDS.includes(field as SortField) || !["asc", "desc"].includes(dir))
      return {
        error: `sort_by must be one of ${SORT_FIELDS.join(", ")}, optionally with :asc or :desc.`,
      };
    keys.push({ field: field as SortField, desc: dir === "desc" });
  }
  return { keys };
}

/** Sorts by the keys, then oldest first as PagerDuty does by default. */
function sortIncidents(items: Incident[], keys: SortKey[]): Incident[] {
  const value = (i: Incident, f: SortField): string | number =>
    f === "incident_number"
      ? i.incident_number
      : f === "urgency"
        ? i.urgency === "high"
          ? 1
          : 0
        : f === "resolved_at"
          ? (i.resolved_at ?? "")
          : i.created_at;
  const all: SortKey[] = [...keys, { field: "created_at", desc: false }];
  return items.sort((a, b) => {
    for (const k of all) {
      const x = value(a, k.field);
      const y = value(b, k.field);
      if (x !== y) return (x < y ? -1 : 1) * (k.desc ? -1 : 1);
    }
    return a.incident_number - b.incident_number;
  });
}
