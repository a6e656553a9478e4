import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../bench/processes.js";
import { createApiToken } from "../../src/config/api-tokens/index.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import {
  call,
  post,
  runLoad,
  summarize,
  type CallPlan,
  type CallResult,
} from "../helpers/mcp-load.js";
import { findNginx, startNginx, type Nginx } from "../helpers/nginx.js";
import { startReplica, startSimulatorProcess, type Replica } from "../helpers/replicas.js";

// nginx (the shipped deploy/nginx/pd-mcp-proxy.conf) on 127.0.0.1 in front of 3 replicas of the
// built service, which share one servers.d, one API tokens file and one PagerDuty (the simulator
// in its own process). Figures go to the test output and bench/README.md.
const NGINX = findNginx();
const UNDER_CI = process.env.CI === "true";
const MISSING =
  "scale-out test skipped: nginx is not installed (apt-get install nginx, or set NGINX_BIN); .ci/run installs it";
if (!NGINX && !UNDER_CI) console.warn(MISSING);

const SIM_TOKEN = "scale-out-simulator-token";
const LOAD_TOKEN = "scale-out-load-server-token";
const RUN = Date.now().toString(36);
const CONCURRENCY = 16;
const figures: string[] = [];

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;
let nginx: Nginx;
let ports: number[];
let replicas: Replica[];
let env: Record<string, string>;
let adminToken: string;
let incidentIds: string[];
const writes: CallResult[] = [];

/** 4 in 5 calls read an incident (the answer must carry its id), 1 in 5 adds a unique note. */
function plan(n: number): CallPlan {
  if (n % 5 === 0) {
    const content = `scale-out ${RUN} call ${n}`;
    return {
      tool: "create_a_pager_duty_incident_note",
      arguments: { incident_id: incidentIds[0], content },
      write: content,
      check: (s) =>
        (s as { result?: { content?: string } })?.result?.content === content
          ? undefined
          : `note answer is not this call's: ${JSON.stringify(s).slice(0, 200)}`,
    };
  }
  const id = incidentIds[n % incidentIds.length];
  return {
    tool: "get_single_pager_duty_incident_by_id",
    arguments: { id },
    check: (s) =>
      (s as { result?: { id?: string } })?.result?.id === id
        ? undefined
        : `incident answer is not ${id}: ${JSON.stringify(s).slice(0, 200)}`,
  };
}

/** A call held inside the simulator (so in flight in a replica) for as long as it holds. */
function heldCall(query: string): CallPlan {
  return {
    tool: "list_all_pager_duty_users",
    arguments: { query },
    check: (s) =>
      Array.isArray((s as { result?: unknown })?.result)
        ? undefined
        : `users: ${JSON.stringify(s)}`,
  };
}

const loadUrl = () => `${nginx.url}/mcp/${LOAD_TOKEN}`;
const replicaAddress = (port: number) => `127.0.0.1:${port}`;
const record = (phase: string, results: CallResult[]) => {
  const s = summarize(results);
  writes.push(...results.filter((r) => r.write));
  const spread = ports.map((p) => s.byUpstream[replicaAddress(p)] ?? 0).join("/");
  figures.push(
    `${phase.padEnd(22)} ${String(s.calls).padStart(5)} calls  ${String(s.failed).padStart(3)} failed  ${String(s.callsPerSecond).padStart(4)} calls/s  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  per replica ${spread}`,
  );
  return s;
};
const failures = (results: CallResult[]) =>
  results.filter((r) => r.error).map((r) => `#${r.n} via ${r.upstream || "?"}: ${r.error}`);

/** tools/list on an MCP URL: the HTTP status (200 served, 404 unknown URL) and the replica. */
async function toolsList(url: string): Promise<{ status: number; upstream: string }> {
  const res = await post(url, { jsonrpc: "2.0", id: 1, method: "tools/list" });
  return { status: res.status, upstream: String(res.headers["x-upstream"] ?? "") };
}

