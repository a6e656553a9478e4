import { afterEach, beforeEach, expect, test } from "vitest";
import { hashToken } from "../../src/config/server-token.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(
    dir.serversDir,
    serverFile("weekend", "secret-url-token", {
      description: "Weekend on-call helper",
      config: { methods: ["read"], tags: ["oncall", "schedules"] },
      require_api_token_auth: true,
      expires_at: "2020-01-01T00:00:00Z",
    }),
    "weekend.json",
  );
});
afterEach(() => dir.cleanup());

test("--json shows every field of the file but the token hash, and whether it is live", async () => {
  const run = await runCli(["servers", "show", "weekend", "--json"], dir);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    version: 1,
    name: "weekend",
    description: "Weekend on-call helper",
    integration: "pagerduty",
    account: "default",
    config: { methods: ["read"], tags: ["oncall", "schedules"] },
    require_api_token_auth: true,
    expires_at: "2020-01-01T00:00:00Z",
    status: "expired",
    file: "servers.d/weekend.json",
  });
  expect(run.stdout).not.toContain(hashToken("secret-url-token"));
});

test("for people: one field per line, nested config as dotted keys, and where the URL went", async () => {
  const run = await runCli(["servers", "show", "weekend"], dir);
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split("\n");
  expect(lines).toContain(`${"config.methods:".padEnd(24)} read`);
  expect(lines).toContain(`${"config.tags:".padEnd(24)} oncall, schedules`);
  expect(lines).toContain(`${"status:".padEnd(24)} expired`);
  expect(lines.at(-1)).toBe(
    `${"url:".padEnd(24)} not stored (shown once at creation); npx pd-mcp servers rotate weekend makes a new one`,
  );
  expect(run.stdout).not.toContain(hashToken("secret-url-token"));
  expect(run.stdout).not.toContain("token_sha256");
});

test("an unknown server is refused with exit 2", async () => {
  const run = await runCli(["servers", "show", "nope"], dir);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    'servers.d/nope.json: / does not exist: no server is named "nope" (see npx pd-mcp servers list)',
  );
});
