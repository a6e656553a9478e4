import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { AuditEntry } from "../../src/guardrails/audit-log.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

const cli = (...args: string[]) => runCli(args, dir);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const entries: AuditEntry[] = [
  {
    time: hoursAgo(30),
    server: "oncall",
    tool: "create_a_pager_duty_incident",
    outcome: "succeeded",
    upstream_status: 201,
    id: "Q1OLD",
    arguments: { title: { length: 9 }, service_id: "SAUTH1" },
    client: { name: "ChatGPT", version: "1.0" },
  },
  {
    time: hoursAgo(2),
    server: "oncall",
    tool: "create_a_pager_duty_incident",
    outcome: "refused",
    reason: "write_limit",
    message: "budget spent",
    arguments: { title: { length: 9 }, service_id: "SAUTH1" },
  },
  {
    time: hoursAgo(1),
    server: "other",
    tool: "snooze_a_pager_duty_incident",
    outcome: "succeeded",
    confirmed: true,
    upstream_status: 201,
    id: "Q2NEW",
    arguments: { id: "Q2NEW", duration: 3600 },
  },
];

async function writeAudit(extra = ""): Promise<void> {
  await mkdir(join(dir.root, ".pd-mcp/state"), { recursive: true });
  await writeFile(
    join(dir.root, ".pd-mcp/state/audit.jsonl"),
    entries.map((e) => JSON.stringify(e)).join("\n") + "\n" + extra,
  );
}

describe("pd-mcp audit", () => {
  test("--json prints the entries as stored, filtered by --server and --since", async () => {
    await writeAudit();
    const all = await cli("audit", "--json");
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual(entries);
    const oncall = await cli("audit", "--server", "oncall", "--since", "24h", "--json");
    expect(JSON.parse(oncall.stdout)).toEqual([entries[1]]);
    const since = await cli("audit", "--since", hoursAgo(1.5), "--json");
    expect(JSON.parse(since.stdout)).toEqual([entries[2]]);
  });

  test("a table for people; unreadable lines are counted, not fatal", async () => {
    await writeAudit("{torn line\n");
    const run = await cli("audit");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^TIME\s+SERVER\s+TOOL\s+OUTCOME\s+ID \/ REASON\s+CLIENT$/);
    expect(lines[1]).toMatch(
      /oncall\s+create_a_pager_duty_incident\s+succeeded\s+Q1OLD\s+ChatGPT 1\.0$/,
    );
    expect(lines[2]).toMatch(/refused\s+write_limit\s*$/);
    expect(lines[3]).toMatch(
      /other\s+snooze_a_pager_duty_incident\s+succeeded \(confirmed\)\s+Q2NEW/,
    );
    expect(run.stderr).toBe(
      "1 line(s) of .pd-mcp/state/audit.jsonl are not audit entries and were skipped.\n",
    );
  });

  test("no audit file yet, and a bad --since", async () => {
    const empty = await cli("audit", "--server", "oncall");
    expect(empty.stdout).toBe("No audited writes of oncall in .pd-mcp/state/audit.jsonl.\n");
    const bad = await cli("audit", "--since", "yesterday");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "--since yesterday must be a duration (30m, 24h, 7d) or an ISO 8601 date-time\n",
    );
  });
});
