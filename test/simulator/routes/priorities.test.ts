import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("GET /priorities", () => {
  test("P1 to P5, highest first, paginated", async () => {
    const { get } = setup();
    const res = await get("/priorities");
    expect(res.body.priorities.map((p: { name: string }) => p.name)).toEqual([
      "P1",
      "P2",
      "P3",
      "P4",
      "P5",
    ]);
    expect(res.body.priorities[0]).toMatchObject({
      id: "PPRIO1",
      type: "priority",
      summary: "P1",
      self: "https://api.pagerduty.com/priorities/PPRIO1",
    });
    expect(res.body).toMatchObject({ limit: 25, offset: 0, more: false });
  });
});
