import { expect, test } from "vitest";
import { boundedMemo } from "../../src/http/bounded-memo.js";

test("computes each input once, remembers undefined results too, and starts over past max", () => {
  const calls: string[] = [];
  const memo = boundedMemo((s: string) => {
    calls.push(s);
    return s === "none" ? undefined : s.length;
  }, 3);
  expect([memo("a"), memo("bb"), memo("a"), memo("none"), memo("none")]).toEqual([
    1,
    2,
    1,
    undefined,
    undefined,
  ]);
  expect(calls).toEqual(["a", "bb", "none"]);
  // The fourth distinct input clears what was remembered.
  expect(memo("cccc")).toBe(4);
  expect(memo("a")).toBe(1);
  expect(calls).toEqual(["a", "bb", "none", "cccc", "a"]);
});
