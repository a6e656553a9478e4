import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

type Page = {
  records: Array<{
    id: string;
    execution_time: string;
    action: string;
    root_resource: { type: string };
  }>;
  limit: number;
  next_cursor: string | null;
};

describe("GET /audit/records (cursor pagination)", () => {
  test("following next_cursor covers every record once, newest first; the last page has next_cursor null", async () => {
    const { sim, get } = setup();
    const seen: Page["records"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/audit/records?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as Page;
      expect(page.limit).toBe(7);
      expect(res.body).not.toHaveProperty("offset");
      seen.push(...page.records);
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(sim.state.auditRecords.length / 7));
    expect(seen.map((r) => r.id).sort()).toEqual(sim.state.auditRecords.map((a) => a.id).sort());
    expect(seen.map((r) => r.execution_time)).toEqual(
      seen
        .map((r) => r.execution_time)
        .sort()
        .reverse(),
    );
  });

  test("the default page is 10 records; a record has PagerDuty's shape", async () => {
    const { get } = setup();
    const res = await get("/audit/records");
    expect(res.body.records).toHaveLength(10);
    expect(res.body.next_cursor).toEqual(expect.any(String));
    expect(res.body.records[0]).toMatchObject({
      id: "PAUD0001",
      execution_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      actors: [{ type: "user_reference" }],
      method: { type: expect.any(String) },
      root_resource: { type: "service_reference", id: "SAUTH1" },
      action: "update",
      details: {
        fields: [{ name: "acknowledgement_timeout", before_value: "600", value: "1800" }],
      },
    });
  });

  test("filters: root_resource_types[], actions[], actor_id, since/until", async () => {
    const { get } = setup();
    const users = (await get("/audit/records?root_resource_types[]=users&limit=100")).body as Page;
    expect(users.records.length).toBeGreaterThan(0);
    expect(users.records.every((r) => r.root_resource.type === "user_reference")).toBe(true);
    const creates = (await get("/audit/records?actions[]=create&limit=100")).body as Page;
    expect(creates.records.every((r) => r.action === "create")).toBe(true);
    const narrow = (
      await get("/audit/records?since=2026-11-25T10:00:00Z&until=2026-11-25T12:00:00Z&limit=100")
    ).body as Page;
    expect(narrow.records.map((r) => r.id)).toEqual(["PAUD0001", "PAUD0002", "PAUD0003"]);
  });

  test.each([
    ["an invalid cursor", "cursor=not-ours"],
    ["a window over 31 days", "since=2026-09-01T00:00:00Z&until=2026-11-01T00:00:00Z"],
    ["an unknown resource type", "root_resource_types[]=incidents"],
    ["a zero limit", "limit=0"],
  ])("400 for %s", async (_name, query) => {
    const { get } = setup();
    const res = await get(`/audit/records?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
  });
});
