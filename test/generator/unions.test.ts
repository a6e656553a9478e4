import { describe, expect, test } from "vitest";
import { exampleArguments } from "../../src/generator/examples.js";
import { listOperations } from "../../src/generator/openapi-document.js";
import { flattenBody } from "../../src/generator/request-body.js";
import { createShapeResolver } from "../../src/generator/schema-resolve.js";
import { correctSpec } from "../../src/generator/spec-corrections.js";
import { newContext } from "../../src/generator/value-schema.js";

/** One variant of a job: the shared Base plus a `data` object requiring one field of its own. */
function jobVariant(field: string) {
  return {
    allOf: [
      { $ref: "#/components/schemas/Base" },
      {
        type: "object",
        properties: {
          data: { type: "object", properties: { [field]: { type: "string" } }, required: [field] },
        },
      },
    ],
  };
}

/** An operation whose JSON body is one required object under `wrapper`. */
function wrappedBody(operationId: string, wrapper: string, schema: unknown) {
  const body = { type: "object", properties: { [wrapper]: schema }, required: [wrapper] };
  return {
    operationId,
    requestBody: { content: { "application/json": { schema: body } } },
    responses: { "200": {} },
  };
}

/** A body that is a discriminated union (mapping), with a field two variants declare differently. */
const spec = {
  paths: {
    "/jobs/{id}": {
      put: wrappedBody("updateJob", "job", {
        oneOf: [
          { $ref: "#/components/schemas/ScriptJob" },
          { $ref: "#/components/schemas/RemoteJob" },
        ],
        discriminator: {
          propertyName: "job_type",
          mapping: {
            script: "#/components/schemas/ScriptJob",
            remote: "#/components/schemas/RemoteJob",
          },
        },
      }),
    },
    "/phones": {
      post: wrappedBody("createPhone", "phone", {
        oneOf: [
          {
            type: "object",
            properties: {
              type: { type: "string", enum: ["sms", "voice"] },
              country_code: { type: "integer", minimum: 1 },
              cidr: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$" },
              created_at: { type: "string", readOnly: true },
              kind: { type: "string", enum: ["phone"], readOnly: true },
            },
            required: ["type", "country_code", "created_at", "kind"],
          },
          {
            type: "object",
            properties: {
              type: { type: "string", enum: ["email"] },
              address: { type: "string" },
            },
            required: ["type"],
          },
        ],
      }),
    },
  },
  components: {
    schemas: {
      Base: {
        type: "object",
        properties: {
          name: { type: "string" },
          job_type: { type: "string", enum: ["script", "remote"] },
        },
      },
      ScriptJob: jobVariant("script"),
      RemoteJob: jobVariant("host"),
    },
  },
};

function body(operationId: string) {
  const op = listOperations(spec).find((o) => o.operationId === operationId)!;
  return flattenBody(op, createShapeResolver(spec), newContext(), new Set(), () => undefined)!;
}

describe("unions in request bodies", () => {
  test("a mapped discriminator is required and each variant's object fields are kept", () => {
    const plan = body("updateJob");
    expect(plan.params.job_type).toMatchObject({ required: true });
    const data = plan.params.data.schema as unknown as {
      properties: Record<string, { description: string }>;
    };
    expect(Object.keys(data.properties).sort()).toEqual(["host", "script"]);
    expect(data).not.toHaveProperty("required");
    expect(data.properties.script.description).toBe(
      "Script. Only for job_type script, and required then.",
    );
    expect(data.properties.host.description).toBe(
      "Host. Only for job_type remote, and required then.",
    );
    expect(exampleArguments(plan.params, plan.hint)).toEqual({ job_type: "script" });
  });

  test("a field one variant requires is described and filled in the example", () => {
    const plan = body("createPhone");
    expect(plan.params.country_code.required).toBeUndefined();
    expect(plan.params.country_code.description).toContain("Only for type sms or voice");
    expect(exampleArguments(plan.params, plan.hint)).toEqual({ type: "sms", country_code: 1 });
  });

  test("read-only fields are neither arguments nor sent, even when required or constant", () => {
    const plan = body("createPhone");
    expect(plan.params).not.toHaveProperty("created_at");
    expect(plan.params).not.toHaveProperty("kind");
    expect(plan.expression).not.toContain("kind");
  });

  test("example strings satisfy the field's pattern", () => {
    const plan = body("createPhone");
    const example = exampleArguments({
      cidr: { ...plan.params.cidr, required: true },
    });
    expect(example.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});

describe("spec corrections", () => {
  const value = (t: string) => ({ type: "object", properties: { value: { type: t } } });
  const description = {
    paths: {},
    components: {
      schemas: {
        CustomFieldsFieldValue: {
          properties: { value: { oneOf: [value("boolean"), value("string")] } },
        },
        CustomFieldsEditableFieldValue: {
          oneOf: [
            { type: "object", properties: { name: { type: "string" }, value: {} } },
            { type: "object", properties: { id: { type: "string" }, value: {} } },
          ],
        },
      },
    },
  };

  test("custom field values: each variant requires its key, value is the value itself", () => {
    const fixed = correctSpec(description).components.schemas.CustomFieldsEditableFieldValue;
    expect(fixed.oneOf.map((v: { required: string[] }) => v.required)).toEqual([
      ["name", "value"],
      ["id", "value"],
    ]);
    expect(fixed.oneOf[0].properties.value).toEqual({
      anyOf: [{ type: "boolean" }, { type: "string" }],
    });
  });

  test("the input is not changed", () => {
    correctSpec(description);
    expect(
      description.components.schemas.CustomFieldsEditableFieldValue.oneOf[0],
    ).not.toHaveProperty("required");
  });
});
