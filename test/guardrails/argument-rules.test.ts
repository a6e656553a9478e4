import { describe, expect, test } from "vitest";
import { applyRules, compileRule } from "../../src/guardrails/argument-rules.js";
import { auditArguments } from "../../src/guardrails/audit-log.js";
import type { ToolInputSchema } from "../../src/interpreter/input-schema.js";

const T = "create_a_pager_duty_incident";
const schema: ToolInputSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    title: { type: "string", description: "Title." },
    service_id: { type: "string", pattern: "^[A-Za-z0-9]+$", description: "Service." },
    service_ids: { type: "array", items: { type: "string" }, description: "Services." },
    urgency: { type: "string", enum: ["high", "low"], description: "Urgency." },
    limit: { type: "integer", minimum: 1, description: "Limit." },
    since: { type: "string", format: "date-time", description: "Since." },
  },
};
const rule = (arg: string, r: Parameters<typeof compileRule>[2]) =>
  compileRule(T, arg, r, schema.properties[arg]);

describe("applyRules", () => {
  test("fills const values and passes calls that keep the rules", () => {
    expect(
      applyRules(
        [
          rule("urgency", { const: "low" }),
          rule("service_id", { allowed_ids: ["SAUTH1"] }),
          rule("service_ids", { allowed_ids: ["SAUTH1", "SPAY1"], required: true }),
          rule("limit", { maximum: 10 }),
          rule("title", { pattern: "^\\[bot\\] " }),
        ],
        { service_id: "SAUTH1", service_ids: ["SPAY1"], limit: 10, title: "[bot] disk" },
      ),
    ).toEqual({
      args: {
        service_id: "SAUTH1",
        service_ids: ["SPAY1"],
        limit: 10,
        title: "[bot] disk",
        urgency: "low",
      },
    });
  });

  test("lists every broken rule, naming it", () => {
    expect(
      applyRules(
        [
          rule("urgency", { const: "low" }),
          rule("service_id", { allowed_ids: ["SAUTH1"] }),
          rule("service_ids", { allowed_ids: ["SAUTH1"], required: true }),
          rule("limit", { maximum: 10 }),
          rule("title", { pattern: "^\\[bot\\] " }),
          rule("since", { required: true }),
        ],
        {
          urgency: "high",
          service_id: "SPAY1",
          service_ids: ["SAUTH1", "SX"],
          limit: 11,
          title: "disk",
        },
      ),
    ).toEqual({
      violations: [
        `urgency is fixed to "low" on this server: leave it out (this server's rule constraints.${T}.urgency.const)`,
        `service_id is "SPAY1", but it must be one of SAUTH1 (this server's rule constraints.${T}.service_id.allowed_ids)`,
        `service_ids has "SX", but each item of service_ids must be one of SAUTH1 (this server's rule constraints.${T}.service_ids.allowed_ids)`,
        `limit is 11, but must be at most 10 (this server's rule constraints.${T}.limit.maximum)`,
        `title must match /^\\[bot\\] / (this server's rule constraints.${T}.title.pattern)`,
        `since must be given (this server's rule constraints.${T}.since.required)`,
      ],
    });
  });

  test("the same value as a const is accepted", () => {
    expect(applyRules([rule("urgency", { const: "low" })], { urgency: "low" })).toEqual({
      args: { urgency: "low" },
    });
  });
});

describe("auditArguments", () => {
  test("keeps IDs, enums, formats, numbers and fixed values; free text as its length", () => {
    expect(
      auditArguments(
        {
          title: "Customer Jane Doe cannot log in",
          service_id: "SAUTH1",
          service_ids: ["S1"],
          urgency: "low",
          limit: 3,
          since: "2026-11-25T09:00:00Z",
          fixed_note: "x",
          confirm: "abc.def",
        },
        schema,
        { includeText: false, fixed: ["fixed_note"] },
      ),
    ).toEqual({
      title: { length: 31 },
      service_id: "SAUTH1",
      service_ids: [{ length: 2 }],
      urgency: "low",
      limit: 3,
      since: "2026-11-25T09:00:00Z",
      fixed_note: "x",
    });
  });

  test("keeps free text when the server says so", () => {
    expect(
      auditArguments({ title: "Disk full" }, schema, { includeText: true, fixed: [] }),
    ).toEqual({
      title: "Disk full",
    });
  });
});
