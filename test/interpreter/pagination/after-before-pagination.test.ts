import { describe, expect, test } from "vitest";
import { decodeCursor, encodeCursor } from "../../../src/interpreter/pagination/cursor-codec.js";
import { callWidget, compileWidget, widgetMethod } from "../../helpers/resource-fixture.js";

const analytics = compileWidget(
  widgetMethod({
    http: { method: "POST", path: "/analytics/raw/widgets" },
    kind: "read",
    parameters: {
      team_ids: {
        in: "body",
        description: "Only these teams.",
        schema: { type: "array", items: { type: "string" } },
      },
    },
    body: '{"filters": {"team_ids": team_ids}}',
    pagination: { type: "after_before", in: "body", default_limit: 2, max_limit: 1000 },
    response: { mapping: "data" },
  }),
  "query",
);

describe("after/before pagination", () => {
  test("the next page starts after the last key while more is true", async () => {
    const first = await callWidget(analytics, { team_ids: ["T1"] }, [
      { body: { data: [{ id: "a" }, { id: "b" }], more: true, last: "b", first: "a" } },
    ]);
    expect(JSON.parse(first.requests[0].body!)).toEqual({
      filters: { team_ids: ["T1"] },
      limit: 2,
    });
    const next = (first.result.structuredContent as { next_cursor: string }).next_cursor;
    expect(decodeCursor(next)).toEqual({ k: "after", c: "b" });

    const second = await callWidget(analytics, { team_ids: ["T1"], cursor: next }, [
      { body: { data: [{ id: "c" }], more: false, last: "c" } },
    ]);
    expect(JSON.parse(second.requests[0].body!)).toEqual({
      filters: { team_ids: ["T1"] },
      limit: 2,
      starting_after: "b",
    });
    expect(second.result.structuredContent).toEqual({ result: [{ id: "c" }], next_cursor: null });
    expect(analytics.kind).toBe("read");
  });

  test("names and placement are configurable; a query key travels in the query string", async () => {
    const tool = compileWidget(
      widgetMethod({
        pagination: { type: "after_before", after_param: "after", last_field: "page.last_id" },
      }),
    );
    const { requests, result } = await callWidget(
      tool,
      { cursor: encodeCursor({ k: "after", c: "41" }) },
      [{ body: { widgets: [{ id: 42 }], more: true, page: { last_id: 42 } } }],
    );
    expect(requests[0].url.search).toBe("?limit=25&after=41");
    const next = (result.structuredContent as { next_cursor: string }).next_cursor;
    expect(decodeCursor(next)).toEqual({ k: "after", c: "42" });
  });

  test("without a more flag, paging goes on while a key comes back", async () => {
    const tool = compileWidget(
      widgetMethod({
        pagination: { type: "after_before", after_param: "after", last_field: "after" },
      }),
    );
    const page = (body: unknown) => tool.paginator.nextCursor(body, {});
    expect(decodeCursor(page({ widgets: [], after: "k2", before: null })!)).toEqual({
      k: "after",
      c: "k2",
    });
    expect(page({ widgets: [], after: null })).toBeNull();
    expect(page({ widgets: [], more: false, last: "z" })).toBeNull();
  });

  test("a cursor of another kind is refused", async () => {
    const { result } = await callWidget(analytics, {
      cursor: encodeCursor({ k: "cursor", c: "x" }),
    });
    expect(result.isError).toBe(true);
  });
});
