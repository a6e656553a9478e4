import { Router, type Response } from "express";
import { recordAudit } from "../audit.js";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import type { EscalationPolicy, EscalationTarget, SimulatorState } from "../state.js";
import { refId, text, wrappedBody, type Fields } from "../wrapped-body.js";
import { renderPolicy } from "./escalation-policies.js";

const TARGET_TYPES: Record<string, EscalationTarget["type"]> = {
  user_reference: "user",
  user: "user",
  schedule_reference: "schedule",
  schedule: "schedule",
};

/** POST /escalation_policies, PUT and DELETE /escalation_policies/{id}. */
export function escalationPolicyWriteRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const audit = (action: "create" | "update" | "delete", p: EscalationPolicy) =>
    recordAudit(ctx, action, { id: p.id, type: "escalation_policy_reference", summary: p.name });

  r.post("/escalation_policies", (req, res) => {
    const body = wrappedBody(req, res, "escalation_policy");
    if (!body) return;
    const fields = validated(s, body, undefined, res);
    if (!fields) return;
    const policy: EscalationPolicy = { id: ctx.newId("P", 6), ...fields };
    policy.rules = policy.rules.map((rule) => ({ ...rule, id: ctx.newId("P", 6) }));
    s.escalationPolicies.set(policy.id, policy);
    audit("create", policy);
    res.status(201).json({ escalation_policy: renderPolicy(s, policy) });
  });

  r.put("/escalation_policies/:id", (req, res) => {
    const policy = s.escalationPolicies.get(req.params.id);
    if (!policy) return notFound(res);
    const body = wrappedBody(req, res, "escalation_policy");
    if (!body) return;
    const fields = validated(s, body, policy, res);
    if (!fields) return;
    const keep = new Map(policy.rules.map((rule, i) => [i, rule.id]));
    Object.assign(policy, fields, {
      rules: fields.rules.map((rule, i) => ({ ...rule, id: keep.get(i) ?? ctx.newId("P", 6) })),
    });
    audit("update", policy);
    res.json({ escalation_policy: renderPolicy(s, policy) });
  });

  r.delete("/escalation_policies/:id", (req, res) => {
    const policy = s.escalationPolicies.get(req.params.id);
    if (!policy) return notFound(res);
    if ([...s.services.values()].some((x) => x.escalation_policy_id === policy.id))
      return invalidInput(res, ["Escalation policy is in use by one or more services"]);
    s.escalationPolicies.delete(policy.id);
    audit("delete", policy);
    res.status(204).end();
  });

  return r;
}

/**
 * A policy's fields from the body: a unique name and at least one level, each with a delay of
 * at least one minute and 1 to 10 existing users or schedules. Missing fields keep `current`'s.
 */
function validated(
  s: SimulatorState,
  body: Fields,
  current: EscalationPolicy | undefined,
  res: Response,
): Omit<EscalationPolicy, "id"> | undefined {
  const errors: string[] = [];
  const name = text(body, "name") ?? current?.name;
  if (!name) errors.push("Name can't be blank");
  const taken = [...s.escalationPolicies.values()].some(
    (p) => p.name === name && p.id !== current?.id,
  );
  if (name && taken) errors.push("Name has already been taken");
  const rawRules = body.escalation_rules;
  let rules = current?.rules ?? [];
  if (rawRules !== undefined || !current) {
    if (!Array.isArray(rawRules) || rawRules.length === 0)
      errors.push("Escalation rules must have at least one level");
    else rules = rawRules.map((raw, i) => rule(s, raw as Fields, i + 1, errors));
  }
  const loops = body.num_loops ?? current?.num_loops ?? 0;
  if (!Number.isInteger(loops) || (loops as number) < 0 || (loops as number) > 9)
    errors.push("Num loops must be a whole number from 0 to 9");
  const teams = Array.isArray(body.teams)
    ? (body.teams as unknown[]).map(refId)
    : (current?.team_ids ?? []);
  if (teams.some((t) => !t || !s.teams.has(t))) errors.push("Teams must be existing teams");
  if (errors.length > 0) {
    invalidInput(res, errors);
    return undefined;
  }
  return {
    name: name!,
    description: (body.description as string | undefined) ?? current?.description ?? "",
    rules,
    team_ids: teams as string[],
    num_loops: loops as number,
  };
}

function rule(s: SimulatorState, raw: Fields, level: number, errors: string[]) {
  const delay = raw?.escalation_delay_in_minutes;
  if (!Number.isInteger(delay) || (delay as number) < 1)
    errors.push(`Level ${level}: escalation delay must be at least 1 minute`);
  const targets = Array.isArray(raw?.targets) ? (raw.targets as Fields[]) : [];
  if (targets.length < 1 || targets.length > 10)
    errors.push(`Level ${level}: targets must list 1 to 10 users or schedules`);
  const resolved = targets.map((t) => ({ type: TARGET_TYPES[String(t?.type)], id: refId(t) }));
  for (const t of resolved) {
    const known = t.type === "user" ? s.users.has(t.id ?? "") : s.schedules.has(t.id ?? "");
    if (!t.type || !known)
      errors.push(
        `Level ${level}: ${t.id ?? "a target"} is not a user or schedule of this account`,
      );
  }
  return { id: "", delay_minutes: delay as number, targets: resolved as EscalationTarget[] };
}
