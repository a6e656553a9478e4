import { describe, expect, test } from "vitest";
import { planRequest } from "../../../src/interpreter/build-request.js";
import { decodeCursor, encodeCursor } from "../../../src/interpreter/pagination/cursor-codec.js";
import { callWidget, compileWidget, widgetMethod } from "../../helpers/resource-fixture.js";

describe("cursor pagination", () => {
  const plain = compileWidget(widgetMethod({ pagination: { type: "cursor", max_limit: 100 } }));
  const renamed = compileWidget(
    widgetMethod({
      pagination: {
        type: "cursor",
        cursor_param: "page_token",
        limit_param: "page_size",
        next_cursor_field: "meta.next",
        default_limit: 10,
      },
    }),
  );

  test("defaults: limit and cursor in the query, next_cursor wraps upstream's next_cursor", async () => {
    const { result, requests } = await callWidget(plain, { limit: 5 }, [
      { body: { widgets: [{ id: "W1" }], next_cursor: "abc" } },
    ]);
    expect(requests[0].url.search).toBe("?limit=5");
    const next = (result.structuredContent as { next_cursor: string }).next_cursor;
    expect(decodeCursor(next)).toEqual({ k: "cursor", c: "abc" });
    const second = await planRequest(plain, { cursor: next });
    expect("plan" in second && second.plan.query).toEqual([
      ["limit", "25"],
      ["cursor", "abc"],
    ]);
  });

  test("configured names: page_size and page_token sent, meta.next read; the end is null", async () => {
    const first = await callWidget(renamed, {}, [
      { body: { widgets: [{ id: "W1" }], meta: { next: "t2" } } },
    ]);
    expect(first.requests[0].url.search).toBe("?page_size=10");
    const next = (first.result.structuredContent as { next_cursor: string }).next_cursor;
    const second = await callWidget(renamed, { cursor: next }, [
      { body: { widgets: [{ id: "W2" }], meta: { next: null } } },
    ]);
    expect(second.requests[0].url.search).toBe("?page_size=10&page_token=t2");
    expect(second.result.structuredContent).toEqual({ result: [{ id: "W2" }], next_cursor: null });
  });

  test("in body: the paging values are top-level fields beside the mapped body", async () => {
    const query = compileWidget(
      widgetMethod({
        http: { method: "POST", path: "/widgets/query" },
        parameters: {
          colour: { in: "body", description: "Colour filter.", schema: { type: "string" } },
        },
        body: '{"filters": {"colour": colour}}',
        pagination: { type: "cursor", in: "body" },
      }),
      "query",
    );
    const result = await planRequest(query, {
      colour: "red",
      cursor: encodeCursor({ k: "cursor", c: "p2" }),
    });
    expect("plan" in result && result.plan).toMatchObject({
      query: [],
      body: { filters: { colour: "red" }, limit: 25, cursor: "p2" },
    });
    expect(query.isList).toBe(true);
  });

  test("an offset cursor is refused by a cursor list", async () => {
    const result = await planRequest(plain, { cursor: encodeCursor({ k: "offset", o: 25 }) });
    expect(result).toEqual({
      problems: [
        "cursor is not a next_cursor returned by this tool: pass next_cursor back unchanged, or omit it for the first page",
      ],
    });
  });

  test("paging in the body of a GET is refused at load", () => {
    expect(() =>
      compileWidget(widgetMethod({ pagination: { type: "cursor", in: "body" } })),
    ).toThrow(
      "widgets.json: /methods/list/pagination/in is body, but a GET request has no body: use query",
    );
  });
});
