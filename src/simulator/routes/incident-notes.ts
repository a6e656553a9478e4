import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { requireFromUser } from "../from-header.js";
import { findIncident } from "../lookup.js";
import { userRef } from "../render/references.js";
import type { Note, SimulatorState } from "../state.js";
import { iso } from "../time.js";

/** PagerDuty's limit on a note's length. */
const MAX_NOTE_LENGTH = 25_000;

/** GET and POST /incidents/{id}/notes (notes are not paginated). */
export function incidentNoteRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.get("/incidents/:id/notes", (req, res) => {
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    res.json({ notes: (s.notes.get(incident.id) ?? []).map((n) => renderNote(s, n)) });
  });

  r.post("/incidents/:id/notes", (req, res) => {
    const user = requireFromUser(ctx, req, res);
    if (!user) return;
    const incident = findIncident(s, req.params.id);
    if (!incident) return notFound(res);
    const content = req.body?.note?.content;
    if (typeof content !== "string" || content.trim() === "")
      return invalidInput(res, ["Note content cannot be empty."]);
    if (content.length > MAX_NOTE_LENGTH)
      return invalidInput(res, [
        `Note content cannot be longer than ${MAX_NOTE_LENGTH} characters.`,
      ]);
    const at = iso(ctx.now());
    const note: Note = {
      id: ctx.newId("P", 13),
      incident_id: incident.id,
      user_id: user.id,
      content,
      created_at: at,
      updated_at: at,
    };
    s.notes.set(incident.id, [...(s.notes.get(incident.id) ?? []), note]);
    res.status(201).json({ note: renderNote(s, note) });
  });

  return r;
}

/** A note as PagerDuty returns it. */
export function renderNote(s: SimulatorState, n: Note) {
  return {
    id: n.id,
    user: userRef(s, n.user_id),
    channel: { summary: "The PagerDuty website or APIs" },
    content: n.content,
    created_at: n.created_at,
    updated_at: n.updated_at,
  };
}
