import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readClaims } from "../../src/generator/curated-claims.js";
import { listOperations } from "../../src/generator/openapi-document.js";
import { successResponse } from "../../src/generator/response-shape.js";
import { createShapeResolver } from "../../src/generator/schema-resolve.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";
import { openApiSpec } from "../helpers/openapi-spec.js";
import { shippedTools } from "../helpers/shipped-tools.js";
import { sampleOf } from "./sample-response.js";

const spec = openApiSpec();
// Tools on another host (the Events API v2) are not operations of the REST description.
const tools = [...(await shippedTools()).values()].filter((t) => t.host === undefined);
const generated = new Set(
  readClaims(join(SHIPPED_INTEGRATIONS, "pagerduty"), "generated", "pager_duty").map((c) => c.tool),
);

/** Maps a body as callTool does: lists become an array, an absent value nothing. */
async function mapped(tool: CompiledTool, body: unknown): Promise<unknown> {
  const out = await tool.mapping.evaluate(body);
  if (!tool.isList) return out;
  return out === undefined ? [] : Array.isArray(out) ? out : [out];
}

describe.skipIf(!spec)("every tool's response mapping on the answer PagerDuty describes", () => {
  const resolveShape = spec ? createShapeResolver(spec) : () => ({});
  const ops = spec ? listOperations(spec) : [];
  const answerOf = (tool: CompiledTool) => {
    const op = ops.find((o) => o.method === tool.httpMethod && o.path === tool.pathTemplate);
    return op ? successResponse(op, resolveShape) : undefined;
  };

  test.each(tools.map((t) => [t.name, t] as const))("%s", async (name, tool) => {
    const answer = answerOf(tool);
    if (!answer) {
      // The description declares no success answer at all: the tool passes whatever comes.
      expect(tool.mapping.source, name).toBe("$");
      return;
    }
    if (!answer.schema) {
      // No body (204, 202): the tool answers its declared empty result.
      expect(tool.emptyResult ?? null, name).not.toBeUndefined();
      return;
    }
    // The schema's shape (one item per array), then the description's own example if any.
    const sample = sampleOf(answer.schema);
    for (const body of [sample, ...(answer.example ? [answer.example] : [])]) {
      const result = await mapped(tool, body);
      if (tool.isList) {
        expect(Array.isArray(result)).toBe(true);
        expect(() => tool.paginator.nextCursor(body, {})).not.toThrow();
      }
      if (generated.has(name) && body === sample) {
        // A generated mapping passes the data through, unwrapped from its envelope.
        const where = `${tool.mapping.source} on ${JSON.stringify(body).slice(0, 200)}`;
        expect(result, where).not.toBeUndefined();
        if (tool.isList) expect((result as unknown[]).length, where).toBeGreaterThan(0);
      }
    }
  });
});
