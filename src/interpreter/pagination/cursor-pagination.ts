import type { CursorPagination } from "../../config/types/resource.js";
import { upstreamKey, wrapKey } from "./cursor-codec.js";
import {
  FOREIGN_CURSOR,
  pagingProperties,
  placePaging,
  readPath,
  type Paginator,
} from "./paginator.js";

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
    pageQuery(args) {
      const values: Array<[string, string | number]> = [
        [limitParam, (args.limit as number | undefined) ?? defaultLimit],
      ];
      if (typeof args.cursor === "string") {
        const upstream = upstreamKey(args.cursor, "cursor");
        if (upstream === undefined) return { problems: [FOREIGN_CURSOR] };
        values.push([cursorParam, upstream]);
      }
      return placePaging(config.in, values);
    },
    nextCursor: (body) => wrapKey("cursor", readPath(body, nextField)),
  };
}
