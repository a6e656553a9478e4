import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { merge, snooze } from "../incident-actions.js";
import { findIncident } from "../lookup.js";
import { renderIncident } from "../render/incident.js";
import type { Incident } from "../state.js";

/** Longest snooze PagerDuty accepts: a week. */
const MAX_SNOOZE_SECONDS = 604_800;

/** PUT /incidents/{id}/merge and POST /incidents/{id}/snooze. */
export function incidentMergeSnoozeRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.put("/incidents/:id/merge", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const target = findIncident(s, req.params.id);
    if (!target) return notFound(res);
    const refs = req.body?.source_incidents as Array<{ id?: unknown }> | undefined;
    if (!Array.isArray(refs) || refs.length === 0)
      return invalidInput(res, [
        "source_incidents must be a non-empty list of incident references.",
      ]);
    const sources: Incident[] = [];
    for (const ref of refs) {
      const source = typeof ref?.id === "string" ? findIncident(s, ref.id) : undefined;
      if (!source) return notFound(res);
      sources.push(source);
    }
    const errors: string[] = [];
    if (target.status === "resolved") errors.push("Cannot merge into a resolved incident.");
    if (sources.some((x) => x.id === target.id))
      errors.push("An incident cannot be merged into itself.");
    for (const x of sources)
      if (x.status === "resolved")
        errors.push(`Incident ${x.id} is resolved and cannot be merged.`);
    if (errors.length > 0) return invalidInput(res, errors);
    merge(ctx, target, [...new Set(sources)], user, ctx.now().getTime());
    res.json({ incident: renderIncident(s, target) });
  });

  r.post("/incidents/:id/snooze", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    const duration = req.body?.duration;
    if (!Number.isInteger(duration) || duration < 1 || duration > MAX_SNOOZE_SECONDS)
      return invalidInput(res, [
        `duration must be a whole number of seconds from 1 to ${MAX_SNOOZE_SECONDS}.`,
      ]);
    if (incident.status !== "acknowledged")
      return invalidInput(res, ["Only acknowledged incidents can be snoozed."]);
    snooze(ctx, incident, duration, user, ctx.now().getTime());
    res.status(201).json({ incident: renderIncident(s, incident) });
  });

  return r;
}
