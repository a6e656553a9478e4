import { describe, expect, test } from "vitest";
import { ADMIN_EMAIL, setup } from "../helpers.js";

describe("POST /incidents/{id}/status_updates", () => {
  test("200 with the status update, kept in the state", async () => {
    const { sim, post } = setup();
    const id = [...sim.state.incidents.keys()].at(-1)!;
    const res = await post(
      `/incidents/${id}/status_updates`,
      { message: "Mitigated; monitoring." },
      ADMIN_EMAIL,
    );
    expect(res.status).toBe(200);
    expect(res.body.status_update).toMatchObject({
      message: "Mitigated; monitoring.",
      sender: { id: "PUSER01", type: "user_reference" },
      created_at: "2026-11-25T12:00:00Z",
      subject: null,
      html_message: null,
    });
    expect(sim.state.statusUpdates.get(id)?.map((u) => u.message)).toEqual([
      "Mitigated; monitoring.",
    ]);
  });

  test.each([
    ["no message", {}],
    ["a subject without html_message", { message: "x", subject: "s" }],
  ])("400 for %s", async (_name, body) => {
    const { sim, post } = setup();
    const id = [...sim.state.incidents.keys()][0];
    expect((await post(`/incidents/${id}/status_updates`, body, ADMIN_EMAIL)).status).toBe(400);
  });
});
