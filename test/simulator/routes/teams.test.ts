import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("teams", () => {
  test("list (query filters), get, 404", async () => {
    const { get } = setup();
    expect((await get("/teams")).body).toMatchObject({
      teams: [
        { id: "PTEAMNW", type: "team", name: "Network Operations" },
        { id: "PTEAMPL", type: "team", name: "Platform" },
      ],
      limit: 25,
      offset: 0,
      more: false,
      total: null,
    });
    expect((await get("/teams?query=plat")).body.teams.map((t: { id: string }) => t.id)).toEqual([
      "PTEAMPL",
    ]);
    expect((await get("/teams/PTEAMNW")).body.team).toMatchObject({
      id: "PTEAMNW",
      summary: "Network Operations",
      default_role: "manager",
    });
    expect((await get("/teams/PNOPE")).status).toBe(404);
  });
});
