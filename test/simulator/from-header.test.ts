import { describe, expect, test } from "vitest";
import { setup } from "./helpers.js";

const MISSING =
  'You must specify a user\'s email address in the "From" header to perform this action';

/** The simulated operations whose PagerDuty spec requires a From header. */
const WRITES: Array<[string, "post" | "put", string, unknown]> = [
  [
    "create incident",
    "post",
    "/incidents",
    {
      incident: {
        type: "incident",
        title: "x",
        service: { id: "SAUTH1", type: "service_reference" },
      },
    },
  ],
  [
    "update incident",
    "put",
    "/incidents/{id}",
    { incident: { type: "incident_reference", status: "acknowledged" } },
  ],
  [
    "bulk update incidents",
    "put",
    "/incidents",
    { incidents: [{ id: "{id}", type: "incident_reference", status: "acknowledged" }] },
  ],
  [
    "merge incidents",
    "put",
    "/incidents/{id}/merge",
    { source_incidents: [{ id: "{other}", type: "incident_reference" }] },
  ],
  ["create note", "post", "/incidents/{id}/notes", { note: { content: "x" } }],
  ["snooze incident", "post", "/incidents/{id}/snooze", { duration: 60 }],
  ["status update", "post", "/incidents/{id}/status_updates", { message: "x" }],
  [
    "resolve alert",
    "put",
    "/incidents/{id}/alerts/{alert}",
    { alert: { type: "alert", status: "resolved" } },
  ],
  [
    "create maintenance window",
    "post",
    "/maintenance_windows",
    {
      maintenance_window: {
        type: "maintenance_window",
        start_time: "2026-11-26T00:00:00Z",
        end_time: "2026-11-26T01:00:00Z",
        services: [{ id: "SAUTH1", type: "service_reference" }],
      },
    },
  ],
];

describe("the From header on writes", () => {
  const fill = (sim: ReturnType<typeof setup>["sim"], text: string) => {
    const open = [...sim.state.incidents.values()].filter((i) => i.status !== "resolved");
    const alert = [...sim.state.alerts.values()].find((a) => a.incident_id === open[0].id)!;
    return text
      .replace("{id}", open[0].id)
      .replace("{other}", open[1].id)
      .replace("{alert}", alert.id);
  };

  test.each(WRITES)(
    "%s: 400 without From, and nothing changes",
    async (_name, method, path, body) => {
      const { sim, post, put } = setup();
      const before = JSON.stringify([...sim.state.incidents.values()]);
      const send = method === "post" ? post : put;
      const res = await send(fill(sim, path), JSON.parse(fill(sim, JSON.stringify(body))));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: { message: "Invalid Input Provided", code: 2001, errors: [MISSING] },
      });
      expect(JSON.stringify([...sim.state.incidents.values()])).toBe(before);
    },
  );

  test.each(WRITES)("%s: 400 when From names no user", async (_name, method, path, body) => {
    const { sim, post, put } = setup();
    const send = method === "post" ? post : put;
    const res = await send(
      fill(sim, path),
      JSON.parse(fill(sim, JSON.stringify(body))),
      "nobody@example.com",
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
    expect(res.body.error.errors[0]).toMatch(/From/);
  });

  test.each(WRITES)(
    "%s: succeeds with a user's email (any case)",
    async (_name, method, path, body) => {
      const { sim, post, put } = setup();
      const send = method === "post" ? post : put;
      const res = await send(
        fill(sim, path),
        JSON.parse(fill(sim, JSON.stringify(body))),
        "Alice@Example.com",
      );
      expect([200, 201]).toContain(res.status);
    },
  );
});
