import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ServerFile } from "../../src/config/types/server.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

const cli = (...args: string[]) => runCli(args, dir);
const CREATE = "create_a_pager_duty_incident";

describe("servers create with guardrails", () => {
  test("--constraints FILE --write-limit 10/h --write-limit TOOL=3/h --confirm-writes --audit-text", async () => {
    const rules = join(dir.root, "rules.json");
    await writeFile(rules, JSON.stringify({ [CREATE]: { urgency: { const: "low" } } }));
    const run = await cli(
      "servers",
      "create",
      "--name",
      "safe",
      "--constraints",
      rules,
      "--write-limit",
      "10/h",
      "--write-limit",
      "50/d",
      "--write-limit",
      `${CREATE}=3/h`,
      "--confirm-writes",
      "--audit-text",
      "--json",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const stored = JSON.parse(
      await readFile(join(dir.serversDir, "safe.json"), "utf8"),
    ) as ServerFile;
    expect(stored.config).toEqual({
      methods: [],
      tags: [],
      constraints: { [CREATE]: { urgency: { const: "low" } } },
      write_limits: { per_hour: 10, per_day: 50, tools: { [CREATE]: { per_hour: 3 } } },
      confirm_writes: true,
      audit: { include_text: true },
    });
  });

  test("--confirm-writes with tools confirms only those", async () => {
    const run = await cli("servers", "create", "--name", "some", "--confirm-writes", `${CREATE}`);
    expect(run.code).toBe(0);
    const stored = JSON.parse(await readFile(join(dir.serversDir, "some.json"), "utf8"));
    expect(stored.config.confirm_writes).toEqual([CREATE]);
  });

  test("bad options and rules are refused with every problem, and nothing is written", async () => {
    const rules = join(dir.root, "rules.json");
    await writeFile(rules, JSON.stringify({ [CREATE]: { severity: { enum: ["low"] } } }));
    const bad = await cli("servers", "create", "--name", "bad", "--write-limit", "10/week");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "Not created: 1 problem(s)\n  servers.d/bad.json: /config/write_limits --write-limit 10/week must look like 10/h, 50/d, 5/m or create_a_pager_duty_incident=3/h\n",
    );
    const unknown = await cli(
      "servers",
      "create",
      "--name",
      "bad",
      "--constraints",
      rules,
      "--confirm-writes",
      "list_all_pager_duty_incidents",
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      `servers.d/bad.json: /config/constraints/${CREATE}/severity is not an argument of ${CREATE}`,
    );
    expect(unknown.stderr).toContain(
      "servers.d/bad.json: /config/confirm_writes/0 names list_all_pager_duty_incidents, a read-only tool: only writes are budgeted and confirmed",
    );
    const missing = await cli("servers", "create", "--name", "bad", "--constraints", "nope.json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      "nope.json: / cannot be read as JSON (--constraints needs a file like",
    );
    const files = await import("node:fs/promises").then((fs) => fs.readdir(dir.serversDir));
    expect(files).toEqual([]);
  });
});
