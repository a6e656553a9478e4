import { spawnSync } from "node:child_process";
import { mkdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { startService, type RunningService } from "../../src/service.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { collectingLogger, settingsFor } from "../helpers/service-settings.js";

let service: RunningService | undefined;
let dir: Awaited<ReturnType<typeof tempConfigDir>> | undefined;
let logs: string[] = [];
afterEach(async () => {
  await service?.close();
  await dir?.cleanup();
  service = undefined;
  dir = undefined;
});

/** Starts the real service (watcher, HTTP) on a temp dir, its log lines collected in `logs`. */
async function start(before?: (d: NonNullable<typeof dir>) => Promise<void>) {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("alpha", "alpha-token"));
  await writeServer(dir.serversDir, serverFile("beta", "beta-token"));
  await before?.(dir);
  const collected = collectingLogger();
  logs = collected.lines;
  service = await startService(
    settingsFor(dir, { PAGERDUTY_API_TOKEN: "pd-secret-token" }),
    collected.logger,
  );
  return { dir, service };
}

const list = async (token: string) =>
  (
    await fetch(`${service!.url}/mcp/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    })
  ).status;
const health = async () => (await fetch(`${service!.url}/healthz`)).json();
const eventually = (check: () => Promise<void>) =>
  vi.waitFor(check, { timeout: 15_000, interval: 50 });

describe("one unloadable file never blocks another file's change (revocation above all)", () => {
  test.each([
    ["broken JSON", (d: string) => writeFile(join(d, "x.json"), "{ broken")],
    ["a symbolic link to /etc/passwd", (d: string) => symlink("/etc/passwd", join(d, "x.json"))],
    ["a directory named x.json", (d: string) => mkdir(join(d, "x.json"))],
    [
      "a name that is not the file's",
      (d: string) => writeServer(d, serverFile("y", "y"), "x.json"),
    ],
    [
      "a file over 256 KiB",
      (d: string) =>
        writeServer(d, { ...serverFile("x", "x"), description: "d".repeat(300_000) }, "x.json"),
    ],
    [
      "a token already used by another file",
      (d: string) => writeServer(d, serverFile("x", "alpha-token")),
    ],
    [
      "a named pipe",
      async (d: string) => {
        expect(spawnSync("mkfifo", [join(d, "x.json")]).status).toBe(0);
      },
    ],
  ])("%s", async (_intent, breakIt) => {
    const { dir } = await start();
    await breakIt(dir.serversDir);
    await eventually(async () =>
      expect((await health()).rejected_files).toEqual([
        expect.stringMatching(/servers\.d\/x\.json$/),
      ]),
    );
    await rm(join(dir.serversDir, "beta.json"));
    await eventually(async () => expect(await list("beta-token")).toBe(404));
    expect(await list("alpha-token")).toBe(200);
    expect(await health()).toMatchObject({ status: "degraded", servers: 1 });
    const log = logs.join("");
    expect(log).toMatch(/x\.json/);
    expect(log).not.toMatch(/root:/);
  });

  test("a broken change keeps the file's last good version; a new valid file applies meanwhile", async () => {
    const { dir } = await start();
    const path = join(dir.serversDir, "alpha.json");
    const good = await readFile(path, "utf8");
    await writeFile(path, good.replace('"methods": []', '"methods": ["raed"]'));
    await writeServer(dir.serversDir, serverFile("gamma", "gamma-token"));
    await eventually(async () => expect(await list("gamma-token")).toBe(200));
    expect(await list("alpha-token")).toBe(200);
    await eventually(async () =>
      expect(logs.join("")).toMatch(/servers\.d\/alpha\.json: \/config\/methods\/0 must be one of/),
    );
    await writeFile(path, good);
    await eventually(async () => expect(await health()).toMatchObject({ status: "ok" }));
  });

  test("links that stay inside SERVERS_DIR are followed (a Kubernetes ConfigMap's layout)", async () => {
    const { dir } = await start();
    const version = join(dir.serversDir, "..2026_01_01_00_00_00.1");
    await mkdir(version);
    await writeServer(version, serverFile("gamma", "gamma-token"));
    await symlink("..2026_01_01_00_00_00.1", join(dir.serversDir, "..data"));
    await symlink("..data/gamma.json", join(dir.serversDir, "gamma.json"));
    await eventually(async () => expect(await list("gamma-token")).toBe(200));
    expect(await health()).toMatchObject({ status: "ok", rejected_files: [] });
  });

  test("a problem is logged once, not at every reload", async () => {
    const { dir } = await start();
    await writeFile(join(dir.serversDir, "x.json"), "{ broken");
    await writeServer(dir.serversDir, serverFile("gamma", "gamma-token"));
    await eventually(async () => expect(await list("gamma-token")).toBe(200));
    await writeServer(dir.serversDir, serverFile("delta", "delta-token"));
    await eventually(async () => expect(await list("delta-token")).toBe(200));
    await service!.reload();
    const mentions = logs.filter((l) => l.includes("x.json: / is not valid JSON"));
    expect(mentions).toHaveLength(1);
  });
});

describe("SERVERS_DIR itself", () => {
  test("replaced by a file: the service keeps serving its last good servers, and says so", async () => {
    const { dir } = await start();
    await rename(dir.serversDir, `${dir.serversDir}.bak`);
    await writeFile(dir.serversDir, "not a directory");
    await eventually(async () =>
      expect((await health()).rejected_files).toEqual([expect.stringMatching(/servers\.d$/)]),
    );
    expect(await list("alpha-token")).toBe(200);
    expect(logs.join("")).toMatch(/servers\.d: \/ is not a directory/);
    // Back as a directory without beta: beta is revoked.
    await rm(dir.serversDir);
    await rename(`${dir.serversDir}.bak`, dir.serversDir);
    await rm(join(dir.serversDir, "beta.json"));
    await eventually(async () => expect(await list("beta-token")).toBe(404));
    expect(await list("alpha-token")).toBe(200);
  });

  test("missing at start: the service starts, warns once, and picks it up when it appears", async () => {
    const { dir } = await start((d) => rm(d.serversDir, { recursive: true }));
    expect(logs.filter((l) => l.includes("SERVERS_DIR does not exist"))).toHaveLength(1);
    expect(await list("alpha-token")).toBe(404);
    await mkdir(dir.serversDir);
    await writeServer(dir.serversDir, serverFile("alpha", "alpha-token"));
    await eventually(async () => expect(await list("alpha-token")).toBe(200));
  });
});
