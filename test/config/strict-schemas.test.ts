import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readClaims } from "../../src/generator/curated-claims.js";
import { SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";
import { shippedTools } from "../helpers/shipped-tools.js";
import { toStrictSchema } from "../helpers/strict-schema.js";

const tools = [...(await shippedTools()).values()];
const generated = new Set(
  readClaims(join(SHIPPED_INTEGRATIONS, "pagerduty"), "generated", "pager_duty").map((c) => c.tool),
);

describe("every shipped tool converts to an OpenAI strict function schema", () => {
  test.each(tools.map((t) => [t.name, t] as const))("%s", (_name, tool) => {
    // Generated tools must also leave no object the model cannot fill (free-form maps are lists
    // of key/value pairs there).
    const strict = toStrictSchema(tool.definition.inputSchema as Record<string, unknown>, {
      fillable: generated.has(tool.name),
    });
    expect(strict.additionalProperties).toBe(false);
    expect(strict.required).toEqual(Object.keys(tool.definition.inputSchema.properties ?? {}));
  });
});

describe("the conversion can fail", () => {
  test.each([
    [
      "a free-form map",
      {
        type: "object",
        properties: { m: { type: "object", additionalProperties: { type: "string" } } },
      },
      /\$\.m: additionalProperties must be false/,
    ],
    [
      "an object without properties",
      { type: "object", properties: { m: { type: "object" } } },
      /\$\.m: an object without declared properties/,
    ],
    [
      "a union",
      { type: "object", properties: { u: { anyOf: [{ type: "string" }] } } },
      /\$\.u: anyOf is not allowed/,
    ],
    [
      "a nested free-form item",
      {
        type: "object",
        properties: { l: { type: "array", items: { type: "object", additionalProperties: true } } },
      },
      /\$\.l\[\]: additionalProperties/,
    ],
  ])("%s is refused", (_intent, schema, message) => {
    expect(() => toStrictSchema(schema, { fillable: true })).toThrow(message);
  });
});
