import { referenceTypes, type Shape } from "./schema-resolve.js";
import { describeField } from "./field-descriptions.js";

/** A tool argument schema as resource files write it (value_schema of resource.schema.json). */
export type ValueSchema = Record<string, unknown> & { type: string; description?: string };

/** PagerDuty IDs and other path keys: letters, digits and a few separators, never a slash. */
export const ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$";
/** A UUID, for fields the description formats as uuid. */
export const UUID_PATTERN =
  "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/** Longest ID accepted (UUIDs are 36 characters). */
export const ID_MAX_LENGTH = 128;
/** Longest free text accepted when the description sets no limit. */
export const TEXT_MAX_LENGTH = 65536;
/** Nesting depth of object arguments (an argument's own properties are depth 1). */
export const MAX_NESTING = 3;

/** Fields that are the server's, never the caller's (links and summaries of references). */
export const SERVER_FIELDS = new Set(["self", "html_url", "summary", "created_at", "updated_at"]);

/** Formats the argument validator checks; others are described in words instead. */
const CHECKED_FORMATS = new Set(["date-time", "email", "uri"]);

/** What converting needed from the resource format, beyond flat scalars and arrays of scalars. */
export interface FormatNeeds {
  nested: boolean;
  nullable: boolean;
}

/** The context of one conversion: the field path (for descriptions) and what it needed. */
export interface ConvertContext {
  needs: FormatNeeds;
  /** Free-form objects met (their fields cannot be described): the properties are dropped. */
  dropped: string[];
}

/**
 * What an example needs to know about a union that the argument schema cannot say: which keys a
 * variant requires (by the value of the discriminating key, or per variant when none names it).
 * Kept beside the schema object, never written to resource files.
 */
export interface VariantHint {
  tagKey?: string;
  requiredFor?: Record<string, string[]>;
  forms?: string[][];
}
export const VARIANT_HINTS = new WeakMap<object, VariantHint>();

/** The hint of a united shape, with its keys renamed (body keys become argument names). */
export function variantHint(shape: Shape, rename = (k: string) => k): VariantHint | undefined {
  if (shape.variantRequired) return { forms: shape.variantRequired.map((r) => r.map(rename)) };
  if (!shape.discriminator || !shape.properties?.[shape.discriminator]) return undefined;
  const requiredFor = Object.fromEntries(
    Object.entries(shape.requiredFor ?? {}).map(([k, tags]) => [rename(k), tags]),
  );
  return Object.keys(requiredFor).length > 0
    ? { tagKey: rename(shape.discriminator), requiredFor }
    : undefined;
}

export function newContext(): ConvertContext {
  return { needs: { nested: false, nullable: false }, dropped: [] };
}

/**
 * Converts a resolved spec schema into an argument schema the model can fill: scalars keep their
 * enum, checked formats, patterns and limits; arrays keep their items; objects keep their declared
 * properties (each described) up to {@link MAX_NESTING} levels. Returns undefined for what a tool
 * argument cannot express (free-form maps, objects nested too deep), recording why in ctx.dropped.
 */
