import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import { delimiter, join } from "node:path";
import { REPO_ROOT } from "./config-dir.js";

/** The shipped proxy settings, included by the test's nginx as by deploy/compose/nginx.conf. */
export const PROXY_CONF = join(REPO_ROOT, "deploy/nginx/pd-mcp-proxy.conf");

/** The nginx binary: NGINX_BIN, else `nginx` on PATH or in the sbin folders; undefined if none. */
export function findNginx(): string | undefined {
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/sbin"];
  return dirs
    .filter((dir) => dir.startsWith("/"))
    .map((dir) => join(dir, "nginx"))
    .find((path) => existsSync(path));
}

/** One replica behind nginx; `down` takes it out of rotation (as before stopping it). */
export interface UpstreamServer {
  port: number;
  down?: boolean;
}

/** A running nginx on 127.0.0.1 in front of replicas. */
export interface Nginx {
  url: string;
  /**
   * Rewrites the upstream list and reloads; resolves once new connections get the new config and
   * the old workers have finished the requests they had (and exited).
   */
  setUpstreams(servers: UpstreamServer[]): Promise<void>;
  /** The access log: one line per request, `status upstream_addr upstream_status`. */
  accessLog(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts nginx (master and 2 workers) with a config of its own in `dir`: listen on 127.0.0.1:port,
 * upstream pd_mcp = the servers, then the shipped deploy/nginx/pd-mcp-proxy.conf. Responses carry
 * `X-Upstream: $upstream_addr` so a test can tell which replica answered (or failed).
 */
export async function startNginx(options: {
  bin: string;
  dir: string;
  port: number;
  upstreams: UpstreamServer[];
}): Promise<Nginx> {
  const { dir, port } = options;
  await mkdir(join(dir, "temp"), { recursive: true });
  const confFile = join(dir, "nginx.conf");
  let generation = 0;
  const write = async (servers: UpstreamServer[]) => {
    generation += 1;
    await writeFile(confFile, renderConfig(dir, port, servers, generation));
  };
  await write(options.upstreams);
  const child = spawn(options.bin, ["-p", dir, "-c", confFile, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  await waitForGeneration(url, generation, child, () => stderr);
  return {
    url,
    async setUpstreams(servers) {
      await write(servers);
      child.kill("SIGHUP");
      await waitForGeneration(url, generation, child, () => stderr);
      await waitForWorkers(child.pid!, 2);
    },
    accessLog: () => readFile(join(dir, "access.log"), "utf8"),
    async stop() {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
    },
  };
}

function renderConfig(
  dir: string,
  port: number,
  servers: UpstreamServer[],
  generation: number,
): string {
  const temp = join(dir, "temp");
  return `# Written by test/helpers/nginx.ts (generation ${generation}).
worker_processes 2;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} error;
events { worker_connections 1024; }
http {
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  log_format scaleout '$status $upstream_addr $upstream_status';
  access_log ${join(dir, "access.log")} scaleout;
  upstream pd_mcp {
${servers.map((s) => `    server 127.0.0.1:${s.port} max_fails=1 fail_timeout=5s${s.down ? " down" : ""};`).join("\n")}
  }
  server {
    listen 127.0.0.1:${port};
    add_header X-Upstream $upstream_addr always;
    location = /__generation { return 200 "${generation}"; }
    include ${PROXY_CONF};
  }
}
`;
}

/**
 * Waits until 5 fresh connections in a row are answered by the given config generation: after a
 * reload, the old workers then no longer accept connections.
 */
async function waitForGeneration(
  url: string,
  generation: number,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  let streak = 0;
  while (streak < 5) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}: ${stderr()}`);
    if (Date.now() > deadline)
      throw new Error(`nginx did not apply config generation ${generation}: ${stderr()}`);
    const answer = await getText(`${url}/__generation`).catch(() => undefined);
    streak = answer === String(generation) ? streak + 1 : 0;
    if (streak === 0) await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until nginx's master has only its `count` current workers (old ones exit when idle). */
async function waitForWorkers(master: number, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (childrenOf(master) > count) {
    if (Date.now() > deadline) throw new Error("nginx's old workers did not finish within 30 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function childrenOf(pid: number): number {
  let n = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) n++;
    } catch {
      // The process ended while we looked.
    }
  }
  return n;
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve(text));
      })
      .on("error", reject);
  });
}
