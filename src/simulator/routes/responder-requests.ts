import { Router } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { incidentRef, policyRef, userRef } from "../render/references.js";
import type { ResponderRequest, SimulatorState } from "../state.js";
import { addLogEntry } from "../timeline.js";
import { iso } from "../time.js";
import { refId, text, type Fields } from "../wrapped-body.js";

/**
 * POST /incidents/{id}/responder_requests: ask users or escalation policies to join an incident.
 * Targets come as PagerDuty documents them, [{"responder_request_target": {id, type}}]; each
 * requested user gets a pending responder entry and the timeline logs the request.
 */
export function responderRequestRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;

  r.post("/incidents/:id/responder_requests", (req, res) => {
    const incident = s.incidents.get(req.params.id);
    if (!incident) return notFound(res);
    const body = (req.body ?? {}) as Fields;
    const errors: string[] = [];
    const requester = s.users.get(String(body.requester_id ?? ""));
    if (!requester) errors.push("Requester must be a user of this account");
    const message = text(body, "message");
    if (!message) errors.push("Message can't be blank");
    if (incident.status === "resolved") errors.push("Incident is already resolved");
    const raw = Array.isArray(body.responder_request_targets) ? body.responder_request_targets : [];
    const targets = raw.map((t) => (t as Fields)?.responder_request_target as Fields | undefined);
    if (targets.length === 0) errors.push("Responder request targets can't be empty");
    const resolved: ResponderRequest["targets"] = [];
    for (const t of targets) {
      const id = refId(t);
      if (t?.type === "user_reference" && id && s.users.has(id))
        resolved.push({ type: "user", id });
      else if (t?.type === "escalation_policy_reference" && id && s.escalationPolicies.has(id))
        resolved.push({ type: "escalation_policy", id });
      else errors.push(`${id ?? "A target"} is not a user or escalation policy of this account`);
    }
    if (errors.length > 0) return invalidInput(res, errors);
    const request: ResponderRequest = {
      incident_id: incident.id,
      requester_id: requester!.id,
      message: message!,
      requested_at: iso(ctx.now()),
      targets: resolved,
    };
    s.responderRequests.push(request);
    addLogEntry(ctx, incident, ctx.now().getTime(), {
      type: "responder_request_log_entry",
      summary: `${requester!.name} requested help from ${resolved.length} responder target(s)`,
      agent: { type: "user", id: requester!.id },
      channel: "api",
    });
    res.json({ responder_request: renderRequest(s, request) });
  });

  return r;
}

/** The users a target pages: the user, or whoever is at the policy's first level. */
function usersOf(s: SimulatorState, target: ResponderRequest["targets"][number]): string[] {
  if (target.type === "user") return [target.id];
  const first = s.escalationPolicies.get(target.id)?.rules[0];
  return (first?.targets ?? []).filter((t) => t.type === "user").map((t) => t.id);
}

function renderRequest(s: SimulatorState, r: ResponderRequest) {
  const incident = incidentRef(s.incidents.get(r.incident_id)!);
  return {
    incident,
    requester: userRef(s, r.requester_id),
    requested_at: r.requested_at,
    message: r.message,
    responder_request_targets: r.targets.map((t) => ({
      responder_request_target: {
        ...(t.type === "user" ? userRef(s, t.id) : policyRef(s, t.id)),
        type: t.type,
        incident_responders: usersOf(s, t).map((id) => ({
          state: "pending",
          user: userRef(s, id),
          incident,
          updated_at: r.requested_at,
          message: r.message,
          requester: userRef(s, r.requester_id),
          requested_at: r.requested_at,
        })),
      },
    })),
  };
}
