import { exampleId, type ParameterDoc } from "./parameters.js";
import {
  ID_PATTERN,
  UUID_PATTERN,
  VARIANT_HINTS,
  type ValueSchema,
  type VariantHint,
} from "./value-schema.js";

/** Sample values for string fields whose name says what they hold. */
const NAMED_STRINGS: Record<string, string> = {
  time_zone: "America/New_York",
  email: "alice@example.com",
  address: "alice@example.com",
  name: "Example name",
  title: "Example title",
  summary: "Example summary",
  description: "Created from an example call.",
  message: "Example message.",
  content: "Example content.",
  color: "green",
};

/** Samples tried, in order, against a pattern no named sample fits (the first match wins). */
const PATTERN_SAMPLES = [
  "3f8a6c2e-5b1d-4e7a-9c0f-2d4b6e8a1c3e",
  "2026-01-15",
  "192.0.2.0/24",
  "192.0.2.10",
  "PABC123",
  "example",
  "EXAMPLE",
  "example-1",
  "12345",
  "https://example.com/hook",
  "alice@example.com",
];

/**
 * One example per method: every required argument filled with a value its schema accepts (IDs
 * that fit the ID pattern, enum values, dates, emails), so that the contract test can build the
 * upstream request and check it against the description.
 */
export function exampleArguments(
  params: Record<string, ParameterDoc>,
  hint?: VariantHint,
): Record<string, unknown> {
  const required = Object.keys(params).filter((name) => params[name].required);
  const schemas = Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.schema]));
  return fill(schemas, required, hint);
}

/**
 * The required keys sampled, plus what the example's variant requires: the first form of a union
 * without a discriminator, or the keys required for the discriminator value the example picks.
 */
function fill(
  schemas: Record<string, ValueSchema>,
  required: string[],
  hint: VariantHint | undefined,
): Record<string, unknown> {
  const keys = [...required, ...(hint?.forms?.[0] ?? [])];
  const out: Record<string, unknown> = {};
  for (const k of keys) if (schemas[k] && !(k in out)) out[k] = sample(schemas[k], k);
  if (hint?.tagKey && hint.requiredFor) {
    const tag = (out[hint.tagKey] ??= sample(schemas[hint.tagKey], hint.tagKey));
    for (const [k, tags] of Object.entries(hint.requiredFor))
      if (tags.includes(String(tag)) && schemas[k] && !(k in out)) out[k] = sample(schemas[k], k);
  }
  return out;
}

/** A value that fits a schema, recognisable from the field name. */
export function sample(schema: ValueSchema, name: string): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return sampleString(schema, name);
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : 1;
      const max = typeof schema.maximum === "number" ? schema.maximum : Infinity;
      return Math.min(Math.max(min, 1), max);
    }
    case "boolean":
      return true;
    case "array": {
      const items = (schema.items ?? { type: "string" }) as ValueSchema;
      const count = Math.max(1, typeof schema.minItems === "number" ? schema.minItems : 1);
      return Array.from({ length: count }, (_, i) => tweak(sample(items, singularName(name)), i));
    }
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, ValueSchema>;
      const hint = VARIANT_HINTS.get(schema);
      const required = (schema.required as string[] | undefined) ?? [];
      const keys = required.length > 0 || hint ? required : Object.keys(props).slice(0, 1);
      return fill(props, keys, hint);
    }
    default:
      return null;
  }
}

function sampleString(schema: ValueSchema, name: string): string {
  if (schema.format === "date-time") return "2026-01-15T09:00:00Z";
  if (schema.format === "email") return "alice@example.com";
  if (schema.format === "uri") return "https://example.com/hook";
  const pattern = schema.pattern as string | undefined;
  if (pattern === UUID_PATTERN) return PATTERN_SAMPLES[0];
  if (pattern === ID_PATTERN || (!pattern && /(^|_)id$/.test(name))) return exampleId(name);
  let value = NAMED_STRINGS[name] ?? `example ${name.replace(/_/g, " ")}`;
  if (pattern && !new RegExp(pattern, "u").test(value))
    value =
      [exampleId(name), ...PATTERN_SAMPLES].find((s) => new RegExp(pattern, "u").test(s)) ?? value;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  if (value.length < min) value = value.padEnd(min, "x");
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  return value.slice(0, max);
}

/** Array items must often be unique: the second and later samples differ. */
function tweak(value: unknown, index: number): unknown {
  if (index === 0) return value;
  if (typeof value === "string") return `${value}${index}`;
  if (typeof value === "number") return value + index;
  return value;
}

function singularName(name: string): string {
  return name.replace(/_ids$/, "_id").replace(/s$/, "");
}
