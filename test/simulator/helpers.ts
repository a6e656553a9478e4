import request from "supertest";
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../../src/simulator/index.js";

/** The fixed "now" of simulator tests. */
export const NOW = new Date("2026-11-25T12:00:00Z");

export const AUTH = {
  Authorization: "Token token=test-token",
  Accept: "application/vnd.pagerduty+json;version=2",
};

/** A clock tests can move. */
export function testClock(start = NOW) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/** A seeded simulator at NOW (or on the given clock), with request helpers. */
export function setup(options: SimulatorOptions = {}) {
  const sim = createSimulator({ now: () => NOW, ...options });
  return { sim, ...client(sim) };
}

/** Authenticated requests against a simulator; `from` sets the From header. */
export function client(sim: Simulator) {
  const withFrom = (from?: string) => (from ? { ...AUTH, From: from } : AUTH);
  return {
    get: (path: string) => request(sim.handler).get(path).set(AUTH),
    post: (path: string, body: unknown, from?: string) =>
      request(sim.handler)
        .post(path)
        .set(withFrom(from))
        .send(body as object),
    put: (path: string, body: unknown, from?: string) =>
      request(sim.handler)
        .put(path)
        .set(withFrom(from))
        .send(body as object),
    del: (path: string, from?: string) => request(sim.handler).delete(path).set(withFrom(from)),
  };
}

/** Every item of a classic-paginated list, page by page. */
export async function pageAll<T>(
  get: (path: string) => request.Test,
  path: string,
  key: string,
  limit: number,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let offset = 0;
  let pages = 0;
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await get(`${path}${sep}limit=${limit}&offset=${offset}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    items.push(...(res.body[key] as T[]));
    pages++;
    if (!res.body.more) return { items, pages };
    offset += limit;
  }
}

export const ADMIN_EMAIL = "alice@example.com";
