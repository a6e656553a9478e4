import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { afterEach, expect, test, vi } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import { REPO_ROOT, serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";

let child: ChildProcess | undefined;
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  for (const c of cleanups) await c();
  cleanups = [];
});

/** One POST of a JSON-RPC body through `agent`; resolves with status, headers and parsed body. */
function post(url: string, body: unknown, agent: http.Agent) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>(
    (resolve, reject) => {
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: { "Content-Type": "application/json", Accept: "application/json" },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => (text += c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }),
          );
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(body));
    },
  );
}

const create = (title: string) => ({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "create_a_pager_duty_incident", arguments: { title, service_id: "SAUTH1" } },
});

test("SIGTERM drains: calls in flight finish, new requests get 503 + Retry-After, one log line, exit 0", async () => {
  const sim = createSimulator();
  const simListening = await sim.listen(0, "127.0.0.1");
  const dir = await tempConfigDir();
  cleanups.push(simListening.close, dir.cleanup);
  await writeServer(dir.serversDir, serverFile("drainer", "drain-token"));

  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      PAGERDUTY_API_TOKEN: "test-token",
      PAGERDUTY_BASE_URL: simListening.url,
      PAGERDUTY_FROM_EMAIL: "alice@example.com",
      INTEGRATIONS_DIR: dir.integrationsDir,
      SERVERS_DIR: dir.serversDir,
      ACCOUNTS_FILE: `${dir.root}/none.json`,
      API_TOKENS_FILE: `${dir.root}/none2.json`,
      SHUTDOWN_GRACE_SECONDS: "10",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: any[] = [];
  let pending = "";
  child.stdout!.on("data", (chunk) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop()!;
    for (const l of parts) if (l.startsWith("{")) lines.push(JSON.parse(l));
  });
  const exited = new Promise<number | null>((resolve) =>
    child!.on("exit", (code) => resolve(code)),
  );
  const started = await vi.waitFor(
    () => {
      const line = lines.find((l) => l.event === "started");
      if (!line) throw new Error("not started yet");
      return line as { url: string };
    },
    { timeout: 20_000, interval: 50 },
  );
  const url = `${started.url}/mcp/drain-token`;

  // The start-up credentials check (two reads) runs in the background: let it finish first, or it
  // would take the faults meant for the creates below.
  await vi.waitFor(
    () => expect(lines.filter((l) => l.event === "credentials_check")).toHaveLength(2),
    { timeout: 20_000, interval: 50 },
  );

  // A slow PagerDuty: the first create takes 1.5 s, the second 3 s.
  sim.fault({ status: 201, delayMs: 1500 });
  sim.fault({ status: 201, delayMs: 3000 });
  const agentA = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const agentB = new http.Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(async () => {
    agentA.destroy();
    agentB.destroy();
  });
  const posts = () => sim.requests.filter((r) => r.method === "POST").length;
  const first = post(url, create("first in flight"), agentA);
  await vi.waitFor(() => expect(posts()).toBe(1), { timeout: 10_000, interval: 10 });
  const second = post(url, create("second in flight"), agentB);
  await vi.waitFor(() => expect(posts()).toBe(2), { timeout: 10_000, interval: 10 });

  child.kill("SIGTERM");
  // It stops accepting connections...
  await vi.waitFor(
    async () => {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect(Number(new URL(started.url).port), "127.0.0.1");
        s.once("connect", () => (s.destroy(), resolve(false)));
        s.once("error", () => resolve(true));
      });
      expect(refused).toBe(true);
    },
    { timeout: 10_000, interval: 20 },
  );
  // ...the first call in flight still finishes and tells its caller the incident id...
  const a = await first;
  expect(a.status).toBe(200);
  const incidentId = a.body.result.structuredContent.result.id;
  expect(sim.state.incidents.get(incidentId)?.title).toBe("first in flight");
  // ...a new request on a connection still open is refused with 503 and Retry-After...
  const refused = await post(url, create("too late"), agentA);
  expect(refused.status).toBe(503);
  expect(refused.headers["retry-after"]).toBe("5");
  expect(refused.headers.connection).toBe("close");
  expect(refused.body).toEqual({
    jsonrpc: "2.0",
    id: null,
    error: { code: -32000, message: "The service is shutting down: retry in 5 seconds." },
  });
  // ...the slower one finishes too, and the process exits 0 with one line saying what was drained.
  const b = await second;
  expect(b.body.result.structuredContent.result.title).toBe("second in flight");
  expect(await exited).toBe(0);
  expect(posts()).toBe(2);
  const shutdown = lines.filter((l) => l.event === "shutdown");
  expect(shutdown).toEqual([
    expect.objectContaining({
      signal: "SIGTERM",
      drained: 2,
      cut: 0,
      refused: 1,
      grace_ms: 10_000,
      msg: expect.stringMatching(/^stopped on SIGTERM: 2 request\(s\) in flight finished, 0 cut/),
    }),
  ]);
});
