import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { ToolCallEvent } from "../../src/http/mcp-handler.js";
import { createHttpClient, type HttpClient } from "../../src/upstream/http-client.js";
import { serverFile } from "../helpers/config-dir.js";
import { rawPost, startStack, type Stack } from "../helpers/stack.js";
import { shippedTools } from "../helpers/shipped-tools.js";

/** Upstream calls in flight right now, and the most seen at once since the last reset. */
const inFlight = { now: 0, max: 0 };
const real = createHttpClient();
const counting: HttpClient = async (request) => {
  inFlight.now += 1;
  inFlight.max = Math.max(inFlight.max, inFlight.now);
  try {
    return await real(request);
  } finally {
    inFlight.now -= 1;
  }
};
const events: ToolCallEvent[] = [];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    servers: [serverFile("all", "all-token")],
    app: { http: counting, onToolCall: (e) => events.push(e) },
  });
});
afterAll(() => stack.close());
beforeEach(() => {
  inFlight.max = 0;
  events.length = 0;
});

const call = (name: string, args: Record<string, unknown> = {}, id = 1) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: args },
});
const post = (body: unknown) => rawPost(stack.url("all-token"), body);
const text = (res: { body: any }) => res.body.result.content[0].text as string;

describe("bounded work per request", () => {
  test("a batch over 20 messages is refused whole: nothing reaches PagerDuty", async () => {
    const before = stack.sim.requests.length;
    const batch = Array.from({ length: 21 }, (_, i) =>
      call("create_a_pager_duty_incident", { title: `t${i}`, service_id: "PSVC001" }, i),
    );
    const res = await post(batch);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: {
        code: -32600,
        message:
          "Batch of 21 messages refused: at most 20 per request (MCP_MAX_BATCH). Nothing was run; send them in smaller batches.",
      },
    });
    expect(stack.sim.requests.length).toBe(before);
  });

  test("a batch's tool calls reach PagerDuty at most 4 at a time, and all are answered", async () => {
    stack.sim.fault({ status: 200, delayMs: 60, times: 12 });
    const batch = Array.from({ length: 12 }, (_, i) =>
      call("list_all_pager_duty_priorities", {}, i),
    );
    const res = await post(batch);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { id: number }) => r.id)).toEqual([...Array(12).keys()]);
    expect(res.body.every((r: any) => r.result.isError === undefined)).toBe(true);
    expect(inFlight.max).toBe(4);
  });
});

