import { join } from "node:path";
import { ToolSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { REPO_ROOT } from "../helpers/config-dir.js";

const result = await loadConfig({
  integrationsDir: join(REPO_ROOT, "integrations"),
  serversDir: join(REPO_ROOT, "servers.d"),
});

describe("every shipped file", () => {
  test("integrations/ and servers.d/ load without a problem", () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  const tools = result.ok
    ? [...result.snapshot.integrations.values()].flatMap((i) => [...i.tools.values()])
    : [];
  test("ships the tools an on-call engineer needs, named by the rule", () => {
    const names = tools.map((t) => t.name);
    for (const name of [
      "list_all_pager_duty_incidents",
      "get_single_pager_duty_incident_by_id",
      "create_a_pager_duty_incident_note",
      "list_all_pager_duty_schedules",
      "list_all_pager_duty_on_calls",
      "create_a_pager_duty_incident",
      "update_a_pager_duty_incident_by_id",
      "merge_a_pager_duty_incident",
      "snooze_a_pager_duty_incident",
      "list_all_pager_duty_incident_alerts",
      "get_single_pager_duty_incident_alert_by_id",
      "list_all_pager_duty_incident_log_entries",
      "list_all_pager_duty_audit_records",
    ]) {
      expect(names).toContain(name);
    }
    expect(tools.length).toBeGreaterThanOrEqual(35);
  });

  test.each(tools.map((t) => [t.name, t] as const))(
    "%s passes the SDK's tool schema and the lint",
    (_name, tool) => {
      const def = tool.definition;
      expect(() => ToolSchema.parse(def)).not.toThrow();
      expect(def.name).toMatch(/^[a-z0-9_]{1,64}$/);
      expect(JSON.stringify(def)).not.toContain("$ref");
      const schema = def.inputSchema as Record<string, unknown>;
      expect(schema.type).toBe("object");
      for (const keyword of ["oneOf", "anyOf", "allOf", "not", "if"])
        expect(schema).not.toHaveProperty(keyword);
      for (const [prop, s] of Object.entries(def.inputSchema.properties ?? {})) {
        expect((s as { description?: string }).description, `${prop} has no description`).toMatch(
          /\S{3,}/,
        );
        // A nullable value is [type, "null"]; anything else is one JSON type.
        const type = (s as { type: string | string[] }).type;
        const [main, ...rest] = Array.isArray(type) ? type : [type];
        expect(["string", "integer", "number", "boolean", "array", "object"]).toContain(main);
        expect(rest).toEqual(Array.isArray(type) ? ["null"] : []);
      }
      expect(def.description?.length ?? 0).toBeGreaterThan(40);
      if (tool.kind === "read") expect(def.annotations?.readOnlyHint).toBe(true);
      if (tool.kind === "write") expect(def.annotations?.readOnlyHint).toBe(false);
      if (tool.method === "delete") expect(def.annotations?.destructiveHint).toBe(true);
    },
  );
});
