import { createResolver } from "../../src/generator/openapi-document.js";

type Json = Record<string, any>;

/**
 * A copy of the description whose schemas ajv (JSON Schema draft-07) reads the way OpenAPI 3.0
 * means them for requests:
 * - boolean exclusiveMinimum/exclusiveMaximum (3.0) become draft-07 numbers;
 * - `nullable` without a `type` (meaningless to ajv, which then refuses the schema) is dropped;
 * - a read-only property listed in `required` is required in answers only ("If the property is
 *   marked as readOnly being true and is in the required list, the required will take effect on
 *   the response only"), so it is taken out of `required`, also across allOf parts;
 * - a oneOf with a discriminator mapping picks its variant by the discriminator's value: each
 *   variant then requires that property with its mapped value(s), so a body matches exactly the
 *   variant it names (plain JSON Schema would let a body match every open variant).
 */
export function forRequests(spec: Json): Json {
  const copy = structuredClone(spec) as Json;
  const deref = createResolver(copy);
  const seen = new Set<Json>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object" || seen.has(node as Json)) return;
    seen.add(node as Json);
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Json;
    exclusiveBounds(n);
    if ("nullable" in n && n.type === undefined) delete n.nullable;
    if (Array.isArray(n.allOf)) {
      const parts = n.allOf.map(deref).filter(Boolean) as Json[];
      const readOnly = new Map<string, boolean>();
      for (const part of parts)
        for (const [k, v] of Object.entries<Json>(part.properties ?? {}))
          readOnly.set(k, deref(v)?.readOnly === true);
      for (const part of parts) dropRequired(part, (k) => readOnly.get(k) === true);
      // `required` written beside allOf names properties its parts declare.
      if (!n.properties) dropRequired(n, (k) => readOnly.get(k) === true);
    }
    discriminatorMapping(n);
    if (n.properties && Array.isArray(n.required))
      dropRequired(n, (k) => deref(n.properties[k] ?? {})?.readOnly === true);
    for (const value of Object.values(n)) walk(value);
  };
  walk(copy);
  return copy;
}

function exclusiveBounds(n: Json): void {
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof n[exclusive] !== "boolean") continue;
    if (n[exclusive] && typeof n[bound] === "number") {
      n[exclusive] = n[bound];
      delete n[bound];
    } else delete n[exclusive];
  }
}

function dropRequired(n: Json, isReadOnly: (key: string) => boolean): void {
  if (!Array.isArray(n.required)) return;
  n.required = n.required.filter((k: string) => !isReadOnly(k));
  if (n.required.length === 0) delete n.required;
}

/** oneOf + discriminator.mapping: variant i requires propertyName with the values mapped to it. */
function discriminatorMapping(n: Json): void {
  const d = n.discriminator;
  if (!Array.isArray(n.oneOf) || !d?.propertyName || !d.mapping) return;
  n.oneOf = n.oneOf.map((variant: Json) => {
    const values = Object.entries<string>(d.mapping)
      .filter(([, target]) => target === variant.$ref)
      .map(([value]) => value);
    if (values.length === 0) return variant;
    return {
      allOf: [
        variant,
        { properties: { [d.propertyName]: { enum: values } }, required: [d.propertyName] },
      ],
    };
  });
}
