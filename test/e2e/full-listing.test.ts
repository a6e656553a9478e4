import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readClaims } from "../../src/generator/curated-claims.js";
import { serverFile, SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";
import { shippedTools } from "../helpers/shipped-tools.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { toStrictSchema } from "../helpers/strict-schema.js";

/**
 * The whole API through a real SDK client: a server with every method lists every shipped tool
 * but the deprecated ones (which a server sees only by naming them), and every listed tool passes
 * the SDK's own validation of tools/list, the OpenAI strict-schema conversion and the lint, at
 * every nesting level.
 */
const shipped = [...(await shippedTools()).values()];
const generated = new Set(
  readClaims(join(SHIPPED_INTEGRATIONS, "pagerduty"), "generated", "pager_duty").map((c) => c.tool),
);
const deprecated = shipped
  .filter((t) => t.deprecated)
  .map((t) => t.name)
  .sort();

let stack: Stack;
let all: Client;
let named: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [
      serverFile("all", "full-listing-all", { config: { tool_exposure: "all" } }),
      serverFile("named", "full-listing-named", {
        config: { methods: ["read"], tool_exposure: "all", tools: deprecated },
      }),
    ],
  });
  all = await stack.client("full-listing-all");
  named = await stack.client("full-listing-named");
});
afterAll(() => stack.close());

type Schema = Record<string, unknown>;

/** Lint problems of one argument schema and everything nested in it. */
function lint(schema: Schema, path: string): string[] {
  const problems: string[] = [];
  if (typeof schema.description !== "string" || !/\S{3,}/.test(schema.description))
    problems.push(`${path} has no description`);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.length > 1 && (type.length > 2 || type[1] !== "null"))
    problems.push(`${path} has several types`);
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
    problems.push(...lint(value, `${path}.${key}`));
  const items = schema.items as Schema | undefined;
  if (items?.properties)
    for (const [key, value] of Object.entries(items.properties as Record<string, Schema>))
      problems.push(...lint(value, `${path}[].${key}`));
  return problems;
}

describe("a server with all methods lists the whole API", () => {
  test("every shipped tool but the deprecated ones, and each deprecated one only by name", async () => {
    const listed = (await all.listTools()).tools.map((t) => t.name).sort();
    expect(deprecated.length).toBeGreaterThan(0);
    expect(listed).toEqual(
      shipped
        .filter((t) => !t.deprecated)
        .map((t) => t.name)
        .sort(),
    );
    const byName = (await named.listTools()).tools;
    for (const name of deprecated) {
      const tool = byName.find((t) => t.name === name);
      expect(tool?.description, name).toMatch(/^Deprecated\. /);
    }
  });

  test("every listed tool converts to a strict schema and passes the lint at every level", async () => {
    const listed = [...(await all.listTools()).tools, ...(await named.listTools()).tools];
    const tools = [...new Map(listed.map((t) => [t.name, t])).values()];
    const problems: string[] = [];
    for (const tool of tools) {
      if (tool.name.length > 64) problems.push(`${tool.name}: name longer than 64 characters`);
      if (JSON.stringify(tool).includes("$ref")) problems.push(`${tool.name}: $ref`);
      try {
        // Generated tools must leave no object the model cannot fill (as in strict-schemas.test).
        toStrictSchema(tool.inputSchema as Schema, { fillable: generated.has(tool.name) });
      } catch (error) {
        problems.push(`${tool.name}: ${(error as Error).message}`);
      }
      for (const [key, value] of Object.entries(tool.inputSchema.properties ?? {}))
        problems.push(...lint(value as Schema, `${tool.name}: ${key}`));
    }
    expect(problems).toEqual([]);
    expect(tools.length).toBe(shipped.length);
  });
});

describe("the lint can fail", () => {
  test("a nested property without a description, or with two types, is reported", () => {
    const schema = {
      type: "object",
      description: "Outer object.",
      properties: {
        inner: {
          type: "array",
          description: "Items.",
          items: { properties: { a: { type: "string" } } },
        },
        both: { type: ["string", "integer"], description: "Either." },
      },
    };
    expect(lint(schema, "x")).toEqual([
      "x.inner[].a has no description",
      "x.both has several types",
    ]);
  });
});
