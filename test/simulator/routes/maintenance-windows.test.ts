import { describe, expect, test } from "vitest";
import { ADMIN_EMAIL, setup } from "../helpers.js";

const ids = (body: { maintenance_windows: Array<{ id: string }> }) =>
  body.maintenance_windows.map((w) => w.id);
const window = (over: Record<string, unknown> = {}) => ({
  maintenance_window: {
    type: "maintenance_window",
    start_time: "2026-11-26T20:00:00Z",
    end_time: "2026-11-26T22:00:00Z",
    description: "Kernel upgrades",
    services: [{ id: "SAUTH1", type: "service_reference" }],
    ...over,
  },
});

describe("maintenance windows", () => {
  test.each([
    ["", ["PMW0002", "PMW0003", "PMW0001"]],
    ["?filter=all", ["PMW0002", "PMW0003", "PMW0001"]],
    ["?filter=past", ["PMW0002"]],
    ["?filter=ongoing", ["PMW0003"]],
    ["?filter=future", ["PMW0001"]],
    ["?filter=open", ["PMW0003", "PMW0001"]],
    ["?service_ids[]=SDBPRIM", ["PMW0001"]],
    ["?team_ids[]=PTEAMNW", ["PMW0002", "PMW0001"]],
    ["?query=drill", ["PMW0001"]],
  ])("list %s", async (query, expected) => {
    const { get } = setup();
    expect(ids((await get(`/maintenance_windows${query}`)).body)).toEqual(expected);
  });

  test("get one, 404 for unknown", async () => {
    const { get } = setup();
    expect((await get("/maintenance_windows/PMW0001")).body.maintenance_window).toMatchObject({
      id: "PMW0001",
      type: "maintenance_window",
      description: "Database failover drill",
      services: [{ id: "SDBPRIM", type: "service_reference" }],
      created_by: { id: "PUSER08" },
      html_url: "https://acme.pagerduty.com/service-directory/maintenance-windows/PMW0001",
    });
    expect((await get("/maintenance_windows/PNOPE")).status).toBe(404);
  });

  test("create (201, From user as creator), then it is listed", async () => {
    const { get, post } = setup();
    const res = await post("/maintenance_windows", window(), ADMIN_EMAIL);
    expect(res.status).toBe(201);
    expect(res.body.maintenance_window).toMatchObject({
      start_time: "2026-11-26T20:00:00Z",
      end_time: "2026-11-26T22:00:00Z",
      description: "Kernel upgrades",
      sequence_number: 4,
      created_by: { id: "PUSER01" },
      services: [{ id: "SAUTH1" }],
    });
    expect(ids((await get("/maintenance_windows?filter=future")).body)).toContain(
      res.body.maintenance_window.id,
    );
  });

  test.each([
    ["no services", window({ services: [] })],
    ["an unknown service", window({ services: [{ id: "PNOPE", type: "service_reference" }] })],
    ["an end before the start", window({ end_time: "2026-11-26T19:00:00Z" })],
    [
      "an end in the past",
      window({ start_time: "2026-11-20T00:00:00Z", end_time: "2026-11-21T00:00:00Z" }),
    ],
  ])("create refuses %s", async (_name, body) => {
    const { post } = setup();
    const res = await post("/maintenance_windows", body, ADMIN_EMAIL);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(2001);
  });

  test("delete: a future window goes (204), an ongoing one ends now (204), an ended one is 405", async () => {
    const { sim, del } = setup();
    expect((await del("/maintenance_windows/PMW0001")).status).toBe(204);
    expect(sim.state.maintenanceWindows.has("PMW0001")).toBe(false);
    expect((await del("/maintenance_windows/PMW0003")).status).toBe(204);
    expect(sim.state.maintenanceWindows.get("PMW0003")?.end_time).toBe("2026-11-25T12:00:00Z");
    const ended = await del("/maintenance_windows/PMW0002");
    expect(ended.status).toBe(405);
    expect(sim.state.maintenanceWindows.has("PMW0002")).toBe(true);
    expect((await del("/maintenance_windows/PNOPE")).status).toBe(404);
  });
});
