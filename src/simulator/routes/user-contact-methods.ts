import { Router, type Response } from "express";
import type { SimContext } from "../context.js";
import { invalidInput, notFound } from "../errors.js";
import { contactMethodsOf, renderContactMethod } from "../render/contact-methods.js";
import type { ContactMethod } from "../state.js";
import { text, wrappedBody, type Fields } from "../wrapped-body.js";

const TYPES: ReadonlyArray<ContactMethod["type"]> = [
  "email_contact_method",
  "phone_contact_method",
  "sms_contact_method",
  "push_notification_contact_method",
  "whatsapp_contact_method",
];
const PHONE_TYPES = ["phone_contact_method", "sms_contact_method", "whatsapp_contact_method"];

/** A user's contact methods: list, add, get, change, remove. */
export function userContactMethodRoutes(ctx: SimContext): Router {
  const r = Router();
  const s = ctx.state;
  const userOr404 = (id: string, res: Response) => {
    const user = s.users.get(id);
    if (!user) notFound(res);
    return user;
  };
  const methodOr404 = (userId: string, id: string, res: Response) => {
    const method = s.contactMethods.get(id);
    if (method?.user_id === userId) return method;
    notFound(res);
    return undefined;
  };

  r.get("/users/:id/contact_methods", (req, res) => {
    if (!userOr404(req.params.id, res)) return;
    res.json({
      contact_methods: contactMethodsOf(s, req.params.id).map((c) => renderContactMethod(s, c)),
    });
  });

  r.post("/users/:id/contact_methods", (req, res) => {
    const user = userOr404(req.params.id, res);
    if (!user) return;
    const body = wrappedBody(req, res, "contact_method");
    if (!body) return;
    const method = validated(body, undefined, res);
    if (!method) return;
    const duplicate = contactMethodsOf(s, user.id).some(
      (c) => c.type === method.type && c.address === method.address,
    );
    if (duplicate) return invalidInput(res, ["User Contact method must be unique"]);
    const created = { ...method, id: ctx.newId("P", 6), user_id: user.id };
    s.contactMethods.set(created.id, created);
    res.status(201).json({ contact_method: renderContactMethod(s, created) });
  });

  r.get("/users/:id/contact_methods/:method", (req, res) => {
    const method = methodOr404(req.params.id, req.params.method, res);
    if (method) res.json({ contact_method: renderContactMethod(s, method) });
  });

  r.put("/users/:id/contact_methods/:method", (req, res) => {
    const method = methodOr404(req.params.id, req.params.method, res);
    if (!method) return;
    const body = wrappedBody(req, res, "contact_method");
    if (!body) return;
    const changed = validated(body, method, res);
    if (!changed) return;
    Object.assign(method, changed);
    res.json({ contact_method: renderContactMethod(s, method) });
  });

  r.delete("/users/:id/contact_methods/:method", (req, res) => {
    const method = methodOr404(req.params.id, req.params.method, res);
    if (!method) return;
    s.contactMethods.delete(method.id);
    // Rules that notified through it go with it.
    for (const [id, rule] of s.notificationRules)
      if (rule.contact_method_id === method.id) s.notificationRules.delete(id);
    res.status(204).end();
  });

  return r;
}

/** The fields of a new (or changed) contact method, or a 400 listing what is wrong. */
function validated(
  body: Fields,
  current: ContactMethod | undefined,
  res: Response,
): Omit<ContactMethod, "id" | "user_id"> | undefined {
  const type = (body.type ?? current?.type) as ContactMethod["type"];
  const label = text(body, "label") ?? current?.label;
  const address = text(body, "address") ?? current?.address;
  const code = body.country_code ?? current?.country_code ?? null;
  const errors: string[] = [];
  if (!TYPES.includes(type)) errors.push(`type must be one of ${TYPES.join(", ")}.`);
  if (!label) errors.push("Label can't be blank");
  if (!address) errors.push("Address can't be blank");
  if (type === "email_contact_method" && address && !/^[^@\s]+@[^@\s]+$/.test(address))
    errors.push("Address is not a valid email address");
  if (PHONE_TYPES.includes(type)) {
    if (!Number.isInteger(code)) errors.push("Country code must be a number");
    if (address && !/^\d{4,15}$/.test(address)) errors.push("Address must be a phone number");
  }
  if (errors.length > 0) {
    invalidInput(res, errors);
    return undefined;
  }
  return {
    type,
    label: label!,
    address: address!,
    country_code: PHONE_TYPES.includes(type) ? (code as number) : null,
  };
}
