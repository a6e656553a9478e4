import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, inject, test } from "vitest";
import { listOperations } from "../../src/generator/openapi-document.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { openApiSpec } from "../helpers/openapi-spec.js";
import { runCli } from "../helpers/run-cli.js";

const spec = openApiSpec();
const specPath = inject("openapiPath") ?? "";
let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

const coverage = (...args: string[]) =>
  runCli(["coverage", ...args], dir, { PAGERDUTY_OPENAPI_PATH: specPath });

interface Report {
  total: number;
  operations: Array<Record<string, unknown> & { status: string; reason: string | null }>;
}

describe.skipIf(!spec)("pd-mcp coverage", () => {
  test("--json accounts for every operation of the description, each with its tool", async () => {
    const run = await coverage("--json");
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const ops = listOperations(spec!);
    expect(report.total).toBe(ops.length);
    expect(report.operations.map((o) => o.operation_id)).toEqual(ops.map((o) => o.operationId));
    for (const o of report.operations) {
      expect(Object.keys(o)).toEqual([
        "operation_id",
        "method",
        "path",
        "tool",
        "status",
        "reason",
        "deprecated",
      ]);
      expect(["curated", "generated", "excluded"]).toContain(o.status);
      if (o.status === "excluded") expect(o.reason).toMatch(/\S/);
      else expect(o.reason).toBeNull();
    }
    expect(report.operations.find((o) => o.operation_id === "listIncidents")).toMatchObject({
      tool: "list_all_pager_duty_incidents",
      status: "curated",
    });
    expect(report.operations.find((o) => o.operation_id === "getUserContactMethods")).toMatchObject(
      { tool: "list_all_pager_duty_user_contact_methods", status: "generated" },
    );
    expect(report.operations.filter((o) => o.deprecated).length).toBe(
      ops.filter((o) => o.deprecated).length,
    );
  });

  test("the human form counts the statuses and lists one operation per line", async () => {
    const run = await coverage();
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^\d+ operations: \d+ curated, \d+ generated, \d+ excluded, 0 uncovered; \d+ deprecated/,
    );
    expect(lines).toHaveLength(3 + listOperations(spec!).length);
    expect(lines.find((l) => l.includes("GET /users/{id}/contact_methods "))).toMatch(
      /^generated +GET \/users\/\{id\}\/contact_methods +list_all_pager_duty_user_contact_methods/,
    );
  });

  test("a generated file missing from disk leaves its operations uncovered: exit 1", async () => {
    await rm(join(dir.integrationsDir, "pagerduty/generated/user_contact_methods.json"));
    const run = await coverage("--json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.operations.find((o) => o.operation_id === "getUserContactMethods")).toMatchObject(
      {
        status: "uncovered",
        reason: "no resource file describes it: run npm run generate:resources and commit",
      },
    );
    expect(run.stderr).toMatch(/operation\(s\) uncovered: run npm run generate:resources/);
  });
});

test("without the description it says where it looked and how to point at it: exit 2", async () => {
  const run = await runCli(["coverage"], dir, {
    PAGERDUTY_OPENAPI_PATH: "/nowhere/openapiv3.json",
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    "PagerDuty's OpenAPI description was not found at /nowhere/openapiv3.json: set PAGERDUTY_OPENAPI_PATH",
  );
});
