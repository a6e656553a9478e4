import { describe, expect, test } from "vitest";
import { listOperations } from "../../src/generator/openapi-document.js";
import { flattenBody } from "../../src/generator/request-body.js";
import { createShapeResolver } from "../../src/generator/schema-resolve.js";
import { newContext } from "../../src/generator/value-schema.js";
import { compileExpression } from "../../src/interpreter/compile-expression.js";

/** A small description in PagerDuty's style: one wrapped body with every kind of field. */
const spec = {
  paths: {
    "/widgets": {
      post: {
        operationId: "createWidget",
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { widget: { $ref: "#/components/schemas/Widget" } },
                required: ["widget"],
              },
            },
          },
        },
        responses: { "201": {} },
      },
    },
  },
  components: {
    schemas: {
      Base: {
        type: "object",
        properties: {
          id: { type: "string", readOnly: true },
          type: { type: "string", readOnly: true },
          self: { type: "string", readOnly: true },
        },
      },
      ServiceReference: {
        type: "object",
        properties: {
          id: { type: "string" },
          type: { type: "string", enum: ["service_reference"] },
        },
        required: ["id", "type"],
      },
      Widget: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          {
            type: "object",
            properties: {
              type: { type: "string", enum: ["widget"] },
              name: { type: "string", maxLength: 100 },
              size: { type: "integer", minimum: 1, maximum: 9 },
              service: { $ref: "#/components/schemas/ServiceReference" },
              teams: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    type: { type: "string", enum: ["team_reference"] },
                  },
                },
              },
              labels: { type: "object", additionalProperties: { type: "string" } },
              created_at: { type: "string", format: "date-time", readOnly: true },
            },
            required: ["type", "name", "service", "created_at"],
          },
        ],
      },
    },
  },
};

describe("flattening a request body", () => {
  const op = listOperations(spec)[0];
  const ctx = newContext();
  const body = flattenBody(op, createShapeResolver(spec), ctx, new Set(), (p) =>
    p === "/services" ? "list_all_pager_duty_services" : undefined,
  )!;

  test("the wrapper is unwrapped; read-only fields are left out; references become IDs", () => {
    expect(Object.keys(body.params)).toEqual(["name", "size", "service_id", "team_ids", "labels"]);
    expect(body.params.name).toMatchObject({ in: "body", required: true });
    expect(body.params.name.schema).toEqual({ type: "string", maxLength: 100 });
    expect(body.params.size.schema).toEqual({ type: "integer", minimum: 1, maximum: 9 });
    expect(body.params.service_id).toMatchObject({ required: true, schema: { type: "string" } });
    expect(body.params.service_id.description).toContain("list_all_pager_duty_services");
    expect(body.params.team_ids.schema).toMatchObject({ type: "array", items: { type: "string" } });
    expect(body.unfillable).toEqual([]);
  });

  test("a free-form map is a list of key/value pairs (strict schemas allow no open objects)", () => {
    expect(body.params.labels.schema).toMatchObject({
      type: "array",
      items: { type: "object", required: ["key", "value"], additionalProperties: false },
    });
  });

  test("the body expression rebuilds PagerDuty's wrapped body, constants baked in", async () => {
    const compiled = compileExpression(body.expression!);
    if ("problem" in compiled) throw new Error(compiled.problem);
    const out = await compiled.expression.evaluate({
      name: "W",
      service_id: "PSVC1",
      team_ids: ["PT1", "PT2"],
      labels: [{ key: "env", value: "prod" }],
    });
    expect(out).toEqual({
      widget: {
        type: "widget",
        name: "W",
        service: { id: "PSVC1", type: "service_reference" },
        teams: [
          { id: "PT1", type: "team_reference" },
          { id: "PT2", type: "team_reference" },
        ],
        labels: { env: "prod" },
      },
    });
    expect(await compiled.expression.evaluate({ name: "W", service_id: "S" })).toEqual({
      widget: { type: "widget", name: "W", service: { id: "S", type: "service_reference" } },
    });
  });
});
