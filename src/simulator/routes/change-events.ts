import { Router } from "express";
import type { SimContext } from "../context.js";
import { notFound } from "../errors.js";
import { sendPage } from "../paging.js";
import { queryList, timeWindow } from "../query.js";
import { API_BASE, serviceRef } from "../render/references.js";
import type { ChangeEvent, SimulatorState } from "../state.js";
import { ms } from "../time.js";

/** Integration id of a service's change-event integration. */
const integrationOf = (serviceId: string) => `PC${serviceId.slice(1, 7)}`;

/** GET /change_events (newest first; since/until, team_ids[], integration_ids[]) and one event. */
export function changeEventRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/change_events", (req, res) => {
    const window = timeWindow(req, res);
    if (!window) return;
    const teams = queryList(req, "team_ids");
    const integrations = queryList(req, "integration_ids");
    const items = s.changeEvents
      .filter((e) => {
        const t = ms(e.timestamp);
        return (
          (window.since === undefined || t >= window.since) &&
          (window.until === undefined || t < window.until) &&
          (!teams ||
            e.service_ids.some((id) =>
              s.services.get(id)?.team_ids.some((t) => teams.includes(t)),
            )) &&
          (!integrations || e.service_ids.some((id) => integrations.includes(integrationOf(id))))
        );
      })
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    sendPage(req, res, "change_events", items, (e) => renderChangeEvent(s, e));
  });

  r.get("/change_events/:id", (req, res) => {
    const event = s.changeEvents.find((e) => e.id === req.params.id);
    if (!event) return notFound(res);
    res.json({ change_event: renderChangeEvent(s, event) });
  });

  return r;
}

/** A change event as PagerDuty returns one. */
export function renderChangeEvent(s: SimulatorState, e: ChangeEvent) {
  const first = e.service_ids[0] ?? "";
  return {
    id: e.id,
    type: "change_event",
    summary: e.summary,
    self: `${API_BASE}/change_events/${e.id}`,
    html_url: null,
    timestamp: e.timestamp,
    source: e.source,
    services: e.service_ids.map((x) => serviceRef(s, x)),
    integration: {
      id: integrationOf(first),
      type: "inbound_integration_reference",
      summary: "Change Events",
      self: `${API_BASE}/services/${first}/integrations/${integrationOf(first)}`,
      html_url: null,
    },
    routing_key: null,
    links: e.links,
    images: [],
    custom_details: e.custom_details,
  };
}
