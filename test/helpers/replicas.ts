import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { REPO_ROOT } from "./config-dir.js";

const DIST = join(REPO_ROOT, "dist/src");

/** A child process and its end. */
export interface Child {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** What it wrote to stderr so far. */
  stderr(): string;
}

function track(child: ChildProcess): Child {
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return {
    child,
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    stderr: () => stderr,
  };
}

/**
 * The built simulator (dist/) in its own process on a random 127.0.0.1 port, accepting exactly
 * `apiToken`, each answer delayed by `latencyMs`: one PagerDuty for every replica.
 *
 * A request whose `query` parameter starts with "hold-" is held for `holdMs` before it is
 * answered, and counted: `seen(query)` tells how many arrived, so a test knows such a call is in
 * flight inside a replica (waiting for PagerDuty) before it stops that replica.
 */
export async function startSimulatorProcess(options: {
  apiToken: string;
  latencyMs: number;
  holdMs: number;
}): Promise<Child & { url: string; seen: (query: string) => Promise<number> }> {
  const script = `
    import http from "node:http";
    const { createSimulator } = await import(${JSON.stringify(join(DIST, "simulator/index.js"))});
    const sim = createSimulator({ apiToken: process.env.SIM_API_TOKEN });
    sim.setLatency(Number(process.env.SIM_LATENCY_MS));
    const seen = new Map();
    const server = http.createServer((req, res) => {
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname === "/__seen") return res.end(String(seen.get(url.searchParams.get("q")) ?? 0));
      const query = url.searchParams.get("query");
      if (!query?.startsWith("hold-")) return sim.handler(req, res);
      seen.set(query, (seen.get(query) ?? 0) + 1);
      setTimeout(() => sim.handler(req, res), Number(process.env.SIM_HOLD_MS));
    });
    // PagerDuty-like servers close idle keep-alive connections; a replica that reuses one at that
    // very moment gets ECONNRESET on a read (the upstream client does not retry). That race is
    // not what this harness measures, so idle connections stay open for the test's duration.
    server.keepAliveTimeout = 600000;
    server.listen(0, "127.0.0.1", () => process.stdout.write("http://127.0.0.1:" + server.address().port + "\\n"));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: {
      PATH: process.env.PATH,
      SIM_API_TOKEN: options.apiToken,
      SIM_LATENCY_MS: String(options.latencyMs),
      SIM_HOLD_MS: String(options.holdMs),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tracked = track(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    void tracked.exited.then((code) =>
      reject(new Error(`simulator exited with ${code}: ${tracked.stderr()}`)),
    );
  });
  const seen = async (query: string) =>
    Number(await (await fetch(`${url}/__seen?q=${encodeURIComponent(query)}`)).text());
  return { ...tracked, url, seen };
}

/** One running replica of the service. */
export interface Replica extends Child {
  port: number;
  url: string;
}

/**
 * Starts `node dist/src/main.js` on 127.0.0.1:port with `env` and waits until /healthz answers
 * 200. JSON logs are dropped (LOG_LEVEL=warn keeps them few); stderr is kept for failures.
 */
export async function startReplica(port: number, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [join(DIST, "main.js")], {
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: "warn",
      ...env,
      HOST: "127.0.0.1",
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const tracked = track(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`replica on ${port} exited with ${child.exitCode}: ${tracked.stderr()}`);
    if (Date.now() > deadline) throw new Error(`replica on ${port} did not become healthy`);
    if ((await status(`${url}/healthz`)) === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...tracked, port, url };
}

/** GET status of a URL (0 when nothing answers), on a fresh connection. */
export function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", () => resolve(0));
  });
}
