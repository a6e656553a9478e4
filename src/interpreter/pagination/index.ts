import type { Method } from "../../config/types/resource.js";
import { afterBeforePagination } from "./after-before-pagination.js";
import { cursorPagination } from "./cursor-pagination.js";
import { limitMorePagination } from "./limit-more-pagination.js";
import { noPagination } from "./no-pagination.js";
import { offsetPagination } from "./offset-pagination.js";
import type { Paginator } from "./paginator.js";

export type { Paginator } from "./paginator.js";

/** Picks the strategy a list method declares (none when it declares nothing). */
export function paginatorFor(pagination: Method["pagination"]): Paginator {
  switch (pagination?.type) {
    case "offset":
      return offsetPagination(pagination);
    case "cursor":
      return cursorPagination(pagination);
    case "limit_more":
      return limitMorePagination(pagination);
    case "after_before":
      return afterBeforePagination(pagination);
    default:
      return noPagination;
  }
}
