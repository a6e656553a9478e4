import { beforeAll, describe, expect, test } from "vitest";
import { planRequest, type RequestPlan } from "../../src/interpreter/build-request.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { openApiSpec } from "../helpers/openapi-spec.js";
import { shippedTools } from "../helpers/shipped-tools.js";
import { createChecker, patchKnownDefects } from "./openapi-checker.js";

// Tools on another host (the Events API v2) are not operations of the REST description: their
// requests are checked end to end against the simulator's Events API (test/e2e/events-api.test.ts).
const tools = [...(await shippedTools()).values()].filter((t) => t.host === undefined);
const cases = tools.flatMap((tool) =>
  tool.examples.map((example) => [tool.name, example.title, tool, example.arguments] as const),
);

/**
 * A list marked pagination.declared: false sends paging values the description does not declare
 * (PagerDuty honours them): they are taken out before the check, everything else is checked.
 */
function withoutUndeclaredPaging(tool: CompiledTool, plan: RequestPlan): RequestPlan {
  if (tool.paginator.declared) return plan;
  const names = new Set(tool.paginator.requestNames);
  const body =
    plan.body && typeof plan.body === "object" && !Array.isArray(plan.body)
      ? Object.fromEntries(Object.entries(plan.body).filter(([k]) => !names.has(k)))
      : plan.body;
  return { ...plan, query: plan.query.filter(([k]) => !names.has(k)), body };
}

const spec = openApiSpec();
let check: ReturnType<typeof createChecker>;
beforeAll(() => {
  if (spec) check = createChecker(patchKnownDefects(spec));
});

describe.skipIf(!spec)(
  "every tool's upstream request matches PagerDuty's OpenAPI description",
  () => {
    test.each(cases)("%s: %s", async (_name, _title, tool: CompiledTool, args) => {
      const planned = await planRequest(tool, args, { defaultFromEmail: "alice@example.com" });
      if ("problems" in planned)
        throw new Error(`the example does not plan: ${planned.problems.join("; ")}`);
      expect(check(tool.pathTemplate, withoutUndeclaredPaging(tool, planned.plan))).toEqual([]);
    });

    test("every tool has at least one example", () => {
      expect(tools.filter((t) => t.examples.length === 0).map((t) => t.name)).toEqual([]);
    });
  },
);

describe.skipIf(!spec)("the checker accepts", () => {
  test("a CSV body where the operation declares text/csv", () => {
    const plan = {
      method: "POST",
      path: "/enrichment/schemas/S1/records",
      query: [] as Array<[string, string]>,
      headers: { "Content-Type": "text/csv" },
      body: "host,owner\nweb-1,team-a\n",
    };
    expect(check("/enrichment/schemas/{schema_id}/records", plan)).toEqual([]);
  });
});

describe.skipIf(!spec)("the checker can fail", () => {
  const base = {
    method: "GET",
    path: "/incidents",
    query: [] as Array<[string, string]>,
    headers: {},
    body: undefined,
  };
  test.each([
    [
      "an unknown operation",
      "/incidentz",
      base,
      ["GET /incidentz is not an operation of PagerDuty's API"],
    ],
    [
      "an undeclared query parameter",
      "/incidents",
      { ...base, query: [["colour", "red"]] },
      ["query parameter colour is not declared by GET /incidents"],
    ],
    [
      "a value outside the enum",
      "/incidents",
      { ...base, query: [["statuses[]", "open"]] },
      [expect.stringMatching(/^query statuses\[\]=open does not fit its schema/)],
    ],
    [
      "a write without From",
      "/incidents",
      {
        ...base,
        method: "POST",
        body: {
          incident: {
            type: "incident",
            title: "x",
            service: { id: "S", type: "service_reference" },
          },
        },
      },
      ["the operation requires the From header and none is sent"],
    ],
    [
      "a body missing its wrapper",
      "/incidents/{id}/notes",
      {
        ...base,
        method: "POST",
        path: "/incidents/Q1/notes",
        headers: { From: "a@example.com" },
        body: { content: "x" },
      },
      ["body / must have required property 'note'"],
    ],
    [
      "a From header the operation does not declare",
      "/incidents",
      { ...base, headers: { From: "a@example.com" } },
      ["a From header is sent but the operation does not declare one"],
    ],
    [
      "a body on an operation that takes none",
      "/incidents",
      { ...base, body: { incident: {} } },
      ["a body is sent but the operation takes none"],
    ],
    [
      "a union body that does not name its variant (discriminator mapping)",
      "/automation_actions/actions/{id}",
      {
        ...base,
        method: "PUT",
        path: "/automation_actions/actions/A1",
        body: { action: { name: "x" } },
      },
      [
        "body /action must have required property 'action_type'",
        "body /action must have required property 'action_type'",
        "body /action must match exactly one schema in oneOf",
      ],
    ],
    [
      "a CSV body on an operation that takes none",
      "/incidents",
      { ...base, headers: { "Content-Type": "text/csv" }, body: "id\nQ1\n" },
      ["a body is sent but the operation takes none"],
    ],
    [
      "a CSV body on an operation that takes only JSON",
      "/incidents/{id}/notes",
      {
        ...base,
        method: "POST",
        path: "/incidents/Q1/notes",
        headers: { From: "a@example.com", "Content-Type": "text/csv" },
        body: "content\nx\n",
      },
      ["the body is text/csv but the operation takes application/json"],
    ],
    [
      "a JSON body on an operation that takes CSV",
      "/enrichment/schemas/{schema_id}/records",
      { ...base, method: "POST", path: "/enrichment/schemas/S1/records", body: { csv: "a" } },
      ["the body is application/json but the operation takes multipart/form-data or text/csv"],
    ],
    [
      "a CSV body that is not text",
      "/enrichment/schemas/{schema_id}/records",
      {
        ...base,
        method: "POST",
        path: "/enrichment/schemas/S1/records",
        headers: { "Content-Type": "text/csv" },
        body: ["a", "b"],
      },
      ["body / must be string"],
    ],
    [
      "a body value of the wrong type (bodies are not coerced)",
      "/incidents/{id}/snooze",
      {
        ...base,
        method: "POST",
        path: "/incidents/Q1/snooze",
        headers: { From: "a@example.com" },
        body: { duration: "3600" },
      },
      ["body /duration must be integer"],
    ],
    [
      "a query value that is not a date-time",
      "/log_entries",
      { ...base, path: "/log_entries", query: [["since", "yesterday"]] },
      [expect.stringMatching(/^query since=yesterday does not fit its schema/)],
    ],
    [
      "a change-event window that is not UTC",
      "/change_events",
      { ...base, path: "/change_events", query: [["since", "2026-11-25T08:40:00+01:00"]] },
      [expect.stringMatching(/^query since=2026-11-25T08:40:00\+01:00 does not fit/)],
    ],
    [
      "a path placeholder left empty",
      "/incidents/{id}/alerts/{alert_id}",
      { ...base, path: "/incidents/Q1/alerts/" },
      ["path /incidents/Q1/alerts/ does not fit /incidents/{id}/alerts/{alert_id}"],
    ],
  ])("%s is reported", (_intent, template, plan, expected) => {
    expect(check(template as string, plan as never)).toEqual(expected);
  });
});
