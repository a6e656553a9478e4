import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

describe("pd-mcp validate", () => {
  test("a valid directory is OK, exit 0", async () => {
    await writeServer(dir.serversDir, serverFile("good", "good-token"));
    const run = await runCli(["validate"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^OK: 1 integration\(s\), \d+ tool\(s\), 1 server\(s\)$/m);
  });

  test("schema problems do not hide the meaning ones: every problem of a file in one pass", async () => {
    await writeServer(
      dir.serversDir,
      {
        ...serverFile("other-name", "t1", { account: "nobody" }),
        token_sha256: "abc",
        colour: "red",
        config: { methods: ["read", "frob"], tags: ["incidentz"] },
      },
      "x.json",
    );
    const run = await runCli(["validate", "--json"], dir);
    expect(run.code).toBe(1);
    const problems = (JSON.parse(run.stdout) as { problems: Array<{ text: string }> }).problems;
    expect(problems).toHaveLength(6);
    expect(problems.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        "servers.d/x.json: /token_sha256 must match the pattern ^[0-9a-f]{64}$",
        "servers.d/x.json: /colour is not a known property: remove it or check its spelling",
        'servers.d/x.json: /name must equal the file name "x" (rename the file to other-name.json or change name)',
        "servers.d/x.json: /account names no configured account: known are default; add it to the accounts file (ACCOUNTS_FILE)",
        expect.stringMatching(/^servers\.d\/x\.json: \/config\/methods\/1 must be one of /),
        expect.stringMatching(/^servers\.d\/x\.json: \/config\/tags\/0 must be one of /),
      ]),
    );
  });

  test("a guardrail problem is reported together with a problem outside config", async () => {
    await writeServer(dir.serversDir, {
      ...serverFile("guarded", "t2", { expires_at: "2026-12-31T23:59:60Z" }),
      config: { methods: ["read"], confirm_writes: ["create_a_pager_duty_incident"] },
    });
    const run = await runCli(["validate"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").map((l) => l.trim())).toEqual([
      "Invalid configuration: 2 problem(s)",
      "servers.d/guarded.json: /config/confirm_writes/0 names create_a_pager_duty_incident, which this server does not expose (its methods/tags filter hides it)",
      "servers.d/guarded.json: /expires_at cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)",
      "",
    ]);
  });
});
