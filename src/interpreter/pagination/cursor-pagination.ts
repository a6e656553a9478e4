import type { CursorPagination } from "../../config/types/resource.js";
import { decodeCursor, encodeCursor } from "./cursor-codec.js";
import { pagingProperties, type Paginator } from "./paginator.js";

/** PagerDuty's limit/cursor/next_cursor paging (audit records); our cursor wraps upstream's. */
export function cursorPagination(config: CursorPagination): Paginator {
  const defaultLimit = config.default_limit ?? 25;
  const maxLimit = config.max_limit ?? 100;
  return {
    type: "cursor",
    inputProperties: pagingProperties(defaultLimit, maxLimit),
    pageQuery(args) {
      const query: Array<[string, string]> = [
        ["limit", String((args.limit as number | undefined) ?? defaultLimit)],
      ];
      if (typeof args.cursor === "string") {
        const state = decodeCursor(args.cursor);
        if (!state || state.k !== "cursor" || typeof state.c !== "string") {
          return {
            problems: [
              "cursor is not a next_cursor returned by this tool: pass next_cursor back unchanged, or omit it for the first page",
            ],
          };
        }
        query.push(["cursor", state.c]);
      }
      return { query };
    },
    nextCursor(body) {
      const next = (body as { next_cursor?: unknown } | undefined)?.next_cursor;
      return typeof next === "string" && next !== ""
        ? encodeCursor({ k: "cursor", c: next })
        : null;
    },
  };
}
