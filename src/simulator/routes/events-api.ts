import { Router, type Response } from "express";
import type { SimContext } from "../context.js";
import { createIncident } from "../create-incident.js";
import { acknowledgeByService, resolve } from "../incident-actions.js";
import type { Alert, Incident, Service } from "../state.js";
import { iso } from "../time.js";

/** The Events API v2 routing key of a service: its id in lowercase, padded with 0 to 32 characters. */
export const routingKeyOf = (serviceId: string): string =>
  (serviceId.toLowerCase() + "0".repeat(32)).slice(0, 32);

const SEVERITIES = ["critical", "error", "warning", "info"] as const;
const ACTIONS = ["trigger", "acknowledge", "resolve"] as const;

type EventBody = Record<string, unknown> & { payload?: Record<string, unknown> };

/** The Events API's error answer: 400 with its own envelope (not the REST API's). */
function invalidEvent(res: Response, errors: string[]): void {
  res.status(400).json({ status: "invalid event", message: "Event object is invalid", errors });
}

const text = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * PagerDuty's Events API v2 (events.pagerduty.com): POST /v2/enqueue (trigger, acknowledge,
 * resolve an alert by dedup_key) and POST /v2/change/enqueue. No credentials: the routing_key in
 * the body names the service (see routingKeyOf). Answers 202 as PagerDuty does; the incidents and
 * change events it creates show in the REST API.
 */
export function eventsApiRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const serviceFor = (body: EventBody, errors: string[]): Service | undefined => {
    if (!text(body.routing_key)) {
      errors.push("'routing_key' is missing or blank");
      return undefined;
    }
    const service = [...s.services.values()].find((x) => routingKeyOf(x.id) === body.routing_key);
    if (!service) errors.push("Invalid routing key");
    return service;
  };

  r.post("/v2/enqueue", (req, res) => {
    const body = (req.body ?? {}) as EventBody;
    const errors: string[] = [];
    const service = serviceFor(body, errors);
    const action = body.event_action as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) errors.push("'event_action' is missing or invalid");
    const payload = body.payload ?? {};
    if (action === "trigger") {
      if (!text(payload.summary)) errors.push("'payload.summary' is missing or blank");
      if (!text(payload.source)) errors.push("'payload.source' is missing or blank");
      if (!SEVERITIES.includes(payload.severity as Alert["severity"]))
        errors.push("'payload.severity' is missing or invalid");
    } else if (action && !text(body.dedup_key)) {
      errors.push("'dedup_key' is missing or blank");
    }
    if (errors.length > 0 || !service) return invalidEvent(res, errors);

    const at = ctx.now().getTime();
    const dedupKey = text(body.dedup_key) ? body.dedup_key : ctx.newId("", 32).toLowerCase();
    const open = [...s.incidents.values()].find(
      (i: Incident) =>
        i.service_id === service.id && i.incident_key === dedupKey && i.status !== "resolved",
    );
    const agent = { type: "service" as const, id: service.id };
    if (action === "trigger" && !open) {
      createIncident(
        ctx,
        {
          title: payload.summary as string,
          service_id: service.id,
          incident_key: dedupKey,
          agent,
          channel: "events_api_v2",
          alerts: [
            {
              summary: payload.summary as string,
              severity: payload.severity as Alert["severity"],
              details: (payload.custom_details as Record<string, unknown>) ?? {},
              cef_details: {
                source_origin: payload.source,
                source_component: payload.component,
                event_class: payload.class,
                service_group: payload.group,
              },
            },
          ],
        },
        at,
      );
    } else if (action === "acknowledge" && open?.status === "triggered") {
      acknowledgeByService(ctx, open, service.id, at);
    } else if (action === "resolve" && open) {
      resolve(ctx, open, agent, at, { channel: "events_api_v2" });
    }
    res.status(202).json({ status: "success", message: "Event processed", dedup_key: dedupKey });
  });

  r.post("/v2/change/enqueue", (req, res) => {
    const body = (req.body ?? {}) as EventBody;
    const errors: string[] = [];
    const service = serviceFor(body, errors);
    const payload = body.payload ?? {};
    if (!text(payload.summary)) errors.push("'payload.summary' is missing or blank");
    if (errors.length > 0 || !service) return invalidEvent(res, errors);
    s.changeEvents.push({
      id: ctx.newId("01", 24),
      summary: payload.summary as string,
      timestamp: text(payload.timestamp) ? payload.timestamp : iso(ctx.now().getTime()),
      service_ids: [service.id],
      source: text(payload.source) ? payload.source : "",
      custom_details: (payload.custom_details as Record<string, unknown>) ?? {},
      links: Array.isArray(body.links) ? (body.links as Array<{ href: string; text: string }>) : [],
    });
    res.status(202).json({ status: "success", message: "Change event processed" });
  });
  return r;
}
