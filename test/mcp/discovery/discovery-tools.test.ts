import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeSyntheticIntegrations } from "../../../bench/synthetic-tools.js";
import type { ToolCallEvent } from "../../../src/http/mcp-handler.js";
import { SHIPPED_INTEGRATIONS, serverFile } from "../../helpers/config-dir.js";
import { rawPost, startStack, type Stack } from "../../helpers/stack.js";

/** A discovery server's whole tools/list answer, whatever the number of tools. */
const LIST_BUDGET_BYTES = 12 * 1024;
/** A search answer with 10 hits. */
const SEARCH_BUDGET_BYTES = 2.5 * 1024;

const events: ToolCallEvent[] = [];
let stack: Stack;
let everything: Client;
let readers: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [
      serverFile("everything", "all-token"), // auto: discovery once the synthetic tools are in
      serverFile("everything-chatgpt", "chatgpt-token", {
        config: { chatgpt_search: true },
      }),
      serverFile("listed", "listed-token", { config: { tool_exposure: "all" } }),
      serverFile("readers", "read-token", {
        config: { methods: ["read"], tags: ["incidents"], tool_exposure: "discovery" },
      }),
    ],
    app: { onToolCall: (e) => events.push(e) },
  });
  // Hundreds of tools: the shipped ones plus 500 synthetic ones.
  await writeSyntheticIntegrations(SHIPPED_INTEGRATIONS, stack.dir.integrationsDir, 500);
  await stack.reload();
  everything = await stack.client("all-token");
  readers = await stack.client("read-token");
});
afterAll(() => stack.close());

const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0].text;
const json = (r: unknown) => JSON.parse(text(r));
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe("tools/list in discovery mode", () => {
  test("auto switches to discovery above 40 tools: core tools plus the four discovery tools", async () => {
    const { tools } = await everything.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "call_pager_duty_read_tool",
        "call_pager_duty_write_tool",
        "create_a_pager_duty_incident",
        "create_a_pager_duty_incident_note",
        "describe_pager_duty_tools",
        "get_single_pager_duty_incident_by_id",
        "list_all_pager_duty_incidents",
        "list_all_pager_duty_on_calls",
        "list_all_pager_duty_schedules",
        "search_pager_duty_tools",
      ].sort(),
    );
    const annotations = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    expect(annotations.call_pager_duty_read_tool).toMatchObject({ readOnlyHint: true });
    expect(annotations.call_pager_duty_write_tool).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      openWorldHint: true,
    });
  });

  test.each([
    ["all-token", "discovery"],
    ["chatgpt-token", "discovery with search and fetch"],
  ])(
    `stays within ${LIST_BUDGET_BYTES} bytes with 500 synthetic tools besides the shipped ones (%s: %s)`,
    async (token) => {
      const res = await rawPost(stack.url(token), { jsonrpc: "2.0", id: 1, method: "tools/list" });
      expect(res.status).toBe(200);
      expect(bytes(res.body.result)).toBeLessThanOrEqual(LIST_BUDGET_BYTES);
    },
  );

  test("tool_exposure all lists every tool; the instructions of a discovery server explain the route", async () => {
    const listed = await stack.client("listed-token");
    const tools = stack.store.current().integrations.get("pagerduty")!.tools.values();
    const all = [...tools].filter((t) => !t.deprecated).length; // deprecated ones are hidden
    expect(all).toBeGreaterThan(500);
    expect((await listed.listTools()).tools.length).toBe(all);
    expect(everything.getInstructions()).toContain(
      "Find the others with search_pager_duty_tools, read their arguments with describe_pager_duty_tools, and run them with call_pager_duty_read_tool or call_pager_duty_write_tool.",
    );
    expect(listed.getInstructions()).not.toContain("search_pager_duty_tools");
  });

  test("a read-only server lists no write call tool and filters its core tools", async () => {
    const names = (await readers.listTools()).tools.map((t) => t.name);
    expect(names).toContain("call_pager_duty_read_tool");
    expect(names).not.toContain("call_pager_duty_write_tool");
    expect(names).not.toContain("create_a_pager_duty_incident");
    expect(names).not.toContain("list_all_pager_duty_schedules"); // tag schedules is hidden
  });

  test("core tools' references to unlisted tools give the discovery route", async () => {
    const { tools } = await everything.listTools();
    const create = tools.find((t) => t.name === "create_a_pager_duty_incident")!;
    expect(create.description).toContain(
      "Needs the service ID (find it with list_all_pager_duty_services via call_pager_duty_read_tool).",
    );
    expect(create.description).toContain(
      "add context afterwards with create_a_pager_duty_incident_note.", // core: listed, so its name
    );
  });
});

