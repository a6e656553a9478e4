import type { JsonSchemaProperty } from "../input-schema.js";

/** Query pairs a paginator adds to the upstream request. */
export type QueryPairs = Array<[string, string]>;

/**
 * One pagination strategy. The set is closed: offset, cursor and none, chosen by the `pagination`
 * object of a list method. Each adds its own arguments to the tool and reads its own fields from
 * upstream's body to make the opaque next_cursor.
 */
export interface Paginator {
  readonly type: "offset" | "cursor" | "none";
  /** Extra tool arguments (limit, cursor). */
  readonly inputProperties: Record<string, JsonSchemaProperty>;
  /** Query pairs for this page; returns problems instead when the arguments cannot be honoured. */
  pageQuery(args: Record<string, unknown>): { query: QueryPairs } | { problems: string[] };
  /** The next_cursor for the page just received, or null at the end. */
  nextCursor(body: unknown, args: Record<string, unknown>): string | null;
}

export const CURSOR_DESCRIPTION =
  "The previous page's next_cursor, unchanged (same other arguments); omit for the first page.";

/** The limit and cursor arguments every paginated list takes. */
export function pagingProperties(
  defaultLimit: number,
  maxLimit: number,
): Record<string, JsonSchemaProperty> {
  return {
    limit: {
      type: "integer",
      minimum: 1,
      maximum: maxLimit,
      description: `Page size, 1 to ${maxLimit}. Default ${defaultLimit}.`,
    },
    cursor: { type: "string", description: CURSOR_DESCRIPTION },
  };
}
