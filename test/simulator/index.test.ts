import request from "supertest";
import { describe, expect, test } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import { AUTH, NOW, setup } from "./helpers.js";

describe("request recording", () => {
  test("every request is recorded in order with literal query keys, lowercase headers and body, 401s and faults included", async () => {
    const { sim, get, post } = setup();
    await request(sim.handler).get("/incidents");
    sim.fault({ status: 503 });
    await get("/incidents?statuses[]=triggered&statuses[]=acknowledged&limit=5");
    await post("/incidents/123/notes", { note: { content: "hello" } }, "alice@example.com");
    expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
      ["GET", "/incidents"],
      ["GET", "/incidents"],
      ["POST", "/incidents/123/notes"],
    ]);
    expect(sim.requests[1].query).toEqual({
      "statuses[]": ["triggered", "acknowledged"],
      limit: "5",
    });
    expect(sim.requests[1].rawQuery).toBe("statuses[]=triggered&statuses[]=acknowledged&limit=5");
    expect(sim.requests[2].headers.from).toBe("alice@example.com");
    expect(sim.requests[2].headers.authorization).toBe("Token token=test-token");
    expect(sim.requests[2].body).toEqual({ note: { content: "hello" } });
  });

  test("a body that is not JSON is recorded without a body and refused with PagerDuty's 400", async () => {
    const { sim } = setup();
    const res = await request(sim.handler)
      .post("/incidents")
      .set({ ...AUTH, "Content-Type": "application/json" })
      .send("{not json");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0].body).toBeUndefined();
  });
});

describe("faults", () => {
  test("fault({status: 429}) sends PagerDuty's rate-limit headers and error once, then normal answers return", async () => {
    const { sim, get } = setup();
    sim.fault({ status: 429 });
    const limited = await get("/priorities");
    expect(limited.status).toBe(429);
    expect(limited.headers["ratelimit-limit"]).toBe("960");
    expect(limited.headers["ratelimit-remaining"]).toBe("0");
    expect(Number(limited.headers["ratelimit-reset"])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({ error: { message: "Rate Limit Exceeded", code: 2020 } });
    const next = await get("/priorities");
    expect(next.status).toBe(200);
    expect(next.body.priorities).toHaveLength(5);
  });

  test("given headers replace the defaults; times answers that many requests", async () => {
    const { sim, get } = setup();
    sim.fault({ status: 429, times: 2, headers: { "ratelimit-reset": "42" } });
    const a = await get("/users");
    const b = await get("/users");
    const c = await get("/users");
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers["ratelimit-reset"]).toBe("42");
    expect(a.headers["ratelimit-remaining"]).toBe("0");
  });

  test("other statuses get PagerDuty's error body for the status, or the given body", async () => {
    const { sim, get } = setup();
    sim.fault({ status: 503 });
    sim.fault({ status: 500, body: { error: { message: "boom", code: 9 } } });
    const a = await get("/services");
    const b = await get("/services");
    expect(a.status).toBe(503);
    expect(a.body).toEqual({ error: { message: "Internal Server Error", code: 2000 } });
    expect(b.status).toBe(500);
    expect(b.body).toEqual({ error: { message: "boom", code: 9 } });
  });

  test("faults come before authentication, and POST /oauth/token is never faulted", async () => {
    const sim = createSimulator({ now: () => NOW, oauthClients: { c: "s" } });
    sim.fault({ status: 502 });
    const token = await request(sim.handler)
      .post("/oauth/token")
      .type("form")
      .send({ grant_type: "client_credentials", client_id: "c", client_secret: "s" });
    expect(token.status).toBe(200);
    const unauthenticated = await request(sim.handler).get("/services");
    expect(unauthenticated.status).toBe(502);
  });

  test("status 0 answers nothing: the connection is dropped", async () => {
    const { sim } = setup();
    const server = await sim.listen(0);
    try {
      sim.fault({ status: 0 });
      await expect(fetch(`${server.url}/services`, { headers: AUTH })).rejects.toThrow();
      const ok = await fetch(`${server.url}/services`, { headers: AUTH });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test("a 2xx fault without a body delays normal handling", async () => {
    const { sim, get } = setup();
    sim.fault({ status: 200, delayMs: 120 });
    const started = Date.now();
    const res = await get("/priorities");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(res.status).toBe(200);
    expect(res.body.priorities).toHaveLength(5);
  });
});

describe("latency, rate-limit headers and listening", () => {
  test("setLatency delays every response until reset to 0", async () => {
    const { sim, get } = setup();
    sim.setLatency(120);
    let started = Date.now();
    await get("/teams");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    sim.setLatency(0);
    started = Date.now();
    await get("/teams");
    expect(Date.now() - started).toBeLessThan(100);
  });

  test("normal answers carry ratelimit-limit, a decreasing ratelimit-remaining and ratelimit-reset", async () => {
    const { get } = setup();
    const a = await get("/teams");
    const b = await get("/teams");
    expect(a.headers["ratelimit-limit"]).toBe("960");
    expect(Number(a.headers["ratelimit-remaining"])).toBe(959);
    expect(Number(b.headers["ratelimit-remaining"])).toBe(958);
    expect(Number(a.headers["ratelimit-reset"])).toBe(60);
  });

  test("unknown routes are PagerDuty's 404, naming the operation the simulator lacks", async () => {
    const { get } = setup();
    const res = await get("/no/such/thing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        message: "Not Found",
        code: 2100,
        errors: [
          "The PagerDuty simulator does not implement GET /no/such/thing; a real PagerDuty account answers it.",
        ],
      },
    });
  });

  test("listen serves on 127.0.0.1 on a random port and close() stops it", async () => {
    const { sim } = setup();
    const server = await sim.listen();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/users/me`, { headers: AUTH });
    expect(((await res.json()) as { user: { email: string } }).user.email).toBe(
      "alice@example.com",
    );
    await server.close();
    await expect(fetch(`${server.url}/users/me`, { headers: AUTH })).rejects.toThrow();
  });
});
