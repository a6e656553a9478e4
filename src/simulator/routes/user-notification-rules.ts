import { Router, type Response } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { notificationRulesOf, renderNotificationRule } from "../render/contact-methods.js";
import { refId, wrappedBody } from "../wrapped-body.js";

/** A user's notification rules: list, add, get, remove. */
export function userNotificationRuleRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const ruleOf = (userId: string, id: string, res: Response) => {
    const rule = s.notificationRules.get(id);
    if (rule?.user_id === userId) return rule;
    notFound(res);
    return undefined;
  };

  r.get("/users/:id/notification_rules", (req, res) => {
    if (!s.users.has(req.params.id)) return notFound(res);
    res.json({
      notification_rules: notificationRulesOf(s, req.params.id).map((rule) =>
        renderNotificationRule(s, rule),
      ),
    });
  });

  r.post("/users/:id/notification_rules", (req, res) => {
    const user = s.users.get(req.params.id);
    if (!user) return notFound(res);
    const body = wrappedBody(req, res, "notification_rule");
    if (!body) return;
    const delay = body.start_delay_in_minutes;
    const methodId = refId(body.contact_method);
    const method = methodId ? s.contactMethods.get(methodId) : undefined;
    const errors: string[] = [];
    if (!Number.isInteger(delay) || (delay as number) < 0)
      errors.push("Start delay in minutes must be a whole number, 0 or more");
    if (body.urgency !== "high" && body.urgency !== "low")
      errors.push("Urgency must be high or low");
    if (!method || method.user_id !== user.id)
      errors.push("Contact method must be one of the user's contact methods");
    if (errors.length > 0) return invalidInput(res, errors);
    const rule = {
      id: ctx.newId("P", 6),
      user_id: user.id,
      start_delay_in_minutes: delay as number,
      urgency: body.urgency as "high" | "low",
      contact_method_id: method!.id,
    };
    s.notificationRules.set(rule.id, rule);
    res.status(201).json({ notification_rule: renderNotificationRule(s, rule) });
  });

  r.get("/users/:id/notification_rules/:rule", (req, res) => {
    const rule = ruleOf(req.params.id, req.params.rule, res);
    if (rule) res.json({ notification_rule: renderNotificationRule(s, rule) });
  });

  r.delete("/users/:id/notification_rules/:rule", (req, res) => {
    const rule = ruleOf(req.params.id, req.params.rule, res);
    if (!rule) return;
    s.notificationRules.delete(rule.id);
    res.status(204).end();
  });

  return r;
}
