import { describe, expect, test } from "vitest";
import { cursorPage } from "../../src/simulator/cursor-paging.js";

const items = Array.from({ length: 10 }, (_, n) => ({ id: `R${n}` }));
const key = (x: { id: string }) => x.id;

describe("cursor pages", () => {
  test("following next_cursor covers every item once; the last page has next_cursor null", () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const paged = cursorPage(items, key, cursor, 3)!;
      seen.push(...paged.page.map(key));
      expect(paged.envelope.limit).toBe(3);
      cursor = paged.envelope.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(items.map(key));
  });

  test("items added before the cursor do not repeat or shift the next page", () => {
    const first = cursorPage(items, key, undefined, 4)!;
    const grown = [{ id: "NEW" }, ...items];
    const second = cursorPage(grown, key, first.envelope.next_cursor!, 4)!;
    expect(second.page.map(key)).toEqual(["R4", "R5", "R6", "R7"]);
  });

  test.each([
    ["garbage", "!!"],
    ["base64 of something else", Buffer.from("x").toString("base64url")],
  ])("a cursor that is %s is refused", (_name, cursor) => {
    expect(cursorPage(items, key, cursor, 3)).toBeNull();
  });
});
