import type { AfterBeforePagination } from "../../config/types/resource.js";
import { upstreamKey, wrapKey } from "./cursor-codec.js";
import {
  FOREIGN_CURSOR,
  pagingProperties,
  placePaging,
  readPath,
  type Paginator,
} from "./paginator.js";

/**
 * Keyset paging (analytics): the next page starts after the key of this page's last record
 * (`starting_after` = `last`), until `more` is false or no key comes back. Our cursor wraps that
 * key. Only forward paging is offered, so before_param (ending_before) is never sent.
 */
export function afterBeforePagination(config: AfterBeforePagination): Paginator {
  const defaultLimit = config.default_limit ?? 25;
  const maxLimit = config.max_limit ?? 100;
  const afterParam = config.after_param ?? "starting_after";
  const limitParam = config.limit_param ?? "limit";
  const lastField = config.last_field ?? "last";
  const moreField = config.more_field ?? "more";
  return {
    type: "after_before",
    inputProperties: pagingProperties(defaultLimit, maxLimit),
    requestNames: [limitParam, afterParam],
    declared: config.declared ?? true,
    pageQuery(args) {
      const values: Array<[string, string | number]> = [
        [limitParam, (args.limit as number | undefined) ?? defaultLimit],
      ];
      if (typeof args.cursor === "string") {
        const after = upstreamKey(args.cursor, "after");
        if (after === undefined) return { problems: [FOREIGN_CURSOR] };
        values.push([afterParam, after]);
      }
      return placePaging(config.in, values);
    },
    // Analytics say more: false at the end; lists without a more flag end when no key comes back.
    nextCursor: (body) =>
      readPath(body, moreField) === false ? null : wrapKey("after", readPath(body, lastField)),
  };
}
