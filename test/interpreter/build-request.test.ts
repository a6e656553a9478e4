import { beforeAll, describe, expect, test } from "vitest";
import { planRequest, renderQuery } from "../../src/interpreter/build-request.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { decodeCursor, encodeCursor } from "../../src/interpreter/pagination/cursor-codec.js";
import { compileWidget, widgetMethod } from "../helpers/resource-fixture.js";
import { shippedTools } from "../helpers/shipped-tools.js";

let tools: Map<string, CompiledTool>;
beforeAll(async () => {
  tools = await shippedTools();
});
const tool = (name: string) => tools.get(name)!;

describe("planRequest", () => {
  test("query arrays repeat key[]; sort_by is comma-joined; paging defaults apply", async () => {
    const result = await planRequest(tool("list_all_pager_duty_incidents"), {
      statuses: ["triggered", "acknowledged"],
      sort_by: ["created_at:desc", "urgency:asc"],
    });
    expect(result).toEqual({
      plan: {
        method: "GET",
        path: "/incidents",
        query: [
          ["statuses[]", "triggered"],
          ["statuses[]", "acknowledged"],
          ["sort_by", "created_at:desc,urgency:asc"],
          ["limit", "25"],
          ["offset", "0"],
        ],
        headers: {},
        body: undefined,
      },
    });
    if ("plan" in result) {
      expect(renderQuery(result.plan.query)).toBe(
        "?statuses[]=triggered&statuses[]=acknowledged&sort_by=created_at%3Adesc%2Curgency%3Aasc&limit=25&offset=0",
      );
    }
  });

  test("flat arguments become PagerDuty's wrapped body with reference types and the From header", async () => {
    const result = await planRequest(
      tool("create_a_pager_duty_incident"),
      {
        title: "Login failing",
        service_id: "SAUTH1",
        urgency: "high",
        details: "50% errors",
        assignee_ids: ["PU1"],
      },
      { defaultFromEmail: "alice@example.com" },
    );
    expect(result).toEqual({
      plan: {
        method: "POST",
        path: "/incidents",
        query: [],
        headers: { From: "alice@example.com" },
        body: {
          incident: {
            type: "incident",
            title: "Login failing",
            service: { id: "SAUTH1", type: "service_reference" },
            urgency: "high",
            body: { type: "incident_body", details: "50% errors" },
            assignments: [{ assignee: { id: "PU1", type: "user_reference" } }],
          },
        },
      },
    });
  });

  test("from_email wins over the account default", async () => {
    const result = await planRequest(
      tool("create_a_pager_duty_incident_note"),
      { incident_id: "Q1", content: "x", from_email: "bob@example.com" },
      { defaultFromEmail: "alice@example.com" },
    );
    expect("plan" in result && result.plan.headers).toEqual({ From: "bob@example.com" });
  });

  test("a write that needs From without any email is refused before anything is sent", async () => {
    const result = await planRequest(tool("create_a_pager_duty_incident_note"), {
      incident_id: "Q1",
      content: "x",
    });
    expect(result).toEqual({
      problems: [
        "from_email is required: PagerDuty needs the email of the user this action is taken as, and this account has no default From email",
      ],
    });
  });

  test.each([
    ["../users", "id must match the pattern ^[A-Za-z0-9]+$"],
    ["..", "id must match the pattern ^[A-Za-z0-9]+$"],
    ["Q1/../../users", "id must match the pattern ^[A-Za-z0-9]+$"],
  ])("path parameter %j never changes the path", async (id, problem) => {
    expect(await planRequest(tool("get_single_pager_duty_incident_by_id"), { id })).toEqual({
      problems: [problem],
    });
  });

  test("every invalid argument is listed", async () => {
    const result = await planRequest(tool("list_all_pager_duty_incidents"), {
      statuses: ["open"],
      limit: 500,
      colour: "red",
      since: "yesterday",
    });
    expect(result).toEqual({
      problems: [
        "colour is not an argument of this tool: remove it",
        "statuses/0 must be one of triggered, acknowledged, resolved",
        "since must be a valid date-time",
        "limit must be <= 100",
      ],
    });
  });

  test("a foreign or damaged cursor is refused with how to fix it", async () => {
    const result = await planRequest(tool("list_all_pager_duty_incidents"), {
      cursor: "not-a-cursor",
    });
    expect(result).toEqual({
      problems: [
        "cursor is not a next_cursor returned by this tool: pass next_cursor back unchanged, or omit it for the first page",
      ],
    });
  });

  test("paging past PagerDuty's 10,000-record window is refused with a hint to narrow the window", async () => {
    const result = await planRequest(tool("list_all_pager_duty_incidents"), {
      cursor: encodeCursor({ k: "offset", o: 9950 }),
      limit: 100,
    });
    expect("problems" in result && result.problems[0]).toMatch(
      /^PagerDuty returns at most the first 10000 records .* narrow the search with since\/until/,
    );
  });
});

describe("offset pagination cursor", () => {
  test("next_cursor encodes offset + limit while more is true, null at the end", () => {
    const p = tool("list_all_pager_duty_incidents").paginator;
    const next = p.nextCursor({ more: true, offset: 25, limit: 25 }, {});
    expect(decodeCursor(next!)).toEqual({ k: "offset", o: 50 });
    expect(p.nextCursor({ more: false, offset: 50, limit: 25 }, {})).toBeNull();
  });
});

describe("per-method request options", () => {
  const widgets = compileWidget(
    widgetMethod({
      http: { method: "GET", path: "/widgets", headers: { "X-EARLY-ACCESS": "widgets-preview" } },
      parameters: {
        ids: {
          in: "query",
          style: "repeat",
          description: "Widget IDs.",
          schema: { type: "array", items: { type: "string" } },
        },
        kinds: {
          in: "query",
          description: "Widget kinds.",
          schema: { type: "array", items: { type: "string" } },
        },
      },
    }),
  );

  test("style repeat sends name=a&name=b beside brackets; http.headers are sent as written", async () => {
    const result = await planRequest(widgets, { ids: ["W1", "W2"], kinds: ["round"] });
    expect(result).toEqual({
      plan: {
        method: "GET",
        path: "/widgets",
        query: [
          ["ids", "W1"],
          ["ids", "W2"],
          ["kinds[]", "round"],
        ],
        headers: { "X-EARLY-ACCESS": "widgets-preview" },
        body: undefined,
      },
    });
    if ("plan" in result)
      expect(renderQuery(result.plan.query)).toBe("?ids=W1&ids=W2&kinds[]=round");
  });

  test("the method's headers sit beside the From header", async () => {
    const tool = compileWidget(
      widgetMethod({
        http: { method: "POST", path: "/widgets", headers: { "X-Feature": "on" } },
        from_header: "required",
      }),
      "create",
    );
    const result = await planRequest(tool, {}, { defaultFromEmail: "a@example.com" });
    expect("plan" in result && result.plan.headers).toEqual({
      "X-Feature": "on",
      From: "a@example.com",
    });
  });
});
