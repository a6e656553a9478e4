import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ToolCallEvent } from "../../../src/http/mcp-handler.js";
import { serverFile } from "../../helpers/config-dir.js";
import { rawPost, startStack, type Stack } from "../../helpers/stack.js";

const events: ToolCallEvent[] = [];
let stack: Stack;
let research: Client;
let narrow: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [
      serverFile("research", "research-token", {
        config: { methods: ["read"], chatgpt_search: true },
      }),
      serverFile("narrow", "narrow-token", {
        config: { methods: ["read"], tags: ["schedules"], chatgpt_search: true },
      }),
    ],
    app: { onToolCall: (e) => events.push(e) },
  });
  research = await stack.client("research-token");
  narrow = await stack.client("narrow-token");
});
afterAll(() => stack.close());

/** The one text item ChatGPT reads, parsed; fails unless the result is exactly one text item. */
function onlyText(result: unknown): Record<string, unknown> {
  const r = result as { content: Array<{ type: string; text: string }>; isError?: boolean };
  expect(r.isError).toBeFalsy();
  expect(r.content).toHaveLength(1);
  expect(r.content[0].type).toBe("text");
  return JSON.parse(r.content[0].text);
}

describe("search", () => {
  test("is listed with one query argument, read-only", async () => {
    const { tools } = await research.listTools();
    const search = tools.find((t) => t.name === "search")!;
    expect(search.inputSchema).toMatchObject({
      required: ["query"],
      properties: { query: { type: "string" } },
    });
    expect(Object.keys(search.inputSchema.properties!)).toEqual(["query"]);
    expect(search.annotations?.readOnlyHint).toBe(true);
    const fetch = tools.find((t) => t.name === "fetch")!;
    expect(Object.keys(fetch.inputSchema.properties!)).toEqual(["id"]);
  });

  test('answers {"results": [{id, title, url}]} with typed ids and html_url as url', async () => {
    const body = onlyText(
      await research.callTool({ name: "search", arguments: { query: "Network" } }),
    );
    expect(Object.keys(body)).toEqual(["results"]);
    const results = body.results as Array<Record<string, string>>;
    for (const r of results) expect(Object.keys(r).sort()).toEqual(["id", "title", "url"]);
    expect(results).toEqual(
      expect.arrayContaining([
        {
          id: "schedule:PNETINF",
          title: "Network Infrastructure",
          url: expect.stringMatching(/^https:\/\/.+\/schedules\/PNETINF$/),
        },
        {
          id: "team:PTEAMNW",
          title: "Network Operations",
          url: expect.stringContaining("PTEAMNW"),
        },
      ]),
    );
    const types = new Set(results.map((r) => r.id.split(":")[0]));
    expect([...types].sort()).toEqual([
      "escalation_policy",
      "incident",
      "schedule",
      "service",
      "team",
    ]);
  });

  test("asks PagerDuty once per type, in parallel, with its own query filters", async () => {
    const before = stack.sim.requests.length;
    await research.callTool({ name: "search", arguments: { query: "Alice" } });
    const sent = stack.sim.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(sent.sort()).toEqual(
      [
        "GET /escalation_policies",
        "GET /incidents",
        "GET /schedules",
        "GET /services",
        "GET /teams",
        "GET /users",
      ].sort(),
    );
    const users = stack.sim.requests.slice(before).find((r) => r.path === "/users")!;
    expect(users.query).toMatchObject({ query: "Alice" });
  });

  test("incidents are matched on their title and service", async () => {
    const body = onlyText(
      await research.callTool({ name: "search", arguments: { query: "login error rate" } }),
    );
    const incidents = (body.results as Array<{ id: string; title: string }>).filter((r) =>
      r.id.startsWith("incident:"),
    );
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents[0].title).toMatch(/login/i);
  });

  test("a server's filters apply: hidden types are not searched", async () => {
    const before = stack.sim.requests.length;
    const body = onlyText(
      await narrow.callTool({ name: "search", arguments: { query: "Network" } }),
    );
    expect(stack.sim.requests.slice(before).map((r) => r.path)).toEqual(["/schedules"]);
    expect((body.results as Array<{ id: string }>).map((r) => r.id)).toEqual(["schedule:PNETINF"]);
  });

  test("is logged as one search call", async () => {
    events.length = 0;
    await rawPost(stack.url("research-token"), {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "search", arguments: { query: "Platform" } },
    });
    expect(events).toEqual([
      expect.objectContaining({
        server: "research",
        tool: "search",
        isError: false,
        upstreamStatus: 200,
      }),
    ]);
  });
});

describe("fetch", () => {
  test("an incident: {id, title, text, url, metadata}, the text with alert summaries and latest notes", async () => {
    const incident = [...stack.sim.state.incidents.values()].find((i) =>
      i.title.startsWith("Login"),
    )!;
    const body = onlyText(
      await research.callTool({ name: "fetch", arguments: { id: `incident:${incident.id}` } }),
    );
    expect(Object.keys(body).sort()).toEqual(["id", "metadata", "text", "title", "url"]);
    expect(body).toMatchObject({
      id: `incident:${incident.id}`,
      title: incident.title,
      url: expect.stringContaining(incident.id),
      metadata: { type: "incident", status: incident.status, urgency: incident.urgency },
    });
    const text = body.text as string;
    expect(text).toContain(`title: ${incident.title}`);
    expect(text).toContain("\nalerts:\n  - summary: ");
    expect(text).toContain("\nlatest notes:\n");
  });

  test("a schedule by its typed id", async () => {
    const body = onlyText(
      await research.callTool({ name: "fetch", arguments: { id: "schedule:PNETINF" } }),
    );
    expect(body).toMatchObject({
      id: "schedule:PNETINF",
      title: "Network Infrastructure",
      metadata: { type: "schedule" },
    });
  });

  test("an id of a hidden type is refused like an unknown id, and nothing goes upstream", async () => {
    const before = stack.sim.requests.length;
    const hidden = await narrow.callTool({ name: "fetch", arguments: { id: "user:PUSER05" } });
    const unknown = await narrow.callTool({ name: "fetch", arguments: { id: "unicorn:PUSER05" } });
    expect(hidden.isError).toBe(true);
    expect((hidden.content as Array<{ text: string }>)[0].text).toBe(
      "No document has the id user:PUSER05: use an id from search's results.",
    );
    expect((unknown.content as Array<{ text: string }>)[0].text).toBe(
      "No document has the id unicorn:PUSER05: use an id from search's results.",
    );
    expect(stack.sim.requests.length).toBe(before);
  });

  test("an object PagerDuty does not have is PagerDuty's 404, as a tool error", async () => {
    const r = await research.callTool({ name: "fetch", arguments: { id: "service:PNOPE99" } });
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0].text).toMatch(/^PagerDuty answered HTTP 404/);
  });
});
