import { createHttpClient } from "../src/upstream/http-client.js";
import { leanClient } from "./lean-client.js";
import { round, spread, type Spread } from "./stats.js";

/** One way of sending the upstream GETs, measured in this process. */
export interface ClientFigures {
  client: string;
  calls_per_second: Spread;
  cpu_us_per_call: Spread;
}

/**
 * The upstream client on its own, in this process, against the fixed upstream: node:http with a
 * keep-alive agent (what the service used before), the service's undici client, and undici with
 * HTTP/1.1 pipelining on few connections. 8 callers; CPU per call from process.cpuUsage();
 * alternated over rounds like the hot path.
 */
export async function measureUpstreamClients(
  url: string,
  headers: Record<string, string>,
  options: { rounds: number; calls: number },
): Promise<ClientFigures[]> {
  const node = leanClient(64);
  const clients: Array<[string, () => Promise<boolean>]> = [
    [
      "node:http agent (keep-alive, 64 sockets)",
      () => node.request(new URL(url), "GET", headers).then((r) => r.status === 200),
    ],
  ];
  for (const [name, opts] of [
    ["undici Agent (64 connections, no pipelining)", {}],
    ["undici Agent, pipelining 4 on 2 connections", { maxSockets: 2, pipelining: 4 }],
    ["undici Agent, pipelining 8 on 1 connection", { maxSockets: 1, pipelining: 8 }],
  ] as const) {
    const http = createHttpClient(opts);
    clients.push([
      name,
      () =>
        http({ method: "GET", url: new URL(url), headers, timeoutMs: 10_000 }).then(
          (r) => r.status === 200,
        ),
    ]);
  }
  const results = new Map<string, { cps: number[]; cpu: number[] }>();
  for (let r = 0; r < options.rounds; r++) {
    for (const [name, call] of clients) {
      for (let i = 0; i < 100; i++) await call();
      let issued = 0;
      let failures = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (issued++ < options.calls) if (!(await call())) failures++;
        }),
      );
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (failures > 0) throw new Error(`${name}: ${failures} failed calls`);
      const entry = results.get(name) ?? { cps: [], cpu: [] };
      entry.cps.push((options.calls / ms) * 1000);
      entry.cpu.push(round((cpu.user + cpu.system) / options.calls, 1));
      results.set(name, entry);
    }
  }
  node.close();
  return [...results].map(([client, v]) => ({
    client,
    calls_per_second: spread(v.cps, 0),
    cpu_us_per_call: spread(v.cpu, 1),
  }));
}
