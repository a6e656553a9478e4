import request from "supertest";
import { describe, expect, test } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import { NOW, testClock } from "./helpers.js";

const UNAUTHORIZED = { error: { message: "Unauthorized", code: 2006 } };

describe("authentication", () => {
  test.each([
    ["no header", undefined],
    ["an empty token", "Token token="],
    ["a bare token", "abc"],
    ["an unknown bearer token", "Bearer nope"],
  ])("401 with %s", async (_name, header) => {
    const sim = createSimulator({ now: () => NOW });
    const req = request(sim.handler).get("/users");
    const res = await (header ? req.set("Authorization", header) : req);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
  });

  test("any non-empty API key works unless apiToken is set; then only that one", async () => {
    const open = createSimulator({ now: () => NOW });
    expect(
      (await request(open.handler).get("/users").set("Authorization", "Token token=whatever"))
        .status,
    ).toBe(200);
    const strict = createSimulator({ now: () => NOW, apiToken: "right" });
    const wrong = await request(strict.handler)
      .get("/users")
      .set("Authorization", "Token token=wrong");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(UNAUTHORIZED);
    const right = await request(strict.handler)
      .get("/users")
      .set("Authorization", "Token token=right");
    expect(right.status).toBe(200);
  });

  test("a bearer token from /oauth/token works until it expires", async () => {
    const clock = testClock();
    const sim = createSimulator({
      now: clock.now,
      oauthClients: { app: "secret" },
      oauthTokenTtlSeconds: 60,
    });
    const issued = await request(sim.handler)
      .post("/oauth/token")
      .send({ grant_type: "client_credentials", client_id: "app", client_secret: "secret" });
    const bearer = `Bearer ${issued.body.access_token}`;
    expect((await request(sim.handler).get("/users/me").set("Authorization", bearer)).status).toBe(
      200,
    );
    clock.advance(59_000);
    expect((await request(sim.handler).get("/users/me").set("Authorization", bearer)).status).toBe(
      200,
    );
    clock.advance(1_000);
    const expired = await request(sim.handler).get("/users/me").set("Authorization", bearer);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(UNAUTHORIZED);
  });
});
