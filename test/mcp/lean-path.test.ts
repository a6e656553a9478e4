import { afterAll, beforeAll, expect, test } from "vitest";
import { ConfigStore } from "../../src/config/config-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Snapshot } from "../../src/config/snapshot.js";
import { UpstreamError } from "../../src/errors.js";
import { createMemoryGuardrails } from "../../src/guardrails/runtime.js";
import { createMcpEndpoint, type McpEndpoint } from "../../src/mcp/mcp-server.js";
import type { RequestContext } from "../../src/mcp/invoke-tool.js";
import type { HttpClient, HttpRequest } from "../../src/upstream/http-client.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";

// An upstream that answers by path, the same way every time, so each case can run twice.
const INCIDENT = {
  incident: {
    id: "PINC1",
    incident_number: 7,
    title: 'Disk full — ünïcode \u2028 "quoted"',
    status: "triggered",
    urgency: "high",
    service: { id: "PSVC1", summary: "db" },
    assignments: [{ assignee: { id: "PUSR1", summary: "Ann" }, at: "2026-11-25T10:00:00Z" }],
    created_at: "2026-11-25T10:00:00Z",
  },
};
const PAGE = { incidents: [INCIDENT.incident], limit: 1, offset: 0, more: true };
const requests: HttpRequest[] = [];
const http: HttpClient = async (req) => {
  requests.push(req);
  const path = req.url.pathname;
  if (path === "/incidents/PINC1") return { status: 200, headers: {}, body: INCIDENT, bytes: 0 };
  if (path === "/incidents")
    return {
      status: 200,
      headers: { "ratelimit-limit": "960", "ratelimit-remaining": "959", "ratelimit-reset": "30" },
      body: PAGE,
      bytes: 0,
    };
  if (path === "/incidents/PLIMIT")
    return {
      status: 429,
      headers: { "ratelimit-limit": "960", "ratelimit-remaining": "0", "ratelimit-reset": "23" },
      body: { error: { message: "Rate Limit Exceeded", code: 2020 } },
      bytes: 0,
    };
  if (path === "/incidents/PDOWN") throw new UpstreamError("upstream_unavailable", 0, "down");
  if (path === "/incidents/PBUG") throw new TypeError("a bug, not an upstream failure");
  return {
    status: 404,
    headers: {},
    body: { error: { message: "Not Found", code: 2100 } },
    bytes: 0,
  };
};

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let snapshot: Snapshot;
const endpoints: Record<string, McpEndpoint> = {};

beforeAll(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("all", "all-token"));
  await writeServer(
    dir.serversDir,
    serverFile("reader", "read-token", { config: { methods: ["read"], tags: ["incidents"] } }),
  );
  const loaded = await loadConfig({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
    accounts: new Map([
      [
        "default",
        {
          name: "default",
          baseUrl: "http://127.0.0.1:9",
          credentials: { kind: "api_token" as const, token: "pd" },
          fromEmail: "a@example.com",
        },
      ],
    ]),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  snapshot = new ConfigStore(loaded.snapshot).current();
  const deps = {
    http,
    credentials: { header: async () => ["Authorization", "Token token=pd"] as [string, string] },
    guardrails: createMemoryGuardrails(),
  };
  for (const name of ["all", "reader"])
    endpoints[name] = await createMcpEndpoint(snapshot.serversByName.get(name)!, snapshot, deps);
});
afterAll(() => dir.cleanup());

const call = (id: unknown, params: unknown) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params,
});
const get = (id: string) => ({ name: "get_single_pager_duty_incident_by_id", arguments: { id } });

