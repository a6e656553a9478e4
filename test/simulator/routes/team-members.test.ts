import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("team members", () => {
  test("list members with roles; add a user, change a role, remove a user", async () => {
    const { get, put, del } = setup();
    const members = (await get("/teams/PTEAMNW/members")).body.members;
    expect(members).toEqual(
      expect.arrayContaining([
        { user: expect.objectContaining({ id: "PUSER08" }), role: "manager" },
        { user: expect.objectContaining({ id: "PUSER02" }), role: "responder" },
      ]),
    );
    expect((await put("/teams/PTEAMNW/users/PUSER05", { role: "observer" })).status).toBe(204);
    expect((await get("/users/PUSER05")).body.user.teams.map((t: { id: string }) => t.id)).toEqual([
      "PTEAMPL",
      "PTEAMNW",
    ]);
    const after = (await get("/teams/PTEAMNW/members")).body.members;
    expect(after.find((m: { user: { id: string } }) => m.user.id === "PUSER05").role).toBe(
      "observer",
    );
    expect((await del("/teams/PTEAMNW/users/PUSER05")).status).toBe(204);
    expect((await del("/teams/PTEAMNW/users/PUSER05")).status).toBe(404);
  });

  test("an unknown role is refused; unknown teams and users are 404", async () => {
    const { put } = setup();
    expect((await put("/teams/PTEAMNW/users/PUSER05", { role: "boss" })).body.error.errors).toEqual(
      ["Role must be one of observer, responder, manager"],
    );
    expect((await put("/teams/PNOPE/users/PUSER05", {})).status).toBe(404);
    expect((await put("/teams/PTEAMNW/users/PNOPE", {})).status).toBe(404);
  });
});
