import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import net from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs } from "./cpu.js";

export const DIST_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** A free 127.0.0.1 port. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the fixed upstream in its own process; resolves with its URL. */
export async function spawnFixedUpstream(
  routesFile: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [`${DIST_ROOT}bench/fixed-upstream-main.js`, routesFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`fixed upstream exited with ${code}`)));
  });
  return { url, child };
}

/** Starts the bare hop (bench/bare-hop.ts) in its own process; resolves with its URL. */
export async function spawnBareHop(
  upstreamUrl: string,
  integrationsDir: string,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [`${DIST_ROOT}bench/bare-hop-main.js`, upstreamUrl, integrationsDir],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bare hop exited with ${code}`)));
  });
  return { url, child };
}

/** A running product process and what it logged. */
export interface ProductProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first answer of what `readyWhen` names. */
  coldStartMs: number;
  /** CPU time the process used until then, ms (steadier than the wall-clock figure). */
  coldStartCpuMs: number;
  logLines: string[];
  stop(): Promise<void>;
}

/**
 * Spawns the built product (`node dist/src/main.js`) with the given environment and waits until
 * it answers: `/healthz` (what a load balancer waits for) or `tools/list` on `token` (what a
 * client waits for). The time until then is the cold start.
 */
export async function spawnProduct(
  env: Record<string, string>,
  token: string,
  readyWhen: "healthz" | "tools/list" = "tools/list",
  distRoot = DIST_ROOT,
): Promise<ProductProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(distRoot, "src", "main.js")], {
    env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logLines: string[] = [];
  let errors = "";
  child.stdout!.on("data", (d: Buffer) =>
    logLines.push(...d.toString().split("\n").filter(Boolean)),
  );
  child.stderr!.on("data", (d: Buffer) => {
    errors += d.toString();
    logLines.push(...d.toString().split("\n").filter(Boolean));
  });
  const url = `http://127.0.0.1:${port}`;
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`product exited with ${child.exitCode}: ${errors}`);
    if (performance.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`product did not answer ${readyWhen} within 60 s: ${errors}`);
    }
    // A request that hangs must not hang the bench.
    const signal = AbortSignal.timeout(5_000);
    try {
      if (readyWhen === "healthz") {
        const res = await fetch(`${url}/healthz`, { signal });
        if (res.status === 200 && ((await res.json()) as { status?: string }).status === "ok")
          break;
      } else {
        const res = await fetch(`${url}/mcp/${token}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
          signal,
        });
        if (
          res.status === 200 &&
          ((await res.json()) as { result?: { tools?: unknown[] } }).result?.tools
        )
          break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const coldStartMs = performance.now() - started;
  const coldStartCpuMs = cpuMs(child.pid!);
  return {
    child,
    url,
    coldStartMs,
    coldStartCpuMs,
    logLines,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a process in MiB (Linux /proc). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}
