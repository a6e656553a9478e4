import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { findIncident } from "../lookup.js";
import { userRef } from "../render/references.js";
import type { StatusUpdate } from "../state.js";
import { iso } from "../time.js";

/** POST /incidents/{id}/status_updates: 200 with the status update (PagerDuty's code here). */
export function incidentStatusUpdateRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.post("/incidents/:id/status_updates", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    const { message, subject, html_message } = (req.body ?? {}) as Record<string, unknown>;
    const errors: string[] = [];
    if (typeof message !== "string" || message.trim() === "")
      errors.push("message cannot be empty.");
    if ((subject === undefined) !== (html_message === undefined))
      errors.push("subject and html_message go together: give both or neither.");
    if (errors.length > 0) return invalidInput(res, errors);
    const update: StatusUpdate = {
      id: ctx.newId("P", 13),
      incident_id: incident.id,
      user_id: user.id,
      message: message as string,
      subject: typeof subject === "string" ? subject : null,
      html_message: typeof html_message === "string" ? html_message : null,
      created_at: iso(ctx.now()),
    };
    s.statusUpdates.set(incident.id, [...(s.statusUpdates.get(incident.id) ?? []), update]);
    res.json({
      status_update: {
        id: update.id,
        message: update.message,
        sender: userRef(s, user.id),
        created_at: update.created_at,
        subject: update.subject,
        html_message: update.html_message,
      },
    });
  });

  return r;
}
