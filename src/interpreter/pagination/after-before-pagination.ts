import type { AfterBeforePagination } from "../../config/types/resource.js";
import { wrapKey } from "./cursor-codec.js";
import { keyedPage, pagingProperties, readPath, type Paginator } from "./paginator.js";

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
    pageQuery: (args) =>
      keyedPage(args, {
        kind: "after",
        limitParam,
        keyParam: afterParam,
        defaultLimit,
        in: config.in,
      }),
    // Analytics say more: false at the end; lists without a more flag end when no key comes back.
    nextCursor: (body) =>
      readPath(body, moreField) === false ? null : wrapKey("after", readPath(body, lastField)),
  };
}
