import { spawn, spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import net from "node:net";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { REPO_ROOT, serverFile, tempConfigDir, writeServer } from "./helpers/config-dir.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>> | undefined;
afterEach(() => dir?.cleanup());

/** Runs `node dist/src/main.js` to its end with the temp config dir and `env`. */
function runMain(d: NonNullable<typeof dir>, env: Record<string, string>) {
  return spawnSync(process.execPath, ["dist/src/main.js"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      INTEGRATIONS_DIR: d.integrationsDir,
      SERVERS_DIR: d.serversDir,
      ACCOUNTS_FILE: `${d.root}/none.json`,
      API_TOKENS_FILE: `${d.root}/none2.json`,
      STATE_DIR: `${d.root}/state`,
      ...env,
    },
    encoding: "utf8",
    timeout: 20_000,
  });
}

test("the process refuses to start on invalid config: exit code 1, every problem printed", async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, { ...serverFile("a", "t1"), expires_at: "someday" }, "a.json");
  await writeServer(dir.serversDir, "{ nope", "b.json");
  const run = runMain(dir, { PORT: "0", PAGERDUTY_API_TOKEN: "x" });
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines[0]).toBe("Refusing to start: 2 problem(s) in the configuration:");
  expect(lines[1]).toMatch(
    /servers\.d\/a\.json: \/expires_at cannot be read as a moment in time: write it like /,
  );
  expect(lines[2]).toMatch(/servers\.d\/b\.json: \/ is not valid JSON: /);
});

/** Spawns `node dist/src/main.js` in `cwd` with only `env` (and PATH). */
function spawnMain(cwd: string, env: Record<string, string>) {
  return spawn(process.execPath, [join(REPO_ROOT, "dist/src/main.js")], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

test("stdout carries only JSON log lines, the banner goes to stderr, and .env is read", async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("from-dotenv", "t1"), "from-dotenv.json");
  await writeFile(
    join(dir.root, ".env"),
    `PORT=0\nINTEGRATIONS_DIR=${dir.integrationsDir}\nSERVERS_DIR=${dir.serversDir}\n`,
  );
  const child = spawnMain(dir.root, {
    ACCOUNTS_FILE: `${dir.root}/none.json`,
    API_TOKENS_FILE: `${dir.root}/none2.json`,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const demoUrl = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/mcp\/\S+/.exec(stderr)?.[0];
      if (url) resolve(url);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // A tool call logs a line too; then the process stops on SIGTERM.
  const res = await fetch(demoUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "list_all_pager_duty_priorities", arguments: {} },
    }),
  });
  expect(res.status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise((r) => setTimeout(r, 300));
  child.kill("SIGTERM");
  await exited;

  const lines = stdout.trim().split("\n");
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed[0]).toMatchObject({ event: "started", envFile: join(dir.root, ".env") });
  expect((parsed[0].servers as string[]).sort()).toEqual(["demo", "from-dotenv"]);
  expect(parsed.map((p) => p.event)).toContain("tool_call");
  expect(stderr).toContain("SIMULATED PAGERDUTY");
  expect(stderr).toContain("MCP connector URL (demo server, all tools; keep it secret):");
  expect(stdout).not.toContain(demoUrl);
});

test("a port in use: exit 1 with one line saying to stop the other instance or change PORT", async () => {
  dir = await tempConfigDir();
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const run = runMain(dir, { PORT: String(port) });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Cannot listen on 127.0.0.1:${port}: the port is already in use, perhaps by another instance of this service (stop it) or another program. Set PORT to a free port (PORT=0 picks one).\n`,
    );
    expect(run.stdout).toBe("");
  } finally {
    await new Promise((r) => busy.close(r));
  }
});
