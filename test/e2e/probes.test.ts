import http from "node:http";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOriginCheck } from "../../src/http/origin-check.js";
import { serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    servers: [
      serverFile("all", "all-token"),
      serverFile("reader", "reader-token", { config: { methods: ["read"], tags: [] } }),
      serverFile("oncall", "oncall-token", { config: { methods: [], tags: ["oncall"] } }),
      serverFile("guarded", "guarded-token", { require_api_token_auth: true }),
      serverFile("expired", "expired-token", { expires_at: "2026-01-01T00:00:00Z" }),
      serverFile("revoked", "revoked-token"),
    ],
    app: {
      checkOrigin: createOriginCheck([]),
      apiTokens: { verify: (token: string) => token === "pdmcp_good" },
    },
  });
  await rm(join(stack.dir.serversDir, "revoked.json"));
  await stack.reload();
});
afterAll(() => stack.close());

/** A raw HTTP POST with full control of the headers (fetch cannot set Host). */
function post(
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  const url = new URL(stack.appUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: { "Content-Type": "application/json", Host: url.host, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const call = (name: string, args: Record<string, unknown> = {}) =>
  JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name, arguments: args },
  });
const UNKNOWN =
  "Unknown MCP server URL: check the link, or ask for a new one (it may have been revoked or expired).";

describe("probes: exact refusal, and nothing reaches PagerDuty", () => {
  test.each([
    [
      "unknown token",
      "/mcp/no-such-token",
      call("list_all_pager_duty_incidents"),
      {},
      404,
      { code: -32000, message: UNKNOWN },
    ],
    [
      "revoked token",
      "/mcp/revoked-token",
      call("list_all_pager_duty_incidents"),
      {},
      404,
      { code: -32000, message: UNKNOWN },
    ],
    [
      "expired server",
      "/mcp/expired-token",
      call("list_all_pager_duty_incidents"),
      {},
      404,
      { code: -32000, message: UNKNOWN },
    ],
    [
      "write tool on a read-only server",
      "/mcp/reader-token",
      call("create_a_pager_duty_incident", { title: "x", service_id: "SAUTH1" }),
      {},
      200,
      {
        code: -32602,
        message:
          "Unknown tool: create_a_pager_duty_incident. Find the tools this server offers with search_pager_duty_tools.",
      },
    ],
    [
      "tool outside the server's tags",
      "/mcp/oncall-token",
      call("list_all_pager_duty_incidents"),
      {},
      200,
      {
        code: -32602,
        message:
          "Unknown tool: list_all_pager_duty_incidents. Call tools/list to see the tools this server offers.",
      },
    ],
    [
      "missing API token",
      "/mcp/guarded-token",
      call("list_all_pager_duty_incidents"),
      {},
      401,
      {
        code: -32001,
        message: "This MCP server requires an API token: send Authorization: Bearer <api token>.",
      },
    ],
    [
      "wrong API token",
      "/mcp/guarded-token",
      call("list_all_pager_duty_incidents"),
      { Authorization: "Bearer pdmcp_bad" },
      401,
      {
        code: -32001,
        message:
          "The API token is not valid: check it, or create one with npx pd-mcp api-tokens create.",
      },
    ],
    [
      "foreign Host (DNS rebinding)",
      "/mcp/all-token",
      call("list_all_pager_duty_incidents"),
      { Host: "attacker.example" },
      403,
      {
        code: -32000,
        message:
          'Host "attacker.example" is not allowed: set PUBLIC_URL or ALLOWED_HOSTS to the name clients use.',
      },
    ],
    [
      "foreign Origin",
      "/mcp/all-token",
      call("list_all_pager_duty_incidents"),
      { Origin: "https://attacker.example" },
      403,
      { code: -32000, message: 'Origin "https://attacker.example" is not allowed.' },
    ],
    [
      "oversized body",
      "/mcp/all-token",
      JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: {
          name: "create_a_pager_duty_incident_note",
          arguments: { incident_id: "Q1", content: "x".repeat(1_100_000) },
        },
      }),
      {},
      413,
      { code: -32600, message: "Request body is larger than 1048576 bytes." },
    ],
    [
      "malformed JSON",
      "/mcp/all-token",
      '{"jsonrpc":"2.0","id":1,"method":',
      {},
      400,
      { code: -32700, message: "Parse error: the body is not valid JSON." },
    ],
  ])("%s", async (_intent, path, body, headers, status, error) => {
    const before = stack.sim.requests.length;
    const res = await post(path, body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error).toEqual(error);
    expect(res.body.jsonrpc).toBe("2.0");
    if (status === 401) expect(res.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect(stack.sim.requests.length).toBe(before);
  });

  test("path traversal in an id is refused as an invalid argument", async () => {
    const before = stack.sim.requests.length;
    const res = await post(
      "/mcp/all-token",
      call("get_single_pager_duty_incident_by_id", { id: "../users" }),
    );
    expect(res.status).toBe(200);
    expect(res.body.result.isError).toBe(true);
    expect(res.body.result.content[0].text).toBe(
      "Invalid arguments for get_single_pager_duty_incident_by_id:\n- id must match the pattern ^[A-Za-z0-9]+$",
    );
    expect(stack.sim.requests.length).toBe(before);
  });

  test("the right API token is let through to PagerDuty", async () => {
    const before = stack.sim.requests.length;
    const res = await post("/mcp/guarded-token", call("list_all_pager_duty_priorities"), {
      Authorization: "Bearer pdmcp_good",
    });
    expect(res.status).toBe(200);
    expect(res.body.result.isError).toBeUndefined();
    expect(stack.sim.requests.length).toBe(before + 1);
  });
});

describe("concurrency", () => {
  test("many clients on different servers at once each get only their own results", async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => {
      const onReader = i % 2 === 0;
      const token = onReader ? "reader-token" : "oncall-token";
      return post(
        `/mcp/${token}`,
        JSON.stringify({ jsonrpc: "2.0", id: i, method: "tools/list" }),
      ).then((res) => ({ i, onReader, res }));
    });
    for (const { i, onReader, res } of await Promise.all(jobs)) {
      expect(res.body.id).toBe(i);
      const names: string[] = res.body.result.tools.map((t: { name: string }) => t.name);
      if (onReader) expect(names).toContain("list_all_pager_duty_incidents");
      else expect(names).not.toContain("list_all_pager_duty_incidents");
      expect(names.includes("list_all_pager_duty_on_calls")).toBe(true);
    }
    const calls = Array.from({ length: 30 }, (_, i) =>
      post(
        "/mcp/all-token",
        JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: {
            name: "get_single_pager_duty_incident_by_id",
            arguments: { id: [...stack.sim.state.incidents.keys()][i] },
          },
        }),
      ).then((res) => ({ i, res })),
    );
    for (const { i, res } of await Promise.all(calls)) {
      expect(res.body.result.structuredContent.result.id).toBe(
        [...stack.sim.state.incidents.keys()][i],
      );
    }
  });
});