/** [intent, server, message, whether the lean path answers it] */
const CASES: Array<[string, string, unknown, boolean]> = [
  ["success: get one incident", "all", call(1, get("PINC1")), true],
  [
    "success: a list with next_cursor, string id",
    "all",
    call("a-1", { name: "list_all_pager_duty_incidents", arguments: { limit: 1 } }),
    true,
  ],
  ["success: arguments omitted", "all", call(2, { name: "list_all_pager_duty_incidents" }), true],
  ["success: id 0", "all", call(0, get("PINC1")), true],
  ["success: negative id", "all", call(-5, get("PINC1")), true],
  ["success: largest safe integer id", "all", call(Number.MAX_SAFE_INTEGER, get("PINC1")), true],
  ["success: unicode string id", "all", call('ïd \u2028 "x"', get("PINC1")), true],
  ["tool error: PagerDuty 404", "all", call(3, get("PNOPE")), true],
  ["tool error: PagerDuty 429", "all", call(4, get("PLIMIT")), true],
  ["tool error: PagerDuty unreachable", "all", call(5, get("PDOWN")), true],
  [
    "tool error: invalid arguments",
    "all",
    call(6, { name: "list_all_pager_duty_incidents", arguments: { statuses: ["open"], limit: 0 } }),
    true,
  ],
  [
    "tool error: an argument the tool does not have",
    "all",
    call(7, {
      name: "get_single_pager_duty_incident_by_id",
      arguments: { id: "PINC1", extra: true },
    }),
    true,
  ],
  ["tool error: a dot-segment id", "all", call(8, get("..")), true],
  ["internal error: a bug below the tool", "all", call(9, get("PBUG")), true],
  ["unknown tool", "all", call(10, { name: "drop_all_tables", arguments: {} }), true],
  [
    "unknown tool: hidden by the server's filter",
    "reader",
    call(11, { name: "create_a_pager_duty_incident", arguments: { title: "x" } }),
    true,
  ],
  ["tools/list without params", "all", { jsonrpc: "2.0", id: 12, method: "tools/list" }, true],
  [
    "tools/list with empty params",
    "reader",
    { jsonrpc: "2.0", id: "l", method: "tools/list", params: {} },
    true,
  ],
  ["malformed: name missing", "all", call(13, { arguments: {} }), false],
  ["malformed: name not a string", "all", call(14, { name: 42, arguments: {} }), false],
  [
    "malformed: arguments an array",
    "all",
    call(15, { name: "list_all_pager_duty_incidents", arguments: [] }),
    false,
  ],
  [
    "malformed: arguments null",
    "all",
    call(16, { name: "list_all_pager_duty_incidents", arguments: null }),
    false,
  ],
  ["malformed: params missing", "all", { jsonrpc: "2.0", id: 17, method: "tools/call" }, false],
  [
    "unusual: a progress token in _meta",
    "all",
    call(19, { ...get("PINC1"), _meta: { progressToken: 1 } }),
    false,
  ],
  ["unusual: a task requested", "all", call(20, { ...get("PINC1"), task: { ttl: 1000 } }), false],
  [
    "unusual: an own __proto__ argument",
    "all",
    call(21, {
      name: "list_all_pager_duty_incidents",
      arguments: JSON.parse('{"__proto__": {"limit": 1}}'),
    }),
    false,
  ],
  [
    "unusual: tools/list with a cursor",
    "all",
    { jsonrpc: "2.0", id: 22, method: "tools/list", params: { cursor: "x" } },
    false,
  ],
  ["other method: ping", "all", { jsonrpc: "2.0", id: 23, method: "ping" }, false],
];

async function viaSdk(server: string, message: unknown, context: RequestContext): Promise<string> {
  return JSON.stringify(await endpoints[server].transport.request(message as never, context));
}

test.each(CASES)(
  "%s: the same bytes on the lean path and the SDK path",
  async (_intent, server, message, lean) => {
    const sdkContext: RequestContext = {};
    const sdkStart = requests.length;
    const sdk = await viaSdk(server, structuredClone(message), sdkContext);
    const sdkRequests = requests.slice(sdkStart);

    const leanContext: RequestContext = {};
    const leanStart = requests.length;
    const answered = endpoints[server].lean.answer(structuredClone(message), leanContext);
    expect(answered !== undefined).toBe(lean);
    const reply = answered
      ? await answered
      : await viaSdk(server, structuredClone(message), leanContext);
    const leanRequests = requests.slice(leanStart);

    expect(reply).toBe(sdk);
    // The same upstream requests, and the same facts for logs, metrics and rate-limit headers.
    expect(leanRequests).toEqual(sdkRequests);
    expect(leanContext).toEqual(sdkContext);
  },
);

test("the cases cover what the lean path is for: results, tool errors, unknown tools, JSON-RPC errors", async () => {
  const kinds = new Set<string>();
  for (const [, server, message, lean] of CASES) {
    if (!lean) continue;
    const reply = JSON.parse((await endpoints[server].lean.answer(structuredClone(message), {}))!);
    kinds.add(
      reply.error ? `error ${reply.error.code}` : reply.result.isError ? "isError" : "result",
    );
  }
  expect([...kinds].sort()).toEqual(["error -32602", "error -32603", "isError", "result"]);
});
