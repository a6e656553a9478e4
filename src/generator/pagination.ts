import type { SpecOperation } from "./openapi-document.js";
import type { Shape } from "./schema-resolve.js";

/** A list method's pagination as resource files write it, plus what it takes over. */
export interface PaginationPlan {
  doc?: Record<string, unknown>;
  /** Query keys the strategy sends itself (not exposed as arguments). */
  query: Set<string>;
  /** Body fields the strategy sends itself. */
  body: Set<string>;
}

/**
 * Picks the paging style of a list from what the operation declares (limit/offset, cursor,
 * after/before, analytics' starting_after in the body) or, when it declares nothing, from the
 * page fields its answer carries (offset/more, next_cursor, more).
 */
export function paginationFor(op: SpecOperation, response: Shape | undefined): PaginationPlan {
  const query = new Map(
    op.parameters.filter((p) => p.in === "query").map((p) => [String(p.name), p] as const),
  );
  const answer = new Set(Object.keys(response?.properties ?? {}));
  const limits = limitOf(query.get("limit")?.schema);
  const body = bodyFields(op);

  if (query.has("offset"))
    return {
      doc: { type: "offset", ...limits },
      query: new Set(["limit", "offset", "total"]),
      body: new Set(),
    };
  if (query.has("cursor"))
    return {
      doc: { type: "cursor", ...limits },
      query: new Set(["limit", "cursor"]),
      body: new Set(),
    };
  // after/before keys (GET /alert_grouping_settings): the answer's `after` holds the next page's
  // key while there is one (no `more`, no `last`).
  if (query.has("after") || query.has("before"))
    return {
      doc: {
        type: "after_before",
        in: "query",
        after_param: "after",
        before_param: "before",
        last_field: "after",
        ...limits,
      },
      query: new Set(["limit", "after", "before", "total"]),
      body: new Set(),
    };
  if (body.has("starting_after"))
    return {
      doc: { type: "after_before", in: "body", ...limitOf(body.get("limit")) },
      query: new Set(),
      body: new Set(["limit", "starting_after", "ending_before"]),
    };
  if (query.has("limit"))
    return {
      doc: { type: "limit_more", ...limits },
      query: new Set(["limit", "total"]),
      body: new Set(),
    };
  // Lists that page without declaring how: their answers carry the page fields.
  if (answer.has("offset") && answer.has("more"))
    return { doc: { type: "offset", declared: false }, query: new Set(), body: new Set() };
  if (answer.has("next_cursor"))
    return { doc: { type: "cursor", declared: false }, query: new Set(), body: new Set() };
  if (answer.has("more") && answer.has("limit"))
    return { doc: { type: "limit_more", declared: false }, query: new Set(), body: new Set() };
  return { query: new Set(), body: new Set() };
}

function bodyFields(op: SpecOperation): Map<string, unknown> {
  const schema = op.requestBody?.content?.["application/json"]?.schema;
  return new Map(Object.entries((schema?.properties ?? {}) as Record<string, unknown>));
}

/** default_limit and max_limit from the limit parameter's schema (25 and 100 when it is silent). */
function limitOf(schema: unknown): { default_limit: number; max_limit: number } {
  const s = (schema ?? {}) as { default?: unknown; maximum?: unknown };
  const max = typeof s.maximum === "number" ? s.maximum : 100;
  const def = typeof s.default === "number" ? Math.min(s.default, max) : Math.min(25, max);
  return { default_limit: def, max_limit: max };
}
