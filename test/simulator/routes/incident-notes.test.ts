import { describe, expect, test } from "vitest";
import { ADMIN_EMAIL, setup } from "../helpers.js";

describe("incident notes", () => {
  test("a created note (201) is in the state and in the list, oldest first", async () => {
    const { sim, get, post } = setup();
    const incident = [...sim.state.incidents.values()].at(-1)!;
    const first = await post(
      `/incidents/${incident.id}/notes`,
      { note: { content: "Rolled back deploy 4121." } },
      "dan@example.com",
    );
    expect(first.status).toBe(201);
    expect(first.body.note).toEqual({
      id: expect.stringMatching(/^P[A-Z0-9]{13}$/),
      user: expect.objectContaining({ id: "PUSER04", type: "user_reference", summary: "Dan Diaz" }),
      channel: { summary: "The PagerDuty website or APIs" },
      content: "Rolled back deploy 4121.",
      created_at: "2026-11-25T12:00:00Z",
      updated_at: "2026-11-25T12:00:00Z",
    });
    await post(
      `/incidents/${incident.id}/notes`,
      { note: { content: "Error rate is back to normal." } },
      ADMIN_EMAIL,
    );
    expect(sim.state.notes.get(incident.id)?.map((n) => n.content)).toEqual([
      "Rolled back deploy 4121.",
      "Error rate is back to normal.",
    ]);
    const listed = await get(`/incidents/${incident.id}/notes`);
    expect(listed.status).toBe(200);
    expect(listed.body.notes.map((n: { content: string }) => n.content)).toEqual([
      "Rolled back deploy 4121.",
      "Error rate is back to normal.",
    ]);
  });

  test("seeded notes are listed; an incident without notes lists none", async () => {
    const { sim, get } = setup();
    const [withNotes] = sim.state.notes.keys();
    expect((await get(`/incidents/${withNotes}/notes`)).body.notes).toHaveLength(1);
    const without = [...sim.state.incidents.keys()].find((id) => !sim.state.notes.has(id))!;
    expect((await get(`/incidents/${without}/notes`)).body).toEqual({ notes: [] });
  });

  test.each([
    ["no note", {}],
    ["empty content", { note: { content: " " } }],
    ["content that is not text", { note: { content: 42 } }],
    ["content over 25,000 characters", { note: { content: "x".repeat(25_001) } }],
  ])("400 for %s", async (_name, body) => {
    const { sim, post } = setup();
    const id = [...sim.state.incidents.keys()][0];
    const res = await post(`/incidents/${id}/notes`, body, ADMIN_EMAIL);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
    expect(sim.state.notes.get(id)).toBeUndefined();
  });

  test("404 for an unknown incident", async () => {
    const { get, post } = setup();
    expect((await get("/incidents/QNOPE/notes")).status).toBe(404);
    expect(
      (await post("/incidents/QNOPE/notes", { note: { content: "x" } }, ADMIN_EMAIL)).status,
    ).toBe(404);
  });
});
