import { describe, expect, test } from "vitest";
import { pageAll, setup } from "./helpers.js";

describe("classic pagination", () => {
  test("defaults: limit 25, offset 0, more, total null unless total=true", async () => {
    const { get } = setup();
    const res = await get("/incidents?date_range=all");
    expect(res.body).toMatchObject({ limit: 25, offset: 0, more: true, total: null });
    expect(res.body.incidents).toHaveLength(25);
    const counted = await get("/incidents?date_range=all&total=true");
    expect(counted.body.total).toBe(54);
  });

  test("limit is capped at 100", async () => {
    const { get } = setup();
    const res = await get("/incidents?date_range=all&limit=500");
    expect(res.body.limit).toBe(100);
    expect(res.body.incidents).toHaveLength(54);
    expect(res.body.more).toBe(false);
  });

  test("paging to the end yields every incident exactly once", async () => {
    const { sim, get } = setup();
    const { items, pages } = await pageAll<{ id: string }>(
      get,
      "/incidents?date_range=all",
      "incidents",
      7,
    );
    expect(pages).toBe(8);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...sim.state.incidents.keys()].sort());
  });

  test("the last page says more: false; past the end is an empty page", async () => {
    const { get } = setup();
    const last = await get("/incidents?date_range=all&limit=10&offset=50");
    expect(last.body.incidents).toHaveLength(4);
    expect(last.body.more).toBe(false);
    const beyond = await get("/incidents?date_range=all&limit=10&offset=60");
    expect(beyond.body.incidents).toEqual([]);
    expect(beyond.body.more).toBe(false);
  });

  test.each([
    ["offset + limit past 10,000", "offset=9990&limit=25"],
    ["a negative offset", "offset=-1"],
    ["a limit that is not a number", "limit=ten"],
    ["a zero limit", "limit=0"],
  ])("400 for %s", async (_name, query) => {
    const { get } = setup();
    const res = await get(`/incidents?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
    expect(res.body.error.errors).toHaveLength(1);
  });

  test("offset + limit of exactly 10,000 is allowed", async () => {
    const { get } = setup();
    const res = await get("/incidents?offset=9900&limit=100");
    expect(res.status).toBe(200);
    expect(res.body.incidents).toEqual([]);
  });
});
