import { beforeAll, describe, expect, test } from "vitest";
import { loadIntegrations } from "../../src/config/load-integrations.js";
import { resolveServers } from "../../src/config/load-servers.js";
import type { LoadedIntegration } from "../../src/config/snapshot.js";
import type { ServerFile } from "../../src/config/types/server.js";
import { formatProblem } from "../../src/errors.js";
import type { ToolInputSchema } from "../../src/interpreter/input-schema.js";
import { serverFile, SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";

let integrations: Map<string, LoadedIntegration>;
beforeAll(async () => {
  integrations = (await loadIntegrations(SHIPPED_INTEGRATIONS)).integrations;
});

const CREATE = "create_a_pager_duty_incident";
const LIST = "list_all_pager_duty_incidents";

function resolve(config: ServerFile["config"]) {
  const doc = serverFile("guarded", "t", { config });
  return resolveServers(
    [{ file: "servers.d/guarded.json", path: "", text: "", doc }],
    integrations,
    // An account with a default From user, so from_email stays optional in write schemas.
    new Map([["default", { name: "default", fromEmail: "bot@example.com" }]]),
  );
}

function problemsOf(config: ServerFile["config"]): string[] {
  return resolve(config).problems.map(formatProblem);
}

describe("a server file's guardrails are checked against the tools it exposes", () => {
  test.each<[string, ServerFile["config"], string]>([
    [
      "a tool that does not exist",
      { constraints: { create_a_pager_duty_unicorn: { title: { pattern: "x" } } } },
      "servers.d/guarded.json: /config/constraints/create_a_pager_duty_unicorn names no tool: create_a_pager_duty_unicorn does not exist (see npx pd-mcp tools --server guarded)",
    ],
    [
      "a tool the filter hides",
      { methods: ["read"], constraints: { [CREATE]: { urgency: { enum: ["low"] } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE} names ${CREATE}, which this server does not expose (its methods/tags filter hides it)`,
    ],
    [
      "an argument that does not exist",
      { constraints: { [CREATE]: { severity: { enum: ["low"] } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/severity is not an argument of ${CREATE}: its arguments are title, service_id, urgency, details, priority_id, escalation_policy_id, assignee_ids, incident_key, from_email`,
    ],
    [
      "an enum value outside the tool's own values",
      { constraints: { [CREATE]: { urgency: { enum: ["low", "medium"] } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/urgency/enum/1 must be one of the tool's own values "high", "low"`,
    ],
    [
      "a pattern on a number",
      { constraints: { [LIST]: { limit: { pattern: "^1" } } } },
      `servers.d/guarded.json: /config/constraints/${LIST}/limit/pattern applies to text arguments; the argument is integer`,
    ],
    [
      "a pattern that is not a regular expression",
      { constraints: { [CREATE]: { title: { pattern: "([a-z" } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/title/pattern is not a valid regular expression: Invalid regular expression: /([a-z/u: Unterminated character class`,
    ],
    [
      "a maximum on text",
      { constraints: { [CREATE]: { title: { maximum: 3 } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/title/maximum applies to number arguments; the argument is string`,
    ],
    [
      "allowed_ids on an argument with fixed values",
      { constraints: { [CREATE]: { urgency: { allowed_ids: ["P1"] } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/urgency/allowed_ids applies to ID arguments (text, or lists of text, with no fixed values); the argument is one of high, low`,
    ],
    [
      "a const the tool itself would refuse",
      { constraints: { [CREATE]: { urgency: { const: "urgent" } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/urgency/const must be one of the tool's own values "high", "low"`,
    ],
    [
      "const combined with other rules",
      { constraints: { [CREATE]: { urgency: { const: "low", enum: ["low"] } } } },
      `servers.d/guarded.json: /config/constraints/${CREATE}/urgency fixes the value with const: remove enum`,
    ],
    [
      "a maximum below the tool's own minimum",
      { constraints: { [LIST]: { limit: { maximum: 0 } } } },
      `servers.d/guarded.json: /config/constraints/${LIST}/limit/maximum is below the tool's own minimum 1: no value would be allowed`,
    ],
    [
      "a budget on a read tool",
      { write_limits: { tools: { [LIST]: { per_hour: 3 } } } },
      `servers.d/guarded.json: /config/write_limits/tools/${LIST} names ${LIST}, a read-only tool: only writes are budgeted and confirmed`,
    ],
    [
      "confirmation of a tool that does not exist",
      { confirm_writes: ["create_a_pager_duty_unicorn"] },
      "servers.d/guarded.json: /config/confirm_writes/0 names no tool: create_a_pager_duty_unicorn does not exist (see npx pd-mcp tools --server guarded)",
    ],
  ])("%s is a config error naming file and pointer", (_intent, config, expected) => {
    expect(problemsOf(config)).toEqual([expected]);
  });

  test("a valid file has no problems and its tools show the rules", () => {
    const { servers, problems } = resolve({
      constraints: {
        [CREATE]: {
          urgency: { const: "low" },
          service_id: { allowed_ids: ["SAUTH1", "SPAYMT1"] },
          title: { pattern: "^\\[bot\\] " },
        },
        [LIST]: {
          limit: { maximum: 10 },
          service_ids: { allowed_ids: ["SAUTH1"], required: true },
        },
      },
      write_limits: { per_hour: 10, tools: { [CREATE]: { per_hour: 3 } } },
      confirm_writes: [CREATE],
    });
    expect(problems).toEqual([]);
    const create = servers[0].toolsByName.get(CREATE)!.definition;
    const schema = create.inputSchema as ToolInputSchema;
    expect(schema.properties.urgency).toBeUndefined();
    expect(schema.properties.service_id).toMatchObject({ enum: ["SAUTH1", "SPAYMT1"] });
    expect(schema.properties.service_id.description).toMatch(
      /On this server it must be one of SAUTH1, SPAYMT1\.$/,
    );
    // Both the tool's own pattern (none on title) and the rule's.
    expect(schema.properties.title.pattern).toBe("^\\[bot\\] ");
    expect(schema.properties.confirm).toMatchObject({ type: "string" });
    expect(schema.required).toEqual(["title", "service_id"]);
    expect(create.description).toContain(
      'On this server urgency = "low" (fixed: not an argument).',
    );
    expect(create.description).toContain(
      "Write budget on this server: 10 per hour for all writes; 3 per hour for this tool.",
    );
    expect(create.description).toContain("Never confirm on your own.");
    expect(create.annotations?.title).toBe("Create an incident (asks for confirmation)");

    const list = servers[0].toolsByName.get(LIST)!.definition.inputSchema as ToolInputSchema;
    expect(list.properties.limit.maximum).toBe(10);
    expect(list.properties.service_ids.items).toMatchObject({
      enum: ["SAUTH1"],
      pattern: "^[A-Za-z0-9]+$",
    });
    expect(list.required).toEqual(["service_ids"]);
    expect(list.properties.confirm).toBeUndefined();
  });

  test("a pattern on an argument that has one keeps both", () => {
    const { servers } = resolve({ constraints: { [CREATE]: { service_id: { pattern: "^S" } } } });
    const pattern = (servers[0].toolsByName.get(CREATE)!.definition.inputSchema as ToolInputSchema)
      .properties.service_id.pattern as string;
    const re = new RegExp(pattern, "u");
    expect(["SAUTH1", "PAUTH1", "S-1"].map((v) => re.test(v))).toEqual([true, false, false]);
  });

  test("servers without guardrails show the tools unchanged, and guardrails change the catalog version", () => {
    const plain = resolve({}).servers[0];
    const guarded = resolve({ write_limits: { per_day: 50 } }).servers[0];
    const shipped = integrations.get("pagerduty")!.tools;
    // A read whose descriptions name no other tool (references are rendered per server).
    const PLAIN = "list_all_pager_duty_priorities";
    expect(plain.toolsByName.get(PLAIN)).toBe(shipped.get(PLAIN));
    expect(guarded.toolsByName.get(PLAIN)).toBe(shipped.get(PLAIN));
    expect(guarded.catalogVersion).not.toBe(plain.catalogVersion);
  });
});
