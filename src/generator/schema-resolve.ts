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
  /** For a united oneOf: property name -> discriminator values of the variants requiring it. */
  requiredFor?: Record<string, string[]>;
  /** For a united oneOf without a discriminator: the required keys of each variant. */
  variantRequired?: string[][];
  /** Types of a scalar union this shape (its string form) cannot carry. */
  otherTypes?: string[];
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
        uniteVariants(
          variants.map((v: unknown) => resolve(v, depth + 1)),
          variantTags(variants, n.discriminator),
        ),
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

/** The spec's discriminator: its property and, from its mapping, the values naming each variant. */
interface Discriminator {
  name: string;
  tags: string[][];
}

/**
 * A discriminator with a mapping that names every variant. Without a mapping OpenAPI names the
 * variants by schema name, which PagerDuty's values are not: the type-like enum is used instead.
 */
function variantTags(variants: unknown[], discriminator: unknown): Discriminator | undefined {
  const d = discriminator as { propertyName?: unknown; mapping?: Record<string, string> };
  if (typeof d?.propertyName !== "string" || !d.mapping) return undefined;
  const mapping = Object.entries(d.mapping);
  const tags = variants.map((v) =>
    mapping.filter(([, target]) => target === (v as Json)?.$ref).map(([value]) => value),
  );
  return tags.every((t) => t.length > 0) ? { name: d.propertyName, tags } : undefined;
}

/**
 * oneOf/anyOf of objects as one object: an enum property naming the variant (the spec's
 * discriminator, required then, or a type-like enum every variant has) plus the variants' fields,
 * each optional unless every variant requires it; `onlyFor` and `requiredFor` record which
 * variants have or require a field (descriptions say so). A field several variants declare as
 * different objects becomes one object of all their fields. Scalars: the string variant if any
 * (recording the types it leaves out), else the first.
 */
function uniteVariants(variants: Shape[], declared?: Discriminator): Shape {
  const objects = variants.filter((v) => v.type === "object" || v.properties);
  if (objects.length === 0) return scalarUnion(variants);
  if (objects.length === 1) return objects[0];
  const discriminator =
    declared?.name ??
    ["type", "kind", "action_type"].find((k) =>
      objects.every((v) => Array.isArray(v.properties?.[k]?.enum)),
    );
  const tagsOf = (v: Shape, i: number): string[] =>
    declared?.tags[variants.indexOf(v)] ??
    (discriminator ? ((v.properties?.[discriminator]?.enum as string[]) ?? []) : [`#${i}`]);
  const properties: Record<string, Shape> = {};
  const onlyFor: Record<string, string[]> = {};
  const requiredFor: Record<string, string[]> = {};
  const declarations: Record<string, Array<{ shape: Shape; tags: string[] }>> = {};
  objects.forEach((v, i) => {
    const tags = tagsOf(v, i);
    for (const [k, p] of Object.entries(v.properties ?? {})) {
      if (k === discriminator) continue;
      (declarations[k] ??= []).push({ shape: p, tags });
      onlyFor[k] = [...new Set([...(onlyFor[k] ?? []), ...tags])];
    }
    for (const k of v.required ?? [])
      if (k !== discriminator) requiredFor[k] = [...new Set([...(requiredFor[k] ?? []), ...tags])];
  });
  for (const [k, decls] of Object.entries(declarations))
    properties[k] = uniteField(decls, discriminator);
  const required = objects
    .map((v) => v.required ?? [])
    .reduce((acc, r) => acc.filter((k) => r.includes(k)));
  if (!discriminator) {
    const variantRequired = objects.map((v) => v.required ?? []);
    const differ = variantRequired.some((r) => r.join() !== variantRequired[0].join());
    return { type: "object", properties, required, ...(differ ? { variantRequired } : {}) };
  }
  const values = [...new Set(objects.flatMap((v, i) => tagsOf(v, i)))];
  properties[discriminator] = { type: "string", enum: values };
  for (const [k, tags] of Object.entries(onlyFor))
    if (tags.length >= values.length) delete onlyFor[k];
  for (const k of required) delete requiredFor[k];
  // The spec's discriminator picks the variant: a body must name it.
  if (declared && !required.includes(discriminator)) required.push(discriminator);
  return { type: "object", properties, required, discriminator, onlyFor, requiredFor };
}

/**
 * The variants' declarations of one field: when they declare different objects, one object of
 * all their fields, each saying (onlyFor/requiredFor, by the outer discriminator's values) which
 * variants have or require it; otherwise the first declaration.
 */
function uniteField(
  decls: Array<{ shape: Shape; tags: string[] }>,
  discriminator: string | undefined,
): Shape {
  const first = decls[0].shape;
  const objects = decls.filter((d) => d.shape.properties && !referenceTypes(d.shape));
  const distinct = new Set(objects.map((d) => JSON.stringify(d.shape)));
  if (objects.length < 2 || distinct.size < 2 || !discriminator) return first;
  const properties: Record<string, Shape> = {};
  const onlyFor: Record<string, string[]> = {};
  const requiredFor: Record<string, string[]> = {};
  for (const { shape, tags } of objects) {
    for (const [k, p] of Object.entries(shape.properties ?? {})) {
      properties[k] ??= p;
      onlyFor[k] = [...new Set([...(onlyFor[k] ?? []), ...tags])];
    }
    for (const k of shape.required ?? [])
      requiredFor[k] = [...new Set([...(requiredFor[k] ?? []), ...tags])];
  }
  const required = objects
    .map((d) => d.shape.required ?? [])
    .reduce((acc, r) => acc.filter((k) => r.includes(k)));
  const all = new Set(objects.flatMap((d) => d.tags));
  for (const [k, tags] of Object.entries(onlyFor)) if (tags.length >= all.size) delete onlyFor[k];
  for (const k of required) delete requiredFor[k];
  return { ...first, properties, required, discriminator, onlyFor, requiredFor };
}

function scalarUnion(variants: Shape[]): Shape {
  const text = variants.find((v) => v.type === "string" && !v.format && !v.enum);
  if (!text) return variants[0] ?? {};
  const others = [...new Set(variants.map((v) => v.type).filter((t) => t && t !== "string"))];
  const nullable = variants.some((v) => v.nullable);
  return {
    ...text,
    ...(nullable ? { nullable: true } : {}),
    ...(others.length > 0 ? { otherTypes: others as string[] } : {}),
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