export function toValueSchema(
  shape: Shape,
  path: string,
  ctx: ConvertContext,
  depth = 1,
): ValueSchema | undefined {
  const type = shape.type ?? (shape.properties ? "object" : "string");
  const out: ValueSchema = { type };
  if (shape.nullable === true) {
    out.nullable = true;
    ctx.needs.nullable = true;
  }
  switch (type) {
    case "string":
      Object.assign(out, stringKeywords(shape, path));
      break;
    case "integer":
    case "number":
      if (typeof shape.minimum === "number") out.minimum = shape.minimum;
      if (typeof shape.maximum === "number") out.maximum = shape.maximum;
      if (shape.enum) out.enum = shape.enum.filter((v) => typeof v === "number");
      break;
    case "boolean":
      break;
    case "array": {
      const items = toValueSchema(shape.items ?? { type: "string" }, `${path}[]`, ctx, depth);
      if (!items) return undefined;
      delete items.description;
      if (items.type === "object") ctx.needs.nested = true;
      out.items = items.type === "object" ? items : scalarItems(items, path);
      if (typeof shape.minItems === "number") out.minItems = shape.minItems;
      if (typeof shape.maxItems === "number") out.maxItems = shape.maxItems;
      if (shape.uniqueItems) out.uniqueItems = true;
      break;
    }
    case "object": {
      const refTypes = referenceTypes(shape);
      if (refTypes) {
        ctx.needs.nested = true;
        return referenceSchema(refTypes, out);
      }
      const entries = Object.entries(shape.properties ?? {}).filter(
        ([k, p]) => !p.readOnly && !SERVER_FIELDS.has(k),
      );
      if (entries.length === 0 || depth > MAX_NESTING) {
        ctx.dropped.push(path);
        return undefined;
      }
      ctx.needs.nested = true;
      const properties: Record<string, ValueSchema> = {};
      for (const [key, prop] of entries) {
        const converted = toValueSchema(prop, `${path}.${key}`, ctx, depth + 1);
        if (!converted) continue;
        converted.description = describeField(key, prop, converted, shape);
        properties[key] = converted;
      }
      if (Object.keys(properties).length === 0) {
        ctx.dropped.push(path);
        return undefined;
      }
      out.properties = properties;
      const required = (shape.required ?? []).filter((k) => k in properties);
      if (required.length > 0) out.required = required;
      out.additionalProperties = false;
      const hint = variantHint(shape);
      if (hint) VARIANT_HINTS.set(out, hint);
      break;
    }
    default:
      return undefined;
  }
  return out;
}

function stringKeywords(shape: Shape, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const values = (shape.enum ?? []).filter((v) => typeof v === "string");
  if (values.length > 0) {
    out.enum = values;
    return out;
  }
  if (shape.format === "url") out.format = "uri";
  else if (shape.format && CHECKED_FORMATS.has(shape.format)) out.format = shape.format;
  else if (shape.format === "date") out.pattern = "^\\d{4}-\\d{2}-\\d{2}$";
  else if (shape.format === "uuid") out.pattern = UUID_PATTERN;
  if (shape.pattern && usablePattern(shape.pattern)) out.pattern = shape.pattern;
  if (typeof shape.minLength === "number" && shape.minLength > 0) out.minLength = shape.minLength;
  if (!out.format) {
    const isId = /(^|[._])id$/.test(path) || /_id$/.test(path);
    out.maxLength =
      typeof shape.maxLength === "number"
        ? shape.maxLength
        : isId
          ? ID_MAX_LENGTH
          : TEXT_MAX_LENGTH;
  }
  return out;
}

/** A pattern that compiles as a Unicode regular expression and is not a format written as text. */
function usablePattern(pattern: string): boolean {
  if (/^[A-Z]{2,}[-:T]/.test(pattern)) return false;
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** A reference to another record: {id, type}, type one of the kinds it may point to. */
function referenceSchema(types: string[], base: ValueSchema): ValueSchema {
  return {
    ...base,
    type: "object",
    properties: {
      id: {
        type: "string",
        pattern: ID_PATTERN,
        maxLength: ID_MAX_LENGTH,
        description: "ID of the record referred to (a PagerDuty ID).",
      },
      type: {
        type: "string",
        enum: types,
        description: `Kind of record referred to: ${types.join(", ")}.`,
      },
    },
    required: ["id", "type"],
    additionalProperties: false,
  };
}

/** Items of a scalar array carry only what the format allows there: type, enum, pattern, format. */
function scalarItems(items: ValueSchema, path: string): ValueSchema {
  const out: ValueSchema = { type: items.type };
  for (const key of ["enum", "pattern", "format"])
    if (items[key] !== undefined) out[key] = items[key];
  if (out.type === "string" && !out.enum && !out.pattern && /_ids\[\]$|^ids\[\]$/.test(path))
    out.pattern = ID_PATTERN;
  return out;
}
