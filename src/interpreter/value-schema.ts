import type { ValueSchema } from "../config/types/resource.js";
import type { JsonSchemaProperty } from "./input-schema.js";

/** Deepest nesting of objects in one argument (the argument itself is level 1; arrays are transparent). */
export const MAX_OBJECT_DEPTH = 3;

/** A problem inside one argument's schema: pointer below the schema, message. */
export type SchemaIssue = [pointer: string, message: string];

/**
 * Second-pass checks of one argument's value schema, recursively: nested objects at most
 * MAX_OBJECT_DEPTH deep, every nested property described, `required` naming declared properties,
 * properties not mixed with a free-form map, and valid regular expressions.
 */
export function checkValueSchema(schema: ValueSchema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  walk(schema, "", 0, false, issues);
  return issues;
}

function walk(
  schema: ValueSchema,
  at: string,
  depth: number,
  isProperty: boolean,
  issues: SchemaIssue[],
): void {
  const level = schema.type === "object" ? depth + 1 : depth;
  if (schema.type === "object" && level > MAX_OBJECT_DEPTH)
    issues.push([
      at,
      `nests objects ${level} levels deep, more than ${MAX_OBJECT_DEPTH}: make the inner object separate arguments or a string`,
    ]);
  if (isProperty && !schema.description)
    issues.push([at, 'must have property "description": every property a model sees is described']);
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, "u");
    } catch (e) {
      issues.push([`${at}/pattern`, `is not a valid regular expression: ${(e as Error).message}`]);
    }
  }
  const properties = schema.properties ?? {};
  if (schema.properties) {
    if (schema.type !== "object")
      issues.push([`${at}/properties`, "is only allowed on type object"]);
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false)
      issues.push([
        `${at}/additionalProperties`,
        "cannot be combined with properties: an object either lists its fields or is a free-form map",
      ]);
    for (const [name, property] of Object.entries(properties))
      walk(property, `${at}/properties/${name}`, level, true, issues);
  }
  (schema.required ?? []).forEach((name, i) => {
    if (!(name in properties))
      issues.push([
        `${at}/required/${i}`,
        `names no property of this object: known are ${Object.keys(properties).join(", ") || "none"}`,
      ]);
  });
  if (schema.items) walk(schema.items, `${at}/items`, level, false, issues);
}

/**
 * The JSON Schema a model sees for one value: nullable becomes type [T, "null"] (and null joins an
 * enum), nested objects are closed (additionalProperties: false) with their properties described.
 * No $ref: everything is written out, so the schema converts to OpenAI's strict form.
 */
export function toToolSchema(schema: ValueSchema, description?: string): JsonSchemaProperty {
  const { nullable, properties, items, required, description: own, ...rest } = schema;
  const out: Record<string, unknown> = { ...rest };
  if (nullable) {
    out.type = [schema.type, "null"];
    if (rest.enum) out.enum = [...rest.enum, null];
  }
  if (items) out.items = toToolSchema(items);
  if (properties) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, p]) => [name, toToolSchema(p)]),
    );
    if (required && required.length > 0) out.required = required;
    out.additionalProperties = false;
  }
  const text = description ?? own;
  if (text !== undefined) out.description = text;
  return out as JsonSchemaProperty;
}
