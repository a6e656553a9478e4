import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("users", () => {
  test("list by name; query matches names and emails; team_ids[] filters", async () => {
    const { get } = setup();
    const all = (await get("/users")).body;
    expect(all.users.length).toBeGreaterThanOrEqual(8);
    expect(all.users.map((u: { name: string }) => u.name)).toEqual(
      all.users.map((u: { name: string }) => u.name).sort(),
    );
    expect((await get("/users?query=carol")).body.users.map((u: { id: string }) => u.id)).toEqual([
      "PUSER03",
    ]);
    expect(
      (await get("/users?query=hiro@example")).body.users.map((u: { id: string }) => u.id),
    ).toEqual(["PUSER08"]);
    expect(
      (await get("/users?team_ids[]=PTEAMNW")).body.users.map((u: { id: string }) => u.id),
    ).toEqual(["PUSER02", "PUSER03", "PUSER08"]);
  });

  test("/users/me is the admin whose token it is; /users/{id} one user", async () => {
    const { get } = setup();
    const me = (await get("/users/me")).body.user;
    expect(me).toMatchObject({
      id: "PUSER01",
      type: "user",
      name: "Alice Admin",
      email: "alice@example.com",
      role: "admin",
      teams: [{ id: "PTEAMPL", type: "team_reference" }],
      contact_methods: [
        expect.objectContaining({ type: "email_contact_method_reference" }),
        expect.anything(),
      ],
    });
    expect((await get("/users/PUSER02")).body.user.email).toBe("bob@example.com");
    expect((await get("/users/PNOPE")).status).toBe(404);
  });
});
