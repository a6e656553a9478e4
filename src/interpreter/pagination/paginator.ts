import type { JsonSchemaProperty } from "../input-schema.js";
import { upstreamKey } from "./cursor-codec.js";

/** Query pairs a paginator adds to the upstream request. */
export type QueryPairs = Array<[string, string]>;

/** What one page adds to the upstream request: query pairs, or top-level body fields. */
export interface PageRequest {
  query: QueryPairs;
  /** Fields merged into the top level of the JSON body (paging sent in the body). */
  body?: Record<string, unknown>;
}

/**
 * One pagination strategy. The set is closed (offset, cursor, limit_more, after_before, none),
 * chosen by the `pagination` object of a method, one small module each. Each adds its own
 * arguments to the tool and reads its own fields from upstream's body to make the opaque
 * next_cursor.
 */
export interface Paginator {
  readonly type: "offset" | "cursor" | "limit_more" | "after_before" | "none";
  /** Extra tool arguments (limit, cursor). */
  readonly inputProperties: Record<string, JsonSchemaProperty>;
  /** Upstream names of the paging values it sends (for the contract test). */
  readonly requestNames: readonly string[];
  /** False when the API description does not declare those names (pagination.declared). */
  readonly declared: boolean;
  /** What to send for this page; returns problems instead when the arguments cannot be honoured. */
  pageQuery(args: Record<string, unknown>): PageRequest | { problems: string[] };
  /** The next_cursor for the page just received, or null at the end. */
  nextCursor(body: unknown, args: Record<string, unknown>): string | null;
  /** True when upstream has more records that no cursor can reach (limit_more). */
  truncated?(body: unknown): boolean;
}

export const CURSOR_DESCRIPTION =
  "The previous page's next_cursor, unchanged (same other arguments); omit for the first page.";

export const FOREIGN_CURSOR =
  "cursor is not a next_cursor returned by this tool: pass next_cursor back unchanged, or omit it for the first page";

/** The limit argument of a paginated list. */
export function limitProperty(defaultLimit: number, maxLimit: number): JsonSchemaProperty {
  return {
    type: "integer",
    minimum: 1,
    maximum: maxLimit,
    description: `Page size, 1 to ${maxLimit}. Default ${defaultLimit}.`,
  };
}

/** The limit and cursor arguments every list that can be paged takes. */
export function pagingProperties(
  defaultLimit: number,
  maxLimit: number,
): Record<string, JsonSchemaProperty> {
  return {
    limit: limitProperty(defaultLimit, maxLimit),
    cursor: { type: "string", description: CURSOR_DESCRIPTION },
  };
}

/** Reads a dotted path (`meta.next_cursor`) from a parsed JSON body. */
export function readPath(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Puts named paging values in the query string or the body, as the method says. */
export function placePaging(
  where: "query" | "body" | undefined,
  values: Array<[string, string | number]>,
): PageRequest {
  if (where === "body") return { query: [], body: Object.fromEntries(values) };
  return { query: values.map(([k, v]) => [k, String(v)]) };
}

/**
 * The request of a list paged by an upstream key (cursor, after_before): the page size, plus the
 * key our cursor carries when the model passes one back.
 */
export function keyedPage(
  args: Record<string, unknown>,
  options: {
    kind: "cursor" | "after";
    limitParam: string;
    keyParam: string;
    defaultLimit: number;
    in?: "query" | "body";
  },
): PageRequest | { problems: string[] } {
  const values: Array<[string, string | number]> = [
    [options.limitParam, (args.limit as number | undefined) ?? options.defaultLimit],
  ];
  if (typeof args.cursor === "string") {
    const key = upstreamKey(args.cursor, options.kind);
    if (key === undefined) return { problems: [FOREIGN_CURSOR] };
    values.push([options.keyParam, key]);
  }
  return placePaging(options.in, values);
}
