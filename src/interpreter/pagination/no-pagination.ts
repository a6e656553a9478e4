import type { Paginator } from "./paginator.js";

/** A list that comes back whole: no arguments added, next_cursor always null. */
export const noPagination: Paginator = {
  type: "none",
  inputProperties: {},
  requestNames: [],
  declared: true,
  pageQuery: () => ({ query: [] }),
  nextCursor: () => null,
};
