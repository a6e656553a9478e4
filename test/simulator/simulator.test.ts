import request from "supertest";
import { describe, expect, test } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";

const sim = createSimulator({ now: () => new Date("2026-11-25T12:00:00Z") });
const auth = {
  Authorization: "Token token=test",
  Accept: "application/vnd.pagerduty+json;version=2",
};
const get = (path: string) => request(sim.handler).get(path).set(auth);

describe("PagerDuty semantics of the simulator", () => {
  test("401 with PagerDuty's error body without a token", async () => {
    const res = await request(sim.handler).get("/incidents");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { message: "Unauthorized", code: 2006 } });
  });

  test("writes that need From are refused without it", async () => {
    const res = await request(sim.handler)
      .post("/incidents/Q001SAUTH1SIM/notes")
      .set(auth)
      .send({ note: { content: "x" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
    expect(res.body.error.errors[0]).toMatch(/From/);
  });

  test("classic paging: limit, offset, more, total only when asked; the default window is 30 days", async () => {
    const first = await get("/incidents?limit=10&total=true");
    expect(first.body).toMatchObject({ limit: 10, offset: 0, more: true, total: 48 });
    const all = await get("/incidents?limit=100&date_range=all");
    expect(all.body.incidents).toHaveLength(54);
    expect(all.body.total).toBeNull();
    expect((await get("/incidents?limit=500")).body.limit).toBe(100);
  });

  test("offsets past PagerDuty's 10,000-record window are refused", async () => {
    const res = await get("/incidents?offset=9990&limit=25");
    expect(res.status).toBe(400);
  });

  test("array filters arrive as key[]", async () => {
    const res = await get(
      "/incidents?statuses[]=triggered&statuses[]=acknowledged&urgencies[]=high&date_range=all",
    );
    expect(res.body.incidents.length).toBeGreaterThan(0);
    expect(
      res.body.incidents.every(
        (i: { status: string; urgency: string }) => i.status !== "resolved" && i.urgency === "high",
      ),
    ).toBe(true);
  });

  test("audit records page with PagerDuty's cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(
        `/audit/records?limit=8${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...res.body.records.map((r: { id: string }) => r.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(30);
  });

  test("someone is on call for Network Infrastructure now", async () => {
    const res = await get("/oncalls?schedule_ids[]=PNETINF");
    expect(res.body.oncalls).toHaveLength(1);
    expect(res.body.oncalls[0]).toMatchObject({
      escalation_level: 1,
      schedule: { id: "PNETINF", summary: "Network Infrastructure" },
    });
  });

  test("a 429 fault carries PagerDuty's headers once, then normal answers return", async () => {
    sim.fault({ status: 429 });
    const limited = await get("/priorities");
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({ "ratelimit-limit": "960", "ratelimit-remaining": "0" });
    expect(Number(limited.headers["ratelimit-reset"])).toBeGreaterThan(0);
    expect(limited.body).toEqual({ error: { message: "Rate Limit Exceeded", code: 2020 } });
    expect((await get("/priorities")).status).toBe(200);
  });

  test("create is 201 and the incident is then listed, assigned by its policy", async () => {
    const res = await request(sim.handler)
      .post("/incidents")
      .set({ ...auth, From: "alice@example.com" })
      .send({
        incident: {
          type: "incident",
          title: "Disk full",
          service: { id: "SAUTH1", type: "service_reference" },
          urgency: "high",
        },
      });
    expect(res.status).toBe(201);
    expect(res.body.incident).toMatchObject({
      status: "triggered",
      urgency: "high",
      service: { id: "SAUTH1", summary: "Authentication Service" },
    });
    expect(res.body.incident.assignments).toHaveLength(1);
    const listed = await get("/incidents?statuses[]=triggered&limit=100");
    expect(listed.body.incidents.map((i: { id: string }) => i.id)).toContain(res.body.incident.id);
  });
});
