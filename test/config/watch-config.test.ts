import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import request from "supertest";
import { ConfigStore } from "../../src/config/config-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createReloader, watchConfig, type ReloadOutcome } from "../../src/config/watch-config.js";
import { createApp } from "../../src/http/create-app.js";
import { createLogger } from "../../src/logger.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { stubUpstream } from "../helpers/stub-upstream.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let store: ConfigStore;
let app: ReturnType<typeof createApp>;
let outcomes: ReloadOutcome[];
let watcher: { ready: Promise<void>; close: () => Promise<void> };
const logger = createLogger("silent");

beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("first", "first-token"));
  const sources = async () => ({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
  });
  const loaded = await loadConfig(await sources());
  if (!loaded.ok) throw new Error("fixture");
  store = new ConfigStore(loaded.snapshot);
  outcomes = [];
  const reload = createReloader({ store, sources, logger, onReload: (o) => outcomes.push(o) });
  watcher = watchConfig({ paths: [dir.integrationsDir, dir.serversDir], reload, debounceMs: 20 });
  await watcher.ready;
  app = createApp({ store, http: stubUpstream().http });
});
afterEach(async () => {
  await watcher.close();
  await dir.cleanup();
});

const list = (token: string) =>
  request(app).post(`/mcp/${token}`).send({ jsonrpc: "2.0", id: 1, method: "tools/list" });
const nextOutcome = async (count: number) =>
  vi.waitFor(() => expect(outcomes.length).toBeGreaterThanOrEqual(count), {
    timeout: 15_000,
    interval: 20,
  });

describe("hot reload", () => {
  test("a new server file works without a restart", async () => {
    expect((await list("second-token")).status).toBe(404);
    await writeServer(dir.serversDir, serverFile("second", "second-token"));
    await nextOutcome(1);
    expect(outcomes[0]).toMatchObject({
      status: "applied",
      diff: { serversAdded: ["second"], serversRemoved: [] },
    });
    expect((await list("second-token")).status).toBe(200);
  });

  test("a broken file keeps its last good version serving and names file and pointer; fixing it applies", async () => {
    const path = join(dir.serversDir, "first.json");
    const good = await readFile(path, "utf8");
    await writeFile(path, good.replace('"methods": []', '"methods": ["raed"]'));
    await nextOutcome(1);
    const problems = outcomes[0].problems;
    expect(problems.map((p) => `${p.file.split("/").slice(-2).join("/")}: ${p.pointer}`)).toEqual([
      "servers.d/first.json: /config/methods/0",
    ]);
    expect(problems[0].message).toMatch(/^must be one of .*read.*write/);
    expect((await list("first-token")).status).toBe(200);

    await writeFile(path, good.replace('"methods": []', '"methods": ["read"]'));
    await nextOutcome(2);
    expect(outcomes[1]).toMatchObject({
      status: "applied",
      problems: [],
      diff: { serversChanged: ["first"] },
    });
    const tools = (await list("first-token")).body.result.tools.map(
      (t: { name: string }) => t.name,
    );
    expect(tools).not.toContain("create_a_pager_duty_incident");
  });

  test("deleting a server file revokes its URL at once", async () => {
    expect((await list("first-token")).status).toBe(200);
    await rm(join(dir.serversDir, "first.json"));
    await nextOutcome(1);
    expect(outcomes[0]).toMatchObject({ status: "applied", diff: { serversRemoved: ["first"] } });
    expect((await list("first-token")).status).toBe(404);
  });

  test("a change that alters nothing swaps nothing", async () => {
    const before = store.current();
    const path = join(dir.serversDir, "first.json");
    await writeFile(path, await readFile(path, "utf8"));
    await nextOutcome(1);
    expect(outcomes[0].status).toBe("unchanged");
    expect(store.current()).toBe(before);
  });

  test("a broken resource file is rejected and the integration's last good version keeps working", async () => {
    const file = join(dir.integrationsDir, "pagerduty/resources/incidents.json");
    await writeFile(file, "{ oops");
    await nextOutcome(1);
    expect(outcomes[0].problems.map((p) => p.message)).toEqual([
      "is not valid JSON: Expected property name or '}' at line 1, column 3",
    ]);
    expect(
      (await list("first-token")).body.result.tools.map((t: { name: string }) => t.name),
    ).toContain("list_all_pager_duty_incidents");
  });
});

describe("createReloader", () => {
  test("a reload asked for while another runs settles only after a follow-up that read the change", async () => {
    await watcher.close(); // only this test's reloader may touch the store
    let release: () => void = () => {};
    let calls = 0;
    const empty = join(dir.root, "empty");
    const reload = createReloader({
      store,
      logger,
      sources: async () => {
        calls += 1;
        // The first reload is held until the test lets it go, so the second one arrives mid-flight,
        // and it reads a directory as it was before the change (empty: "first" is removed).
        if (calls === 1) await new Promise<void>((r) => (release = r));
        return {
          integrationsDir: dir.integrationsDir,
          serversDir: calls === 1 ? empty : dir.serversDir,
        };
      },
    });
    const first = reload();
    await vi.waitFor(() => expect(calls).toBe(1));
    await writeServer(dir.serversDir, serverFile("second", "second-token"));
    const second = reload();
    const third = reload();
    expect(third).toBe(second);
    release();
    expect(await first).toMatchObject({ status: "applied", diff: { serversRemoved: ["first"] } });
    expect(await second).toMatchObject({
      status: "applied",
      diff: { serversAdded: ["first", "second"] },
    });
    expect(calls).toBe(2);
    expect((await list("second-token")).status).toBe(200);
  });
});
