import { createResolver, type Json } from "./openapi-document.js";

/**
 * A schema of the description with $refs followed and allOf merged: the shape the generator
 * reasons about. oneOf/anyOf of objects become one object (properties united, the discriminator's
 * enum united, only what every variant requires stays required), with `variants` recording which
 * enum values each property belongs to.
 */
export interface Shape {
  type?: string;
  properties?: Record<string, Shape>;
  required?: string[];
  items?: Shape;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  readOnly?: boolean;
  default?: unknown;
  example?: unknown;
  /** Free-form object values (additionalProperties). */
  additional?: Shape | true;
  /** For a united oneOf: property name -> discriminator values of the variants that have it. */
  onlyFor?: Record<string, string[]>;
  /** Name of the discriminating property of a united oneOf. */
  discriminator?: string;
  /** The $ref name the schema came from (e.g. ServiceReference), when it had one. */
  ref?: string;
}

const SCALAR_KEYS = [
  "type",
  "enum",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "nullable",
  "readOnly",
  "default",
  "example",
] as const;

/** Depth past which nested schemas are not followed (the description has recursive schemas). */
const MAX_DEPTH = 8;

/** Builds a resolver of schemas into {@link Shape}s for one description. */
export function createShapeResolver(spec: Json) {
  const deref = createResolver(spec);

  const resolve = (node: unknown, depth = 0): Shape => {
    if (!node || typeof node !== "object" || depth > MAX_DEPTH) return {};
    const raw = node as Json;
    // The component's name (#/components/schemas/<name>/...), the outermost $ref winning.
    const ref = typeof raw.$ref === "string" ? String(raw.$ref).split("/")[3] : undefined;
    const n = deref(raw);
    if (!n || typeof n !== "object") return {};
    let shape: Shape = {};
    if (Array.isArray(n.allOf)) {
      for (const part of n.allOf) shape = mergeShapes(shape, resolve(part, depth + 1));
    }
    const variants = n.oneOf ?? n.anyOf;
    if (Array.isArray(variants) && variants.length > 0) {
      shape = mergeShapes(
        shape,
        uniteVariants(variants.map((v: unknown) => resolve(v, depth + 1))),
      );
    }
    const own: Shape = {};
    for (const key of SCALAR_KEYS) if (n[key] !== undefined) (own as Json)[key] = n[key];
    if (Array.isArray(own.type)) own.type = (own.type as string[]).find((t) => t !== "null");
    if (n.properties) {
      own.properties = {};
      for (const [k, v] of Object.entries(n.properties)) own.properties[k] = resolve(v, depth + 1);
      own.type ??= "object";
    }
    if (Array.isArray(n.required)) own.required = [...n.required];
    if (n.items) own.items = resolve(n.items, depth + 1);
    if (n.additionalProperties && typeof n.additionalProperties === "object")
      own.additional = resolve(n.additionalProperties, depth + 1);
    else if (n.additionalProperties === true) own.additional = true;
    shape = mergeShapes(shape, own);
    if (ref) shape.ref = ref;
    if (!shape.type && shape.items) shape.type = "array";
    if (!shape.type && shape.enum) shape.type = typeof shape.enum[0];
    return shape;
  };
  return resolve;
}

/** allOf: later parts refine earlier ones; properties merge by name, required lists unite. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  const out: Shape = { ...a, ...b };
  // A later part that redefines a field (Tag's read-only `type` made a writable enum) wins.
  if (a.readOnly && !b.readOnly && (b.type !== undefined || b.enum !== undefined))
    delete out.readOnly;
  if (a.properties || b.properties) {
    out.properties = { ...a.properties };
    for (const [k, v] of Object.entries(b.properties ?? {}))
      out.properties[k] = out.properties[k] ? mergeShapes(out.properties[k], v) : v;
  }
  if (a.required || b.required)
    out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  if (a.enum && b.enum) out.enum = b.enum.filter((v) => a.enum!.includes(v));
  if (out.enum && out.enum.length === 0) out.enum = b.enum;
  if (a.ref && b.ref) out.ref = b.ref;
  return out;
}

/** oneOf/anyOf of objects as one object; of scalars, the first variant. */
function uniteVariants(variants: Shape[]): Shape {
  const objects = variants.filter((v) => v.type === "object" || v.properties);
  if (objects.length === 0) return variants[0] ?? {};
  if (objects.length === 1) return objects[0];
  const discriminator = ["type", "kind", "action_type"].find((k) =>
    objects.every((v) => Array.isArray(v.properties?.[k]?.enum)),
  );
  const properties: Record<string, Shape> = {};
  const onlyFor: Record<string, string[]> = {};
  for (const v of objects) {
    const tags = discriminator ? (v.properties![discriminator].enum as string[]) : [];
    for (const [k, p] of Object.entries(v.properties ?? {})) {
      if (k === discriminator) continue;
      properties[k] ??= p;
      onlyFor[k] = [...(onlyFor[k] ?? []), ...tags];
    }
  }
  const required = objects
    .map((v) => v.required ?? [])
    .reduce((acc, r) => acc.filter((k) => r.includes(k)));
  if (discriminator) {
    const values = [
      ...new Set(objects.flatMap((v) => v.properties![discriminator].enum as string[])),
    ];
    properties[discriminator] = { type: "string", enum: values };
    for (const [k, tags] of Object.entries(onlyFor)) {
      if (tags.length >= values.length) delete onlyFor[k];
    }
  }
  return {
    type: "object",
    properties,
    required,
    ...(discriminator ? { discriminator, onlyFor } : {}),
  };
}

/** A reference is {id, type} whose type values all end in _reference (ServiceReference…). */
export function referenceTypes(shape: Shape): string[] | undefined {
  const props = shape.properties;
  if (!props?.id || !props.type) return undefined;
  const values = (props.type.enum ?? (props.type.default ? [props.type.default] : [])) as string[];
  const refs = values.filter((v) => /_reference$/.test(String(v)));
  // EscalationTargetReference also allows the bare kinds (user, schedule): the _reference ones suffice.
  if (refs.length === 0 || (refs.length < values.length && !/Reference$/.test(shape.ref ?? "")))
    return undefined;
  return refs;
}
