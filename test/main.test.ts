import { spawnSync } from "node:child_process";
import { afterEach, expect, test } from "vitest";
import { REPO_ROOT, serverFile, tempConfigDir, writeServer } from "./helpers/config-dir.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>> | undefined;
afterEach(() => dir?.cleanup());

test("the process refuses to start on invalid config: exit code 1, every problem printed", async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, { ...serverFile("a", "t1"), expires_at: "someday" }, "a.json");
  await writeServer(dir.serversDir, "{ nope", "b.json");
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: "0",
      PAGERDUTY_API_TOKEN: "x",
      INTEGRATIONS_DIR: dir.integrationsDir,
      SERVERS_DIR: dir.serversDir,
      ACCOUNTS_FILE: `${dir.root}/none.json`,
      API_TOKENS_FILE: `${dir.root}/none2.json`,
      STATE_DIR: `${dir.root}/state`,
    },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines[0]).toBe("Refusing to start: 2 problem(s) in the configuration:");
  expect(lines[1]).toMatch(
    /servers\.d\/a\.json: \/expires_at cannot be read as a moment in time: write it like /,
  );
  expect(lines[2]).toMatch(/servers\.d\/b\.json: \/ is not valid JSON: /);
});
