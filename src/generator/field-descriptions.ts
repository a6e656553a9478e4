import type { Shape } from "./schema-resolve.js";
import { capitalize, humanize, plural } from "./words.js";

/**
 * Descriptions of arguments, written by our own templates from the field's facts (name, type,
 * enum, format, limits, default, which variant it belongs to). The description's own prose is
 * never used: it has no license.
 */

/** Our wording for field names that recur across PagerDuty's API. */
const KNOWN_FIELDS: Record<string, string> = {
  id: "ID",
  name: "Name",
  description: "Description, free text",
  summary: "Short summary",
  title: "Title",
  type: "Kind of object",
  label: "Label shown to people",
  address: "Address (email, phone number or device, by type)",
  email: "Email address",
  time_zone: "Time zone, an IANA name such as America/New_York",
  start: "Start time",
  end: "End time",
  start_time: "Start time",
  end_time: "End time",
  since: "Start of the time window",
  until: "End of the time window",
  created_at: "Creation time",
  urgency: "Urgency",
  status: "Status",
  message: "Message text",
  content: "Text content",
  enabled: "Whether it is enabled",
  color: "Color",
  role: "Role",
  details: "Details",
  query: "Free-text filter (case-insensitive)",
};

/** Describes one field of a request body or query. */
export function describeField(
  key: string,
  shape: Shape,
  schema: Record<string, unknown>,
  parent?: Shape,
): string {
  const sentences = [`${labelOf(key)}${typeText(shape, schema)}.`];
  const only = parent?.onlyFor?.[key];
  const requiredFor = parent?.requiredFor?.[key];
  const tag = parent?.discriminator;
  if (tag && only && requiredFor && only.join() === requiredFor.join())
    sentences.push(`Only for ${tag} ${only.join(" or ")}, and required then.`);
  else {
    if (tag && only) sentences.push(`Only for ${tag} ${only.join(" or ")}.`);
    if (tag && requiredFor) sentences.push(`Required for ${tag} ${requiredFor.join(" or ")}.`);
  }
  const forms = shape.variantRequired ?? shape.items?.variantRequired;
  if (forms)
    sentences.push(
      `${shape.items ? "Each item gives" : "Give"} ${forms.map((r) => r.join(" and ")).join(", or ")}.`,
    );
  if (shape.otherTypes)
    sentences.push(`Sent as text (PagerDuty also takes ${shape.otherTypes.join(", ")} here).`);
  if (shape.default !== undefined && typeof shape.default !== "object")
    sentences.push(`Default ${String(shape.default)}.`);
  if (schema.nullable) sentences.push("null clears it.");
  return sentences.join(" ");
}

/** "escalation_policy_id" -> "Escalation policy ID"; known names get our wording. */
export function labelOf(key: string): string {
  if (KNOWN_FIELDS[key]) return KNOWN_FIELDS[key];
  const ids = key.match(/^(.*)_ids$/);
  if (ids) return `IDs of the ${humanize(plural(ids[1]))}`;
  const id = key.match(/^(.*)_id$/);
  if (id) return `ID of the ${humanize(id[1])}`;
  return capitalize(humanize(key));
}

function typeText(shape: Shape, schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `: one of ${(schema.enum as unknown[]).join(", ")}`;
  switch (schema.type) {
    case "string":
      if (schema.format === "date-time") return " (ISO 8601 date-time, e.g. 2026-01-15T09:00:00Z)";
      if (schema.format === "email") return " (email address)";
      if (schema.format === "uri") return " (URL)";
      if (shape.format === "date") return " (date, YYYY-MM-DD)";
      return "";
    case "integer":
    case "number":
      return rangeText(schema, schema.type === "integer" ? "whole number" : "number");
    case "boolean":
      return " (true or false)";
    case "array": {
      const items = schema.items as Record<string, unknown> | undefined;
      if (items && Array.isArray(items.enum))
        return `: a list, each one of ${(items.enum as unknown[]).join(", ")}`;
      if (items?.type === "object") return ": a list of objects";
      return ": a list";
    }
    case "object":
      return ": an object";
    default:
      return "";
  }
}

function rangeText(schema: Record<string, unknown>, noun: string): string {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  if (min !== undefined && max !== undefined) return ` (${noun}, ${min} to ${max})`;
  if (min !== undefined) return ` (${noun}, at least ${min})`;
  if (max !== undefined) return ` (${noun}, at most ${max})`;
  return ` (${noun})`;
}
