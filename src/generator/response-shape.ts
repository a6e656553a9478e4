import type { Json, SpecOperation } from "./openapi-document.js";
import type { Shape } from "./schema-resolve.js";

/** Envelope fields that describe a page, not the data. */
export const PAGE_FIELDS = new Set([
  "offset",
  "limit",
  "more",
  "total",
  "next_cursor",
  "cursor",
  "first",
  "last",
  "response_metadata",
  "privileges",
  "account_id",
  "additional_fields",
]);

/** The success answer of an operation: status, JSON schema (if any) and example (if any). */
export interface SuccessResponse {
  status: string;
  schema?: Shape;
  example?: unknown;
}

/** The first 2xx response, with its JSON body schema resolved. */
export function successResponse(
  op: SpecOperation,
  resolveShape: (node: unknown) => Shape,
): SuccessResponse | undefined {
  const status = Object.keys(op.responses)
    .filter((c) => /^2\d\d$/.test(c))
    .sort()[0];
  if (!status) return undefined;
  const media = (op.responses[status].content ?? {})["application/json"] as Json | undefined;
  if (!media?.schema) return { status };
  const example =
    media.example ?? (Object.values(media.examples ?? {})[0] as Json | undefined)?.value;
  return { status, schema: resolveShape(media.schema), example };
}

/**
 * How the body is unwrapped: `key` is the envelope property that holds the data (the one array
 * of a list, or the one object of a single answer); undefined means the whole body is the data.
 */
export interface Envelope {
  key?: string;
  /** Other data arrays of a list that answers several (tags by entity type). */
  alsoKeys?: string[];
  isList: boolean;
}

/** Finds the data inside PagerDuty's envelope ({"incidents": [...], "more": …} or {"incident": {…}}). */
export function envelopeOf(schema: Shape | undefined): Envelope {
  if (!schema) return { isList: false };
  if (schema.type === "array") return { isList: true };
  const props = Object.entries(schema.properties ?? {}).filter(([k]) => !PAGE_FIELDS.has(k));
  const arrays = props.filter(([, s]) => s.type === "array");
  const hasPaging = Object.keys(schema.properties ?? {}).some(
    (k) => k === "more" || k === "next_cursor" || k === "limit",
  );
  if (arrays.length >= 1 && (props.length === arrays.length || hasPaging || props.length <= 2)) {
    // Lists: one data array (plus page fields); some answers also echo their query (analytics).
    if (arrays.length === 1 || props.length === arrays.length)
      return {
        key: arrays[0][0],
        alsoKeys: arrays.slice(1).map(([k]) => k),
        isList: true,
      };
  }
  if (props.length === 1 && (props[0][1].type === "object" || props[0][1].properties))
    return { key: props[0][0], isList: false };
  const data = props.find(([k]) => k === "data");
  if (data && data[1].type === "array") return { key: "data", isList: true };
  return { isList: false };
}
