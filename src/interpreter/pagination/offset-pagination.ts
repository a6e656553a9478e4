import type { OffsetPagination } from "../../config/types/resource.js";
import { decodeCursor, encodeCursor } from "./cursor-codec.js";
import { FOREIGN_CURSOR, pagingProperties, type Paginator } from "./paginator.js";

/** PagerDuty's classic limit/offset/more paging; the cursor encodes the next offset. */
export function offsetPagination(config: OffsetPagination): Paginator {
  const defaultLimit = config.default_limit ?? 25;
  const maxLimit = config.max_limit ?? 100;
  const maxOffset = config.max_offset ?? 10000;
  return {
    type: "offset",
    inputProperties: pagingProperties(defaultLimit, maxLimit),
    requestNames: ["limit", "offset"],
    declared: config.declared ?? true,
    pageQuery(args) {
      const limit = (args.limit as number | undefined) ?? defaultLimit;
      let offset = 0;
      if (typeof args.cursor === "string") {
        const state = decodeCursor(args.cursor);
        if (!state || state.k !== "offset" || !Number.isInteger(state.o) || state.o! < 0) {
          return { problems: [FOREIGN_CURSOR] };
        }
        offset = state.o!;
      }
      if (offset + limit > maxOffset) {
        return {
          problems: [
            `PagerDuty returns at most the first ${maxOffset} records of a list (offset ${offset} + limit ${limit} is past that): narrow the search with since/until or other filters instead of paging further`,
          ],
        };
      }
      return {
        query: [
          ["limit", String(limit)],
          ["offset", String(offset)],
        ],
      };
    },
    nextCursor(body, args) {
      const page = body as { more?: boolean; offset?: number; limit?: number } | undefined;
      if (!page || page.more !== true) return null;
      const limit =
        typeof page.limit === "number"
          ? page.limit
          : ((args.limit as number | undefined) ?? defaultLimit);
      const offset = typeof page.offset === "number" ? page.offset : 0;
      return encodeCursor({ k: "offset", o: offset + limit });
    },
  };
}