/** Milliseconds until `probe` is true (polled every 25 ms), failing after `limitMs`. */
async function within(limitMs: number, what: string, probe: () => Promise<boolean>) {
  const started = performance.now();
  while (!(await probe())) {
    if (performance.now() - started > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Math.round(performance.now() - started);
}

describe.skipIf(!NGINX && !UNDER_CI)("scale-out: nginx in front of 3 replicas", () => {
  beforeAll(async () => {
    if (!NGINX) throw new Error(`CI=true: ${MISSING}`);
    dir = await tempConfigDir();
    await writeServer(dir.serversDir, serverFile("load", LOAD_TOKEN), "load.json");
    const apiTokensFile = join(dir.root, "api-tokens.json");
    const created = await createApiToken(apiTokensFile, { name: "ops", scopes: ["admin"] });
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    adminToken = created.value.token;

    sim = await startSimulatorProcess({ apiToken: SIM_TOKEN, latencyMs: 5, holdMs: 400 });
    const listed = await fetch(`${sim.url}/incidents?date_range=all&limit=100`, {
      headers: {
        Authorization: `Token token=${SIM_TOKEN}`,
        Accept: "application/vnd.pagerduty+json;version=2",
      },
    });
    incidentIds = ((await listed.json()) as { incidents: Array<{ id: string }> }).incidents.map(
      (i) => i.id,
    );

    ports = [await freePort(), await freePort(), await freePort()];
    const nginxPort = await freePort();
    env = {
      PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
      INTEGRATIONS_DIR: dir.integrationsDir,
      SERVERS_DIR: dir.serversDir,
      API_TOKENS_FILE: apiTokensFile,
      ACCOUNTS_FILE: join(dir.root, "no-accounts.json"),
      STATE_DIR: join(dir.root, "state"),
      PAGERDUTY_API_TOKEN: SIM_TOKEN,
      PAGERDUTY_BASE_URL: sim.url,
      PAGERDUTY_FROM_EMAIL: "alice@example.com",
    };
    replicas = await Promise.all(ports.map((port) => startReplica(port, env)));
    nginx = await startNginx({
      bin: NGINX,
      dir: join(dir.root, "nginx"),
      port: nginxPort,
      upstreams: ports.map((port) => ({ port })),
    });
  }, 120_000);

  afterAll(async () => {
    if (figures.length > 0)
      console.log(
        `scale-out figures (nginx + 3 replicas + simulator, concurrency ${CONCURRENCY}, ${new Date().toISOString()}):\n${figures.join("\n")}`,
      );
    await nginx?.stop();
    for (const r of replicas ?? []) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    if (sim?.child.exitCode === null) sim.child.kill("SIGKILL");
    await dir?.cleanup();
  });

  test("3,000 calls at concurrency 16 through nginx: none fails, each answer is its own, every replica serves", async () => {
    const results = await runLoad({ url: loadUrl(), concurrency: CONCURRENCY, calls: 3000, plan });
    const s = record("steady load", results);
    expect(failures(results)).toEqual([]);
    expect(s.calls).toBe(3000);
    for (const port of ports) expect(s.byUpstream[replicaAddress(port)]).toBeGreaterThan(300);
  }, 180_000);

  test("a server created through the admin API on one replica is served by all, and refused by all once revoked", async () => {
    const created = await post(
      `${replicas[0].url}/integrated-account/default/mcp`,
      { name: "made-on-one", config: { methods: ["read"], tags: ["incidents"] } },
      { Authorization: `Bearer ${adminToken}` },
    );
    expect(created.status).toBe(201);
    const { url } = JSON.parse(created.text) as { url: string };
    expect(url.startsWith(`${nginx.url}/mcp/`)).toBe(true);
    const path = url.slice(nginx.url.length);

    const served = await Promise.all(
      replicas.map((r) =>
        within(
          10_000,
          `new server on ${r.port}`,
          async () => (await toolsList(r.url + path)).status === 200,
        ),
      ),
    );
    const throughNginx = await Promise.all(Array.from({ length: 12 }, () => toolsList(url)));
    expect(throughNginx.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(new Set(throughNginx.map((a) => a.upstream))).toEqual(
      new Set(ports.map(replicaAddress)),
    );

    const id = "made-on-one";
    const revoked = await fetch(`${replicas[1].url}/integrated-account/default/mcp/${id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(revoked.status).toBe(204);
    const refused = await Promise.all(
      replicas.map((r) =>
        within(
          10_000,
          `revoked server on ${r.port}`,
          async () => (await toolsList(r.url + path)).status === 404,
        ),
      ),
    );
    const afterRevoke = await Promise.all(Array.from({ length: 12 }, () => toolsList(url)));
    expect(afterRevoke.map((a) => a.status)).toEqual(Array(12).fill(404));
    figures.push(
      `admin API create on replica 1: served by the 3 replicas after ${served.join("/")} ms; revoke on replica 2: refused by all after ${refused.join("/")} ms`,
    );
  }, 60_000);

  test("replicas restarted one by one with SIGTERM under load: no call through nginx fails", async () => {
    let rolling = true;
    const load = runLoad({
      url: loadUrl(),
      concurrency: CONCURRENCY,
      calls: 500,
      until: () => !rolling,
      plan,
      firstN: 100_000,
    });
    const exits: number[] = [];
    for (let i = 0; i < replicas.length; i++) {
      // What an orchestrator does: take the replica out of the load balancer (nginx reloads and
      // its old workers finish what they had), then stop it, start the new one, put it back.
      await nginx.setUpstreams(ports.map((port, j) => ({ port, down: j === i })));
      const stopped = performance.now();
      replicas[i].child.kill("SIGTERM");
      expect(await replicas[i].exited).toBe(0);
      exits.push(Math.round(performance.now() - stopped));
      replicas[i] = await startReplica(ports[i], env);
      await nginx.setUpstreams(ports.map((port) => ({ port })));
    }
    rolling = false;
    const results = await load;
    record("rolling SIGTERM", results);
    expect(failures(results)).toEqual([]);
    figures.push(`rolling SIGTERM: each replica exited ${exits.join("/")} ms after SIGTERM`);
  }, 180_000);

  // The graceful drain on SIGTERM (src/http/drain.ts) under the deployment's conditions.
  test("calls in flight on a replica when it gets SIGTERM are answered before it exits", async () => {
    const i = 0;
    const query = `hold-${RUN}-${i}`;
    const inFlight = Array.from({ length: 4 }, (_, k) =>
      call(`${replicas[i].url}/mcp/${LOAD_TOKEN}`, 200_000 + k, heldCall(query)),
    );
    // Held inside the simulator: the calls are in the replica, waiting for PagerDuty.
    await within(10_000, "held calls reach PagerDuty", async () => (await sim.seen(query)) === 4);
    replicas[i].child.kill("SIGTERM");
    const held = await Promise.all(inFlight);
    expect(await replicas[i].exited).toBe(0);
    replicas[i] = await startReplica(ports[i], env);
    expect(failures(held)).toEqual([]);
  }, 60_000);

  test("SIGKILL of one replica under load: only calls in flight on it fail, and no write is repeated", async () => {
    const victim = replicas[2];
    let killedAt = Infinity;
    let diedAt = Infinity;
    void victim.exited.then(() => (diedAt = performance.now()));
    let after = 0;
    const results = await runLoad({
      url: loadUrl(),
      concurrency: CONCURRENCY,
      calls: 600,
      until: () => killedAt !== Infinity && after >= 600,
      plan: (n) => {
        if (n === 300_300) {
          victim.child.kill("SIGKILL");
          killedAt = performance.now();
        }
        if (killedAt !== Infinity) after++;
        return plan(n);
      },
      firstN: 300_000,
    });
    await victim.exited;
    const s = record("SIGKILL one replica", results);
    const failed = results.filter((r) => r.error);
    // A failure is a call that was already on the killed replica: started before it was dead,
    // answered 502 by nginx, which names that replica and no other. Calls started once it was
    // dead all succeed (nginx moves on when it refuses connections).
    for (const r of failed) {
      expect(r.start).toBeLessThan(diedAt);
      expect(r.status).toBe(502);
      expect(r.upstream).toBe(replicaAddress(victim.port));
    }
    expect(failures(results.filter((r) => r.start > diedAt))).toEqual([]);

    // No write is repeated: each note appears at most once upstream, every answered one exactly once.
    const notes = await fetch(`${sim.url}/incidents/${incidentIds[0]}/notes`, {
      headers: {
        Authorization: `Token token=${SIM_TOKEN}`,
        Accept: "application/vnd.pagerduty+json;version=2",
      },
    });
    const contents = ((await notes.json()) as { notes: Array<{ content: string }> }).notes.map(
      (n) => n.content,
    );
    const count = new Map<string, number>();
    for (const c of contents) count.set(c, (count.get(c) ?? 0) + 1);
    const repeated = [...count].filter(([c, k]) => c.startsWith(`scale-out ${RUN} `) && k > 1);
    expect(repeated).toEqual([]);
    const answered = writes.filter((w) => !w.error);
    expect(answered.filter((w) => count.get(w.write!) !== 1).map((w) => w.write)).toEqual([]);
    const failedWrites = writes.filter((w) => w.error);
    const tookEffect = failedWrites.filter((w) => count.get(w.write!) === 1).length;
    figures.push(
      `SIGKILL: ${failed.length} of ${s.calls} calls failed (all in flight on the killed replica), ${failedWrites.length} of them writes (${tookEffect} had reached PagerDuty, none twice); ${answered.length} answered writes, each once upstream`,
    );
  }, 180_000);
});
