import { describe, expect, test } from "vitest";
import { expandDefinitions } from "../../src/config/expand-definitions.js";
import type { Parameter } from "../../src/config/types/resource.js";
import { formatProblem } from "../../src/errors.js";
import { widgetMethod, widgetResource } from "../helpers/resource-fixture.js";

const idList: Parameter = {
  in: "query",
  description: "PagerDuty IDs.",
  schema: { type: "array", uniqueItems: true, items: { type: "string", pattern: "^[A-Z0-9]+$" } },
};

function expand(parameters: Record<string, Parameter>, definitions = { id_list: idList }) {
  return expandDefinitions(
    widgetResource({ list: widgetMethod({ parameters }) }, { definitions }),
    "widgets.json",
  );
}

describe("expandDefinitions", () => {
  test("a use is replaced by the definition, fields beside it win, schema keywords merge", () => {
    const result = expand({
      team_ids: { use: "id_list", description: "Only these teams." },
      assignee_ids: {
        use: "id_list",
        in: "body",
        required: true,
        description: "Assign these users.",
        schema: { type: "array", maxItems: 10 },
      },
    });
    expect(result).toEqual({
      methods: {
        list: expect.objectContaining({
          parameters: {
            team_ids: { ...idList, description: "Only these teams." },
            assignee_ids: {
              in: "body",
              required: true,
              description: "Assign these users.",
              schema: { ...idList.schema, maxItems: 10 },
            },
          },
        }),
      },
    });
  });

  test("complete parameters are kept as written", () => {
    const full: Parameter = { in: "query", description: "A query.", schema: { type: "string" } };
    const result = expand({ query: full });
    expect("methods" in result && result.methods.list.parameters.query).toBe(full);
  });

  test.each([
    [
      "an unknown definition",
      { ids: { use: "user_list" } },
      { id_list: idList },
      "widgets.json: /methods/list/parameters/ids/use names no definition of this file: known are id_list",
    ],
    [
      "a use in a file without definitions",
      { ids: { use: "id_list" } },
      {},
      "widgets.json: /methods/list/parameters/ids/use names no definition of this file: add it under the top-level definitions",
    ],
    [
      "an override that changes the schema type",
      { ids: { use: "id_list", schema: { type: "string" } } },
      { id_list: idList },
      "widgets.json: /methods/list/parameters/ids/schema/type must be array, the type of definition id_list (only keywords such as maxItems may be overridden)",
    ],
    [
      "a definition that uses another",
      {},
      { id_list: idList, team_list: { use: "id_list" } },
      "widgets.json: /definitions/team_list/use is not allowed in a definition: write the definition out in full",
    ],
    [
      "an incomplete definition",
      {},
      { id_list: { in: "query", description: "IDs." } },
      'widgets.json: /definitions/id_list must have property "schema"',
    ],
  ] as const)("%s is a problem", (_intent, parameters, definitions, expected) => {
    const result = expand(
      parameters as Record<string, Parameter>,
      definitions as Record<string, Parameter> as never,
    );
    expect("problems" in result ? result.problems.map(formatProblem) : []).toEqual([expected]);
  });
});
