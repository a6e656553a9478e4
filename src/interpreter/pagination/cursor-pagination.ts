import type { CursorPagination } from "../../config/types/resource.js";
import { wrapKey } from "./cursor-codec.js";
import { keyedPage, pagingProperties, readPath, type Paginator } from "./paginator.js";

/**
 * Upstream's own cursor (audit records: limit, cursor, next_cursor); our cursor wraps upstream's.
 * The request and response names and where they travel (query or body) are configurable.
 */
export function cursorPagination(config: CursorPagination): Paginator {
  const defaultLimit = config.default_limit ?? 25;
  const maxLimit = config.max_limit ?? 100;
  const cursorParam = config.cursor_param ?? "cursor";
  const limitParam = config.limit_param ?? "limit";
  const nextField = config.next_cursor_field ?? "next_cursor";
  return {
    type: "cursor",
    inputProperties: pagingProperties(defaultLimit, maxLimit),
    requestNames: [limitParam, cursorParam],
    declared: config.declared ?? true,
    pageQuery: (args) =>
      keyedPage(args, {
        kind: "cursor",
        limitParam,
        keyParam: cursorParam,
        defaultLimit,
        in: config.in,
      }),
    nextCursor: (body) => wrapKey("cursor", readPath(body, nextField)),
  };
}
