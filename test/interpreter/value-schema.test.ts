import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { planRequest } from "../../src/interpreter/build-request.js";
import { callWidget, compileWidget, widgetMethod } from "../helpers/resource-fixture.js";
import { toStrictSchema } from "../helpers/strict-schema.js";

const link = {
  type: "object" as const,
  description: "One link.",
  required: ["href"],
  properties: {
    href: { type: "string" as const, format: "uri" as const, description: "Link target." },
    text: { type: "string" as const, description: "Link text." },
  },
};

/** A write whose arguments nest: a target union (kind + optional fields), links, a nullable label. */
const update = compileWidget(
  widgetMethod({
    http: { method: "PUT", path: "/widgets/{id}" },
    parameters: {
      id: { in: "path", required: true, description: "Widget ID.", schema: { type: "string" } },
      target: {
        in: "body",
        description: "Where the widget points: a user or a schedule.",
        schema: {
          type: "object",
          required: ["kind"],
          properties: {
            kind: { type: "string", enum: ["user", "schedule"], description: "Which variant." },
            user_id: { type: "string", description: "For kind user: the user ID.", maxLength: 64 },
            schedule: {
              type: "object",
              description: "For kind schedule.",
              properties: {
                id: { type: "string", description: "Schedule ID.", maxLength: 64 },
                links: { type: "array", items: link, description: "Runbooks." },
              },
            },
          },
        },
      },
      label: {
        in: "body",
        description: "Label; null clears it.",
        schema: { type: "string", nullable: true, enum: ["red", "green"] },
      },
    },
    body: '{"widget": {"target": target, "label": label}}',
    response: { mapping: "widget" },
  }),
  "update",
);

