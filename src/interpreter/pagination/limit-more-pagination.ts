import type { LimitMorePagination } from "../../config/types/resource.js";
import { limitProperty, readPath, type Paginator } from "./paginator.js";

/**
 * A list that takes a page size and says whether more exists, with no offset or cursor to reach
 * the rest: only a limit argument, next_cursor always null, and `truncated` when upstream says
 * more, so the model narrows its filters instead of paging.
 */
export function limitMorePagination(config: LimitMorePagination): Paginator {
  const defaultLimit = config.default_limit ?? 25;
  const maxLimit = config.max_limit ?? 100;
  const limitParam = config.limit_param ?? "limit";
  const moreField = config.more_field ?? "more";
  const limit = limitProperty(defaultLimit, maxLimit);
  return {
    type: "limit_more",
    inputProperties: {
      limit: {
        ...limit,
        description: `${limit.description} The list cannot be paged: when the result says truncated, narrow the filters.`,
      },
    },
    requestNames: [limitParam],
    declared: config.declared ?? true,
    pageQuery: (args) => ({
      query: [[limitParam, String((args.limit as number | undefined) ?? defaultLimit)]],
    }),
    nextCursor: () => null,
    truncated: (body) => readPath(body, moreField) === true,
  };
}