describe("search_pager_duty_tools", () => {
  test.each(["who is on call", "incident", "list", "synthetic record", "pager duty"])(
    `10 hits for "%s" stay within ${SEARCH_BUDGET_BYTES} bytes`,
    async (query) => {
      const r = await everything.callTool({
        name: "search_pager_duty_tools",
        arguments: { query },
      });
      expect(json(r).result).toHaveLength(10);
      expect(bytes(r)).toBeLessThanOrEqual(SEARCH_BUDGET_BYTES);
    },
  );

  test("answers {name, title, kind, summary} hits, best first, limited", async () => {
    const r = await everything.callTool({
      name: "search_pager_duty_tools",
      arguments: { query: "silence a service for an hour", limit: 3 },
    });
    const hits = json(r).result;
    expect(hits).toHaveLength(3);
    expect(hits[0]).toEqual({
      name: "create_a_pager_duty_maintenance_window",
      title: expect.any(String),
      kind: "write",
      summary: expect.stringMatching(/^Put services into maintenance/),
    });
  });

  test("never finds a tool the server hides", async () => {
    const r = await readers.callTool({
      name: "search_pager_duty_tools",
      arguments: { query: "create an incident and add a note", limit: 25 },
    });
    const names = json(r).result.map((h: { name: string }) => h.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain("create_a_pager_duty_incident");
    expect(names).not.toContain("create_a_pager_duty_incident_note");
    expect(names.every((n: string) => n.startsWith("list_all_") || n.startsWith("get_"))).toBe(
      true,
    );
  });

  test("bad arguments are an isError result listing each problem", async () => {
    const r = await everything.callTool({
      name: "search_pager_duty_tools",
      arguments: { query: "", limit: 99, extra: 1 },
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(
      "Invalid arguments for search_pager_duty_tools:\n- extra is not an argument of this tool: remove it\n- query must be a non-empty string of at most 500 characters\n- limit must be an integer from 1 to 25",
    );
  });
});

describe("describe_pager_duty_tools", () => {
  test("answers description, input schema and annotations of each tool", async () => {
    const r = await everything.callTool({
      name: "describe_pager_duty_tools",
      arguments: { names: ["create_a_pager_duty_maintenance_window", "list_all_pager_duty_users"] },
    });
    const described = json(r).result;
    expect(described.map((d: { name: string }) => d.name)).toEqual([
      "create_a_pager_duty_maintenance_window",
      "list_all_pager_duty_users",
    ]);
    expect(described[0]).toMatchObject({
      kind: "write",
      inputSchema: { type: "object", required: expect.arrayContaining(["service_ids"]) },
      annotations: { readOnlyHint: false },
    });
    expect(described[0].description).toContain(
      "Find service IDs with list_all_pager_duty_services via call_pager_duty_read_tool.",
    );
  });

  test("a hidden tool is refused with exactly the words of a tool that does not exist", async () => {
    const hidden = await readers.callTool({
      name: "describe_pager_duty_tools",
      arguments: { names: ["create_a_pager_duty_incident"] },
    });
    const missing = await readers.callTool({
      name: "describe_pager_duty_tools",
      arguments: { names: ["create_a_pager_duty_unicorn"] },
    });
    expect(hidden.isError).toBe(true);
    expect(text(hidden)).toBe(
      "No tool named create_a_pager_duty_incident on this server: find the tools it offers with search_pager_duty_tools.",
    );
    expect(text(missing)).toBe(text(hidden).replace("incident", "unicorn"));
  });
});

describe("call_pager_duty_read_tool and call_pager_duty_write_tool", () => {
  test("a call through the read tool answers exactly what the direct call answers", async () => {
    const args = { statuses: ["triggered"], sort_by: ["created_at:desc"], limit: 2 };
    const via = await everything.callTool({
      name: "call_pager_duty_read_tool",
      arguments: { name: "list_all_pager_duty_incidents", arguments: args },
    });
    const direct = await everything.callTool({
      name: "list_all_pager_duty_incidents",
      arguments: args,
    });
    expect(via).toEqual(direct);
    expect((via.structuredContent as { next_cursor: unknown }).next_cursor).toEqual(
      expect.any(String),
    );
  });

  test("invalid arguments get the tool's own validation, and nothing goes upstream", async () => {
    const before = stack.sim.requests.length;
    const r = await everything.callTool({
      name: "call_pager_duty_read_tool",
      arguments: { name: "list_all_pager_duty_incidents", arguments: { statuses: ["sleeping"] } },
    });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(
      "Invalid arguments for list_all_pager_duty_incidents:\n- statuses/0 must be one of triggered, acknowledged, resolved",
    );
    expect(stack.sim.requests.length).toBe(before);
  });

  test("logs and metrics name the real tool, and the rate-limit headers come through", async () => {
    events.length = 0;
    const res = await rawPost(stack.url("all-token"), {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: {
        name: "call_pager_duty_read_tool",
        arguments: { name: "list_all_pager_duty_priorities", arguments: {} },
      },
    });
    expect(res.headers.get("ratelimit-limit")).toBe("960");
    expect(events).toEqual([
      expect.objectContaining({
        server: "everything",
        tool: "list_all_pager_duty_priorities",
        isError: false,
        upstreamStatus: 200,
      }),
    ]);
  });

  test("the read tool refuses a write, and the write tool a read", async () => {
    const write = await everything.callTool({
      name: "call_pager_duty_read_tool",
      arguments: { name: "create_a_pager_duty_incident", arguments: {} },
    });
    expect(write.isError).toBe(true);
    expect(text(write)).toBe(
      "create_a_pager_duty_incident changes data: run it with call_pager_duty_write_tool.",
    );
    const read = await everything.callTool({
      name: "call_pager_duty_write_tool",
      arguments: { name: "list_all_pager_duty_incidents", arguments: {} },
    });
    expect(text(read)).toBe(
      "list_all_pager_duty_incidents only reads: run it with call_pager_duty_read_tool.",
    );
  });

  test("a hidden tool is refused like an unknown one, and nothing goes upstream", async () => {
    const before = stack.sim.requests.length;
    const hidden = await readers.callTool({
      name: "call_pager_duty_read_tool",
      arguments: { name: "list_all_pager_duty_users", arguments: {} },
    });
    const missing = await readers.callTool({
      name: "call_pager_duty_read_tool",
      arguments: { name: "list_all_pager_duty_unicorns", arguments: {} },
    });
    expect(text(hidden)).toBe(
      "No tool named list_all_pager_duty_users on this server: find the tools it offers with search_pager_duty_tools.",
    );
    expect(text(missing)).toBe(text(hidden).replace("users", "unicorns"));
    expect(stack.sim.requests.length).toBe(before);
  });

  test("an unknown tool called directly is a JSON-RPC error whose message has no doubled prefix", async () => {
    await expect(everything.callTool({ name: "drop_all_tables", arguments: {} })).rejects.toThrow(
      /^MCP error -32602: Unknown tool: drop_all_tables\. Find the tools this server offers with search_pager_duty_tools\.$/,
    );
  });
});
