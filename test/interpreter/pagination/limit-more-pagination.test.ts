import { describe, expect, test } from "vitest";
import { callWidget, compileWidget, widgetMethod } from "../../helpers/resource-fixture.js";

const impacts = compileWidget(
  widgetMethod({ pagination: { type: "limit_more", max_limit: 100, declared: false } }),
);

describe("limit and more, without offset", () => {
  test("only a limit argument: there is no page to ask for", () => {
    expect(Object.keys(impacts.definition.inputSchema.properties ?? {})).toEqual(["limit"]);
    expect(impacts.paginator.declared).toBe(false);
    expect(impacts.paginator.requestNames).toEqual(["limit"]);
  });

  test("more: true becomes truncated with next_cursor null", async () => {
    const { result, requests } = await callWidget(impacts, { limit: 2 }, [
      { body: { widgets: [{ id: "a" }, { id: "b" }], more: true, limit: 2 } },
    ]);
    expect(requests[0].url.search).toBe("?limit=2");
    expect(result.structuredContent).toEqual({
      result: [{ id: "a" }, { id: "b" }],
      next_cursor: null,
      truncated: true,
    });
  });

  test("the whole list has no truncated flag", async () => {
    const { result } = await callWidget(impacts, {}, [
      { body: { widgets: [{ id: "a" }], more: false } },
    ]);
    expect(result.structuredContent).toEqual({ result: [{ id: "a" }], next_cursor: null });
  });
});
