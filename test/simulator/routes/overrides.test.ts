import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

const override = (start: string, end: string, user = "PUSER01") => ({
  start,
  end,
  user: { id: user, type: "user_reference" },
});

describe("schedule overrides", () => {
  test("created overrides answer 201 with a status per override; refused ones carry errors", async () => {
    const { sim, post } = setup();
    const res = await post("/schedules/PNETINF/overrides", {
      overrides: [
        override("2026-11-25T11:00:00Z", "2026-11-25T15:00:00Z"),
        override("2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z"),
        override("2026-11-27T10:00:00Z", "2026-11-27T12:00:00Z", "PNOPE"),
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(3);
    expect(res.body[0]).toEqual({
      status: 201,
      override: {
        id: expect.stringMatching(/^Q/),
        start: "2026-11-25T11:00:00Z",
        end: "2026-11-25T15:00:00Z",
        user: expect.objectContaining({ id: "PUSER01", type: "user_reference" }),
      },
    });
    expect(res.body[1]).toMatchObject({
      status: 400,
      errors: ["Override must end after its start"],
    });
    expect(res.body[2].status).toBe(400);
    expect([...sim.state.overrides.values()]).toHaveLength(1);
  });

  test("an override covering now changes who /oncalls says is on call", async () => {
    const { get, post } = setup();
    const before = (await get("/oncalls?schedule_ids[]=PNETINF")).body.oncalls;
    expect(before.map((o: { user: { id: string } }) => o.user.id)).toEqual(["PUSER02"]);
    await post("/schedules/PNETINF/overrides", {
      overrides: [override("2026-11-25T11:00:00Z", "2026-11-25T15:00:00Z")],
    });
    const after = (await get("/oncalls?schedule_ids[]=PNETINF")).body.oncalls;
    expect(
      after.map((o: { user: { id: string }; start: string; end: string }) => [
        o.user.id,
        o.start,
        o.end,
      ]),
    ).toEqual([["PUSER01", "2026-11-25T11:00:00Z", "2026-11-25T15:00:00Z"]]);
  });

  test("the list needs since and until and shows overrides in the window, cut at it unless overflow=true", async () => {
    const { get, post } = setup();
    await post("/schedules/PNETINF/overrides", {
      overrides: [override("2026-11-26T08:00:00Z", "2026-11-26T20:00:00Z")],
    });
    const missing = await get("/schedules/PNETINF/overrides?since=2026-11-25T00:00:00Z");
    expect(missing.status).toBe(400);
    expect(missing.body.error.errors).toEqual(["until is required."]);
    const cut = await get(
      "/schedules/PNETINF/overrides?since=2026-11-26T00:00:00Z&until=2026-11-26T12:00:00Z",
    );
    expect(cut.body.overrides.map((o: { start: string; end: string }) => [o.start, o.end])).toEqual(
      [["2026-11-26T08:00:00Z", "2026-11-26T12:00:00Z"]],
    );
    const whole = await get(
      "/schedules/PNETINF/overrides?since=2026-11-26T00:00:00Z&until=2026-11-26T12:00:00Z&overflow=true",
    );
    expect(whole.body.overrides[0].end).toBe("2026-11-26T20:00:00Z");
    const none = await get(
      "/schedules/PNETINF/overrides?since=2026-11-27T00:00:00Z&until=2026-11-28T00:00:00Z",
    );
    expect(none.body).toEqual({ overrides: [] });
  });

  test("deleting a future override removes it (204); one under way is ended now (200)", async () => {
    const { sim, post, del } = setup();
    const created = await post("/schedules/PNETINF/overrides", {
      overrides: [
        override("2026-11-25T11:00:00Z", "2026-11-25T15:00:00Z"),
        override("2026-11-26T11:00:00Z", "2026-11-26T15:00:00Z"),
      ],
    });
    const [current, future] = created.body.map((r: { override: { id: string } }) => r.override.id);
    expect((await del(`/schedules/PNETINF/overrides/${future}`)).status).toBe(204);
    expect(sim.state.overrides.has(future)).toBe(false);
    expect((await del(`/schedules/PNETINF/overrides/${current}`)).status).toBe(200);
    expect(sim.state.overrides.get(current)?.end).toBe("2026-11-25T12:00:00Z");
    expect((await del(`/schedules/PNETINF/overrides/${future}`)).status).toBe(404);
    expect((await del(`/schedules/PPLATFM/overrides/${current}`)).status).toBe(404);
  });

  test("404 for an unknown schedule", async () => {
    const { post, get } = setup();
    expect((await post("/schedules/PNOPE/overrides", { overrides: [] })).status).toBe(404);
    expect(
      (
        await get(
          "/schedules/PNOPE/overrides?since=2026-11-25T00:00:00Z&until=2026-11-26T00:00:00Z",
        )
      ).status,
    ).toBe(404);
  });
});
