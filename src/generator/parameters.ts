import { describeField, labelOf } from "./field-descriptions.js";
import type { Json, SpecOperation } from "./openapi-document.js";
import type { Shape } from "./schema-resolve.js";
import {
  ID_MAX_LENGTH,
  ID_PATTERN,
  toValueSchema,
  type ConvertContext,
  type ValueSchema,
} from "./value-schema.js";
import { humanize, singular } from "./words.js";

/** One parameter as resource files write it. */
export interface ParameterDoc {
  in: "path" | "query" | "body";
  name?: string;
  description: string;
  required?: boolean;
  style?: "brackets" | "comma" | "repeat";
  schema: ValueSchema;
}

/** Query keys the pagination strategy sends itself (or that only ask for a count). */
export const PAGING_QUERY = new Set(["limit", "offset", "cursor", "total", "after", "before"]);

/** The tool that lists a collection, by collection path (e.g. "/users" -> list_all_pager_duty_users). */
export type ListToolFinder = (collectionPath: string) => string | undefined;

const isParam = (s: string) => s.startsWith("{");

/**
 * Path parameters: `{id}` at the end of the path is the resource's own `id`; an `{id}` earlier is
 * named for the collection before it (`/users/{id}/contact_methods` -> user_id). Every path
 * argument is required, length-limited and matches an ID pattern (or its enum).
 */
export function pathParameters(
  op: SpecOperation,
  ownsLastId: boolean,
  resolveShape: (n: unknown) => Shape,
  listToolFor: ListToolFinder,
): Record<string, ParameterDoc> {
  const segments = op.path.split("/").filter(Boolean);
  const out: Record<string, ParameterDoc> = {};
  segments.forEach((segment, i) => {
    if (!isParam(segment)) return;
    const upstream = segment.slice(1, -1);
    const isLast = i === segments.length - 1;
    const statics = segments.slice(0, i).filter((s) => !isParam(s));
    const arg = upstream === "id" && !(isLast && ownsLastId) ? parentIdName(statics) : upstream;
    const spec = op.parameters.find((p) => p.in === "path" && p.name === upstream);
    const shape = resolveShape(spec?.schema ?? { type: "string" });
    const schema: ValueSchema = Array.isArray(shape.enum)
      ? { type: "string", enum: shape.enum }
      : {
          type: "string",
          pattern: ID_PATTERN,
          maxLength: ID_MAX_LENGTH,
          examples: [exampleId(arg)],
        };
    const collection = `/${segments.slice(0, i).join("/")}`;
    const finder = listToolFor(collection);
    const what =
      upstream === "id"
        ? humanize(singular(statics[statics.length - 1] ?? "record"))
        : humanize(upstream.replace(/_id$/, ""));
    const description = Array.isArray(shape.enum)
      ? `${labelOf(arg)}: one of ${shape.enum.join(", ")}.`
      : `ID of the ${what}${finder ? `{{tool:${finder}| (find it with {})}}` : ""}.`;
    out[arg] = {
      in: "path",
      ...(arg !== upstream ? { name: upstream } : {}),
      required: true,
      description,
      schema,
    };
  });
  return out;
}

/** `/users/{id}/...` -> user_id; `/automation_actions/actions/{id}` -> automation_action_id. */
function parentIdName(statics: string[]): string {
  const last = singular(statics[statics.length - 1] ?? "entity").replace(/^v3_/, "");
  const before = statics.length > 1 ? singular(statics[statics.length - 2]) : "";
  const base = before.endsWith(`_${last}`) ? before : last;
  return `${base === "v3" ? "schedule" : base}_id`;
}

/** An example ID that fits {@link ID_PATTERN}, recognisable per argument. */
export function exampleId(arg: string): string {
  const letters = arg
    .replace(/_id$|_ids$/, "")
    .replace(/[^a-z]/g, "")
    .toUpperCase();
  return `P${(letters + "XXXXX").slice(0, 6)}`;
}

/** Our wording for query parameters that recur across the API. */
const KNOWN_QUERY: Record<string, string> = {
  since: "Start of the time window (ISO 8601 date-time, e.g. 2026-01-15T09:00:00Z).",
  until: "End of the time window (ISO 8601 date-time).",
  query: "Only records whose name contains this text (case-insensitive).",
  time_zone: "Time zone of the times in the answer (IANA name such as America/New_York).",
  date_range: "all: search the whole history instead of since/until.",
  include: "Related records to embed in full in the answer",
  sort_by: "Sort order",
};

/**
 * Query parameters (paging keys excluded): `name[]` becomes the array argument `name` sent as
 * name[]=a&name[]=b; other arrays are sent comma-separated when the description says so (form,
 * not exploded), else repeated (name=a&name=b).
 */
export function queryParameters(
  op: SpecOperation,
  skip: Set<string>,
  resolveShape: (n: unknown) => Shape,
  ctx: ConvertContext,
  listToolFor: ListToolFinder,
): Record<string, ParameterDoc> {
  const out: Record<string, ParameterDoc> = {};
  for (const p of op.parameters.filter((q: Json) => q.in === "query")) {
    const upstream = String(p.name);
    const bracketed = upstream.endsWith("[]");
    const base = bracketed ? upstream.slice(0, -2) : upstream;
    if (skip.has(base)) continue;
    let shape = resolveShape(p.schema ?? { type: "string" });
    if (bracketed && shape.type !== "array")
      shape = { type: "array", items: shape, uniqueItems: shape.uniqueItems };
    const schema = toValueSchema(shape, base, ctx);
    if (!schema) continue;
    const arg = base.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
    const style: ParameterDoc["style"] | undefined =
      schema.type !== "array"
        ? undefined
        : bracketed
          ? "brackets"
          : p.style === "form" && p.explode === false
            ? "comma"
            : "repeat";
    out[arg] = {
      in: "query",
      ...(arg !== base ? { name: base } : {}),
      ...(p.required ? { required: true } : {}),
      ...(style && style !== "brackets" ? { style } : {}),
      description: queryDescription(arg, shape, schema, listToolFor),
      schema,
    };
  }
  return out;
}

function queryDescription(
  arg: string,
  shape: Shape,
  schema: ValueSchema,
  listToolFor: ListToolFinder,
): string {
  const known = KNOWN_QUERY[arg];
  const items = schema.items as ValueSchema | undefined;
  const values = (schema.enum ?? items?.enum) as unknown[] | undefined;
  if (known && known.endsWith(".")) return known;
  if (known) return `${known}${values ? `: ${values.join(", ")}` : ""}.`;
  const ids = arg.match(/^(.*)_ids$/);
  if (ids) {
    const finder = listToolFor(`/${ids[1].replace(/y$/, "ie")}s`);
    return `Only records linked to any of these ${humanize(ids[1])}s (IDs${finder ? `{{tool:${finder}|; find them with {}}}` : ""}).`;
  }
  const id = arg.match(/^(.*)_id$/);
  if (id) return `Only records of this ${humanize(id[1])} (ID).`;
  return describeField(arg, shape, schema);
}