describe("upstream answers that are too big or not JSON become tool errors that say what to do", () => {
  test.each([
    [
      "a 9 MiB body is not read past 8 MiB",
      { status: 200, body: { incidents: [{ id: "P1", title: "x".repeat(9 * 1024 * 1024) }] } },
      /^PagerDuty's answer \(HTTP 200\) is larger than 8 MiB, the most one call may read \(max_response_bytes of the integration\); it was not read\. Ask for less: pass a smaller limit \(then page with next_cursor\) or narrow it with /,
      "upstream_too_large",
    ],
    [
      "a mapped result over 256 KiB",
      {
        status: 200,
        body: {
          incidents: Array.from({ length: 40 }, (_, i) => ({
            id: `P${i}`,
            title: "y".repeat(8000),
          })),
          more: false,
        },
      },
      /^The result of list_all_pager_duty_incidents is 3\d\d(\.\d)? KiB, over the 256 KiB one tool result may carry \(max_result_bytes of the integration\)\. Ask for less: pass a smaller limit/,
      "result_too_large",
    ],
    [
      "a 200 that is an HTML page",
      { status: 200, body: "<html>Service Unavailable</html>" },
      /^PagerDuty answered HTTP 200 to list_all_pager_duty_incidents with a body that is not JSON \(text\/html; charset=utf-8, 32 bytes\)\. It cannot be read as an answer \(a proxy or maintenance page\?\), so nothing can be concluded from it\. Try again later\.$/,
      "upstream_error",
    ],
    [
      "a 200 that is JSON null",
      { status: 200, body: null },
      /^PagerDuty answered HTTP 200 to list_all_pager_duty_incidents with JSON null, not the object expected\./,
      "upstream_error",
    ],
    [
      "a 200 with an empty body",
      { status: 200, body: "" },
      /^PagerDuty answered HTTP 200 to list_all_pager_duty_incidents with an empty body, not the JSON expected\./,
      "upstream_error",
    ],
    [
      "an error body with a 100 kB message",
      { status: 400, body: { error: { message: "z".repeat(100_000), code: 2001 } } },
      new RegExp(
        `^PagerDuty answered HTTP 400 to list_all_pager_duty_incidents: z{300}… \\(cut\\)\\. Fix`,
      ),
      "upstream_error",
    ],
  ])("%s", async (_intent, fault, message, type) => {
    stack.sim.fault(fault);
    const res = await post(call("list_all_pager_duty_incidents"));
    expect(res.status).toBe(200);
    expect(res.body.result.isError).toBe(true);
    expect(text(res)).toMatch(message);
    expect(res.body.result.structuredContent.error.type).toBe(type);
    expect(text(res).length).toBeLessThan(2000);
  });

  test("a result between 32 KiB and 256 KiB is sent once, as text, without a structuredContent copy", async () => {
    stack.sim.fault({
      status: 200,
      body: {
        incidents: Array.from({ length: 10 }, (_, i) => ({ id: `P${i}`, title: "w".repeat(5000) })),
        more: false,
      },
    });
    const res = await post(call("list_all_pager_duty_incidents"));
    expect(res.body.result.isError).toBeUndefined();
    expect(res.body.result.structuredContent).toBeUndefined();
    expect(JSON.parse(text(res)).result).toHaveLength(10);
  });
});

describe("arguments are bounded and well-formed", () => {
  test("every string argument of every tool has a maxLength (or an enum)", async () => {
    const unbounded: string[] = [];
    const visit = (tool: string, path: string, s: any) => {
      const types = [s.type].flat();
      if (types.includes("string") && s.maxLength === undefined && !s.enum && s.const === undefined)
        unbounded.push(`${tool}: ${path}`);
      if (s.items) visit(tool, `${path}[]`, s.items);
      for (const [k, v] of Object.entries(s.properties ?? {})) visit(tool, `${path}.${k}`, v);
    };
    for (const t of (await shippedTools()).values()) visit(t.name, "", t.definition.inputSchema);
    expect(unbounded).toEqual([]);
  });

  test.each([
    [
      "an ID longer than 64 characters",
      { id: "P".repeat(65) },
      "Invalid arguments for get_single_pager_duty_incident_by_id:\n- id must NOT have more than 64 characters",
    ],
    [
      "a lone UTF-16 surrogate",
      { id: "P\uD800" },
      "Invalid arguments for get_single_pager_duty_incident_by_id:\n- id must match the pattern ^[A-Za-z0-9]+$\n- id contains a lone UTF-16 surrogate (half of a character such as an emoji): send well-formed Unicode text",
    ],
  ])(
    "%s is an invalid-arguments tool error, logged and counted, never sent",
    async (_, args, message) => {
      const before = stack.sim.requests.length;
      const res = await post(call("get_single_pager_duty_incident_by_id", args));
      expect(res.body.result.isError).toBe(true);
      expect(text(res)).toBe(message);
      expect(stack.sim.requests.length).toBe(before);
      expect(events).toEqual([
        expect.objectContaining({ tool: "get_single_pager_duty_incident_by_id", isError: true }),
      ]);
    },
  );

  test("a lone surrogate in free text (no pattern) is refused too", async () => {
    const before = stack.sim.requests.length;
    const res = await post(
      call("create_a_pager_duty_incident_note", {
        incident_id: "PINC001",
        content: "bad \uDC00 text",
      }),
    );
    expect(text(res)).toBe(
      "Invalid arguments for create_a_pager_duty_incident_note:\n- content contains a lone UTF-16 surrogate (half of a character such as an emoji): send well-formed Unicode text",
    );
    expect(stack.sim.requests.length).toBe(before);
  });
});
