import request from "supertest";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";

const clients = { "client-1": "s3cret" };

describe("POST /oauth/token (client_credentials)", () => {
  afterEach(() => vi.useRealTimers());

  test("a form-encoded request gets a bearer token with the default one-hour lifetime", async () => {
    const sim = createSimulator({ oauthClients: clients });
    const res = await request(sim.handler).post("/oauth/token").type("form").send({
      grant_type: "client_credentials",
      client_id: "client-1",
      client_secret: "s3cret",
      scope: "incidents.read schedules.read",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: "bearer",
      expires_in: 3600,
      scope: "incidents.read schedules.read",
    });
  });

  test("JSON bodies and HTTP Basic client authentication are accepted too", async () => {
    const sim = createSimulator({ oauthClients: clients });
    const json = await request(sim.handler)
      .post("/oauth/token")
      .send({ grant_type: "client_credentials", client_id: "client-1", client_secret: "s3cret" });
    expect(json.status).toBe(200);
    const basic = await request(sim.handler)
      .post("/oauth/token")
      .auth("client-1", "s3cret")
      .type("form")
      .send({ grant_type: "client_credentials" });
    expect(basic.status).toBe(200);
    expect(basic.body.access_token).not.toBe(json.body.access_token);
  });

  test.each([
    ["a wrong secret", { client_id: "client-1", client_secret: "nope" }],
    ["an unknown client", { client_id: "client-2", client_secret: "s3cret" }],
    ["no credentials", {}],
  ])("401 invalid_client with %s", async (_name, creds) => {
    const sim = createSimulator({ oauthClients: clients });
    const res = await request(sim.handler)
      .post("/oauth/token")
      .type("form")
      .send({ grant_type: "client_credentials", ...creds });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
  });

  test("other grant types are refused with 400 unsupported_grant_type", async () => {
    const sim = createSimulator({ oauthClients: clients });
    const res = await request(sim.handler)
      .post("/oauth/token")
      .type("form")
      .send({ grant_type: "password", client_id: "client-1", client_secret: "s3cret" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("unsupported_grant_type");
  });

  test("tokens expire on the real clock too (fake timers)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
    const sim = createSimulator({ oauthClients: clients, oauthTokenTtlSeconds: 10 });
    const { body } = await request(sim.handler)
      .post("/oauth/token")
      .send({ grant_type: "client_credentials", client_id: "client-1", client_secret: "s3cret" });
    const call = () =>
      request(sim.handler).get("/priorities").set("Authorization", `Bearer ${body.access_token}`);
    expect((await call()).status).toBe(200);
    vi.setSystemTime(new Date("2026-11-25T12:00:10Z"));
    expect((await call()).status).toBe(401);
  });
});
