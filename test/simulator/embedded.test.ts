import { expect, test } from "vitest";
import { listenEmbeddedSimulator } from "../../src/simulator/embedded.js";
import { AUTH } from "./helpers.js";

test("the embedded simulator listens at once, answers requests that come before it has loaded, and names its /users/me email", async () => {
  const sim = await listenEmbeddedSimulator();
  try {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Nothing has called load(): these requests wait for the data, then get PagerDuty's answers.
    const [me, incidents] = await Promise.all([
      fetch(`${sim.url}/users/me`, { headers: AUTH }),
      fetch(`${sim.url}/incidents?statuses[]=triggered`, { headers: AUTH }),
    ]);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(
      sim.currentUserEmail,
    );
    expect(((await incidents.json()) as { incidents: unknown[] }).incidents.length).toBeGreaterThan(
      0,
    );
    // load() returns the same simulator the requests used.
    const loaded = await sim.load();
    expect(loaded.requests.map((r) => r.path).sort()).toEqual(["/incidents", "/users/me"]);
  } finally {
    await sim.close();
  }
  await expect(fetch(`${sim.url}/users/me`, { headers: AUTH })).rejects.toThrow();
});