describe("nested objects and nullable values", () => {
  const schema = update.definition.inputSchema;

  // (maxLength on strings comes from the length bounds every string argument gets: 64 for IDs.)
  test("the tool schema writes nested objects out, closed and described; nullable is [T, null]", () => {
    expect(schema.properties!.target).toEqual({
      type: "object",
      required: ["kind"],
      properties: {
        kind: { type: "string", enum: ["user", "schedule"], description: "Which variant." },
        user_id: { type: "string", maxLength: 64, description: "For kind user: the user ID." },
        schedule: {
          type: "object",
          properties: {
            id: { type: "string", maxLength: 64, description: "Schedule ID." },
            links: {
              type: "array",
              items: {
                type: "object",
                required: ["href"],
                properties: {
                  href: { ...link.properties.href, maxLength: 65535 },
                  text: { ...link.properties.text, maxLength: 65535 },
                },
                additionalProperties: false,
                description: "One link.",
              },
              description: "Runbooks.",
            },
          },
          additionalProperties: false,
          description: "For kind schedule.",
        },
      },
      additionalProperties: false,
      description: "Where the widget points: a user or a schedule.",
    });
    expect(schema.properties!.label).toEqual({
      type: ["string", "null"],
      enum: ["red", "green", null],
      description: "Label; null clears it.",
    });
    expect(JSON.stringify(schema)).not.toContain("$ref");
  });

  test("it converts to OpenAI's strict form and compiles in ajv", () => {
    expect(() =>
      toStrictSchema(schema as Record<string, unknown>, { fillable: true }),
    ).not.toThrow();
    expect(() => new Ajv({ strict: false }).compile(schema)).not.toThrow();
  });

  test("nested values and null reach the body as given", async () => {
    const args = {
      id: "W1",
      target: {
        kind: "schedule",
        schedule: { id: "S1", links: [{ href: "https://x.example/rb" }] },
      },
      label: null,
    };
    const result = await planRequest(update, args);
    expect("plan" in result && result.plan.body).toEqual({
      widget: {
        target: {
          kind: "schedule",
          schedule: { id: "S1", links: [{ href: "https://x.example/rb" }] },
        },
        label: null,
      },
    });
  });

  test("nested arguments are validated: unknown fields, missing required ones, bad enums", async () => {
    const result = await planRequest(update, {
      id: "W1",
      target: { kind: "team", colour: "red", schedule: { links: [{ text: "no href" }] } },
    });
    expect("problems" in result && result.problems).toEqual(
      expect.arrayContaining([
        "target/colour is not a field of target: remove it",
        "target/kind must be one of user, schedule",
        'target/schedule/links/0 must have property "href"',
      ]),
    );
  });

  test.each([
    [
      "objects nested 4 deep",
      {
        type: "object",
        properties: {
          a: {
            type: "object",
            description: "A.",
            properties: {
              b: {
                type: "object",
                description: "B.",
                properties: { c: { type: "object", description: "C." } },
              },
            },
          },
        },
      },
      "/methods/list/parameters/p/schema/properties/a/properties/b/properties/c nests objects 4 levels deep, more than 3: make the inner object separate arguments or a string",
    ],
    [
      "a nested property without a description",
      { type: "object", properties: { a: { type: "string" } } },
      '/methods/list/parameters/p/schema/properties/a must have property "description": every property a model sees is described',
    ],
    [
      "required naming no property",
      { type: "object", required: ["b"], properties: { a: { type: "string", description: "A." } } },
      "/methods/list/parameters/p/schema/required/0 names no property of this object: known are a",
    ],
    [
      "properties beside a free-form map",
      {
        type: "object",
        additionalProperties: { type: "string" },
        properties: { a: { type: "string", description: "A." } },
      },
      "/methods/list/parameters/p/schema/additionalProperties cannot be combined with properties: an object either lists its fields or is a free-form map",
    ],
    [
      "a bad pattern deep inside",
      { type: "array", items: { type: "string", pattern: "(" } },
      "/methods/list/parameters/p/schema/items/pattern is not a valid regular expression",
    ],
  ])("%s is refused at load", (_intent, schema, expected) => {
    expect(() =>
      compileWidget(
        widgetMethod({
          http: { method: "POST", path: "/widgets" },
          parameters: { p: { in: "body", description: "P.", schema: schema as never } },
          body: "p",
        }),
      ),
    ).toThrow(`widgets.json: ${expected}`);
  });

  test.each([
    [
      "a nullable path value",
      { in: "path", required: true, schema: { type: "string", nullable: true } },
      "/schema/nullable is not allowed on a path parameter: a path value cannot be null",
    ],
    [
      "an object in the query",
      { in: "query", schema: { type: "object" } },
      "/schema/type cannot be object for a query parameter: put the object in the body",
    ],
  ])("%s is refused at load", (_intent, param, expected) => {
    expect(() =>
      compileWidget(widgetMethod({ parameters: { p: { description: "P.", ...param } as never } })),
    ).toThrow(`widgets.json: /methods/list/parameters/p${expected}`);
  });
});

describe("a non-JSON body (CSV upload)", () => {
  const upload = compileWidget(
    widgetMethod({
      http: { method: "POST", path: "/widgets/import", content_type: "text/csv" },
      parameters: {
        csv: {
          in: "body",
          required: true,
          description: "Rows as CSV text.",
          schema: { type: "string" },
        },
      },
      body: "csv",
      response: { mapping: "$" },
    }),
    "import",
  );

  test("the text is sent as is, with its media type", async () => {
    const { requests } = await callWidget(upload, { csv: "id,name\nW1,Round\n" }, [
      { status: 202, body: { status: "queued" } },
    ]);
    expect(requests[0].body).toBe("id,name\nW1,Round\n");
    expect(requests[0].headers["Content-Type"]).toBe("text/csv");
  });

  test("a mapping that does not make text is refused before anything is sent", async () => {
    const broken = compileWidget(
      widgetMethod({
        http: { method: "POST", path: "/widgets/import", content_type: "text/csv" },
        parameters: { csv: { in: "body", description: "Rows.", schema: { type: "string" } } },
        body: '{"csv": csv}',
      }),
      "import",
    );
    const { result, requests } = await callWidget(broken, { csv: "a" });
    expect(requests).toEqual([]);
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("the body must be text for text/csv");
  });

  test("content_type without a body mapping is refused at load", () => {
    expect(() =>
      compileWidget(
        widgetMethod({ http: { method: "POST", path: "/w", content_type: "text/csv" } }),
      ),
    ).toThrow(
      "widgets.json: /methods/list/http/content_type needs a body mapping that produces the request text",
    );
  });
});
