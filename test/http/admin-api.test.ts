import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import request from "supertest";
import type { Account } from "../../src/config/accounts.js";
import {
  createApiToken,
  createApiTokenVerifier,
  revokeApiToken,
} from "../../src/config/api-tokens/index.js";
import { ConfigStore } from "../../src/config/config-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import { hashToken } from "../../src/config/server-token.js";
import { createReloader } from "../../src/config/watch-config.js";
import { createAdminApi } from "../../src/http/admin-api.js";
import { createApp } from "../../src/http/create-app.js";
import { createLogger } from "../../src/logger.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { stubUpstream } from "../helpers/stub-upstream.js";

const PUBLIC_URL = "https://mcp.example.com";
const REAL_NOW = Date.now();
let clock: number;

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let app: ReturnType<typeof createApp>;
let tokensFile: string;
let adminToken: string;
let mcpToken: string;

const account = (name: string): Account => ({
  name,
  baseUrl: "http://127.0.0.1:9",
  credentials: { kind: "api_token", token: "pd" },
  fromEmail: "a@example.com",
});

beforeEach(async () => {
  clock = REAL_NOW;
  dir = await tempConfigDir();
  tokensFile = join(dir.root, ".pd-mcp/api-tokens.json");
  const admin = await createApiToken(tokensFile, { name: "admin", scopes: ["admin"] });
  const mcp = await createApiToken(tokensFile, { name: "agent", scopes: ["mcp"] });
  if (!admin.ok || !mcp.ok) throw new Error("fixture");
  adminToken = admin.value.token;
  mcpToken = mcp.value.token;
  await writeServer(
    dir.serversDir,
    serverFile("other-account-server", "other-token", { account: "acme" }),
  );

  const accounts = new Map([
    ["default", account("default")],
    ["acme", account("acme")],
  ]);
  const sources = async () => ({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
    accounts,
  });
  const loaded = await loadConfig(await sources());
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const store = new ConfigStore(loaded.snapshot);
  const logger = createLogger("silent");
  // No file watcher here: the admin API must apply its own changes before it answers.
  const reload = createReloader({ store, sources, logger });
  const apiTokens = createApiTokenVerifier(tokensFile, { checkIntervalMs: 0 });
  app = createApp({
    store,
    http: stubUpstream().http,
    apiTokens,
    extend: (express) =>
      express.use(
        createAdminApi({
          store,
          integrationsDir: dir.integrationsDir,
          serversDir: dir.serversDir,
          apiTokens,
          reload,
          publicUrl: () => PUBLIC_URL,
          logger,
          now: () => clock,
        }),
      ),
  });
});
afterEach(() => dir.cleanup());

const api = (method: "get" | "post" | "patch" | "delete", path: string, token = adminToken) =>
  request(app)[method](path).set("Authorization", `Bearer ${token}`);
const toolNames = async (url: string, headers: Record<string, string> = {}) => {
  const res = await request(app)
    .post(new URL(url).pathname)
    .set(headers)
    .send({ jsonrpc: "2.0", id: 1, method: "tools/list" });
  return {
    status: res.status,
    names: (res.body.result?.tools ?? []).map((t: { name: string }) => t.name) as string[],
  };
};
const create = async (body: object = {}) => {
  const res = await api("post", "/integrated-account/default/mcp").send({
    name: "oncall",
    config: { methods: ["read"], tags: ["incidents"] },
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body as { url: string; token: string; updated_at: string };
};
const iso = (ms: number) => new Date(ms).toISOString();

describe("POST /integrated-account/:account/mcp", () => {
  test("creates the server file and returns the URL once; the URL works at once", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "oncall",
      config: { methods: ["read"], tags: ["incidents"] },
      expires_at: "2999-01-01T00:00:00Z",
      require_api_token_auth: false,
    });
    expect(res.status).toBe(201);
    const token = res.body.token as string;
    expect(res.body).toEqual({
      id: "oncall",
      name: "oncall",
      integrated_account_id: "default",
      config: {
        methods: ["read"],
        tags: ["incidents"],
        tool_exposure: "auto",
        chatgpt_search: false,
      },
      expires_at: "2999-01-01T00:00:00Z",
      require_api_token_auth: false,
      created_at: iso(REAL_NOW),
      updated_at: iso(REAL_NOW),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      url: `${PUBLIC_URL}/mcp/${token}`,
    });

    const text = await readFile(join(dir.serversDir, "oncall.json"), "utf8");
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      name: "oncall",
      integration: "pagerduty",
      account: "default",
      token_sha256: hashToken(token),
      config: { methods: ["read"], tags: ["incidents"] },
      require_api_token_auth: false,
      expires_at: "2999-01-01T00:00:00Z",
      created_at: iso(REAL_NOW),
      updated_at: iso(REAL_NOW),
    });

    const listed = await toolNames(res.body.url);
    expect(listed.status).toBe(200);
    expect(listed.names).toContain("list_all_pager_duty_incidents");
    expect(listed.names).not.toContain("create_a_pager_duty_incident");
    expect(listed.names).not.toContain("list_all_pager_duty_schedules");
  });

  test("tool_exposure and chatgpt_search are written to the file and shape tools/list", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "discovering",
      config: { methods: ["read"], tool_exposure: "discovery", chatgpt_search: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({
      methods: ["read"],
      tags: [],
      tool_exposure: "discovery",
      chatgpt_search: true,
    });
    const file = JSON.parse(await readFile(join(dir.serversDir, "discovering.json"), "utf8"));
    expect(file.config).toEqual(res.body.config);
    const { names } = await toolNames(res.body.url);
    expect(names).toEqual(
      expect.arrayContaining([
        "list_all_pager_duty_incidents",
        "search_pager_duty_tools",
        "describe_pager_duty_tools",
        "call_pager_duty_read_tool",
        "search",
        "fetch",
      ]),
    );
    expect(names).not.toContain("call_pager_duty_write_tool"); // a read-only server has no writes
    expect(names).not.toContain("list_all_pager_duty_users"); // found through search instead
  });

  test("an unknown tool_exposure is a 400 naming the allowed values", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "bad-exposure",
      config: { tool_exposure: "some" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      { pointer: "/config/tool_exposure", message: expect.stringMatching(/auto.*all.*discovery/) },
    ]);
  });

  test("require_api_token_auth makes the URL ask for an mcp-scoped API token", async () => {
    const { url } = await create({ require_api_token_auth: true });
    expect((await toolNames(url)).status).toBe(401);
    expect((await toolNames(url, { Authorization: `Bearer ${adminToken}` })).status).toBe(403); // valid, but lacks the mcp scope
    expect((await toolNames(url, { Authorization: `Bearer ${mcpToken}` })).status).toBe(200);
  });

  test("an invalid body is a 400 listing every problem", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "Bad Name",
      config: { methods: ["raed"], tags: ["incidents"] },
      expires_at: "2000-01-01T00:00:00Z",
      token_sha256: "0".repeat(64),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.message).toBe(
      "The request body has 4 problems: fix each one and send it again.",
    );
    expect(res.body.error.problems).toEqual([
      {
        pointer: "/token_sha256",
        message:
          "is not a known property: allowed are name, config, expires_at, require_api_token_auth",
      },
      {
        pointer: "/config/methods/0",
        message: expect.stringMatching(/^must be one of .*read.*write/),
      },
      {
        pointer: "/expires_at",
        message: "must be at least 60 seconds in the future (or null for never)",
      },
      {
        pointer: "/name",
        message:
          "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)",
      },
    ]);
    expect(await readdir(dir.serversDir)).toEqual(["other-account-server.json"]);
  });

  test.each([
    [
      "no name and no config",
      {},
      [
        {
          pointer: "",
          message:
            'must have property "config" (e.g. {"methods": ["read"], "tags": ["incidents"]}; {} exposes every tool)',
        },
        { pointer: "", message: 'must have property "name"' },
      ],
    ],
    [
      "wrong types",
      { name: "x", config: { methods: "read" }, require_api_token_auth: "yes", expires_at: "soon" },
      [
        { pointer: "/config/methods", message: "must be array" },
        {
          pointer: "/expires_at",
          message:
            "cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)",
        },
        { pointer: "/require_api_token_auth", message: "must be boolean" },
      ],
    ],
    [
      "a body that is not an object",
      [1, 2],
      [
        {
          pointer: "",
          message:
            "must be a JSON object with name, config, expires_at, require_api_token_auth (send Content-Type: application/json)",
        },
      ],
    ],
  ])("%s is a 400 naming each problem", async (_intent, body, problems) => {
    const res = await api("post", "/integrated-account/default/mcp").send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual(problems);
  });

  test("expires_at less than 60 s ahead is refused", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "soon",
      config: {},
      expires_at: iso(REAL_NOW + 30_000),
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "invalid_request",
        message: "The request body has 1 problem: fix each one and send it again.",
        problems: [
          {
            pointer: "/expires_at",
            message: "must be at least 60 seconds in the future (or null for never)",
          },
        ],
      },
    });
  });

  test("malformed JSON is a 400", async () => {
    const res = await api("post", "/integrated-account/default/mcp")
      .set("Content-Type", "application/json")
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ pointer: "", message: "is not valid JSON" }]);
  });

  test("a name that is taken is a 409", async () => {
    await create();
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "oncall",
      config: {},
    });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: "conflict",
        message:
          'An MCP server named "oncall" already exists: choose another name (names are unique across accounts).',
      },
    });
  });

  test("an unknown account is a 404", async () => {
    const res = await api("post", "/integrated-account/nobody/mcp").send({
      name: "x",
      config: {},
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: "not_found",
        message:
          'No account is named "nobody": known are default, acme (accounts live in ACCOUNTS_FILE and PAGERDUTY_* variables).',
      },
    });
  });

  test("a broken file elsewhere in servers.d does not block a create", async () => {
    await writeServer(dir.serversDir, "{ broken", "broken.json");
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "oncall",
      config: {},
    });
    expect(res.status).toBe(201);
    expect((await toolNames(res.body.url)).status).toBe(200);
    expect((await readdir(dir.serversDir)).sort()).toEqual([
      "broken.json",
      "oncall.json",
      "other-account-server.json",
    ]);
  });
});

describe("GET /integrated-account/:account/mcp", () => {
  test("lists only that account's servers, without secrets", async () => {
    const { token } = await create();
    const res = await api("get", "/integrated-account/default/mcp");
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(token);
    expect(res.text).not.toContain(hashToken(token));
    expect(res.body).toEqual({
      result: [
        {
          id: "oncall",
          name: "oncall",
          integrated_account_id: "default",
          config: {
            methods: ["read"],
            tags: ["incidents"],
            tool_exposure: "auto",
            chatgpt_search: false,
          },
          expires_at: null,
          require_api_token_auth: false,
          created_at: iso(REAL_NOW),
          updated_at: iso(REAL_NOW),
        },
      ],
      next_cursor: null,
    });
    const acme = await api("get", "/integrated-account/acme/mcp");
    expect(acme.body.result.map((s: { id: string }) => s.id)).toEqual(["other-account-server"]);
  });

  test("one server by id; another account's server or an unknown id is a 404", async () => {
    await create();
    const one = await api("get", "/integrated-account/default/mcp/oncall");
    expect(one.status).toBe(200);
    expect(one.body.id).toBe("oncall");
    expect(one.body).not.toHaveProperty("token");
    const foreign = await api("get", "/integrated-account/default/mcp/other-account-server");
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({
      error: {
        code: "not_found",
        message:
          'Account default has no MCP server "other-account-server": list them with GET /integrated-account/default/mcp.',
      },
    });
    expect((await api("get", "/integrated-account/default/mcp/..%2Fx")).status).toBe(404);
  });
});

describe("PATCH /integrated-account/:account/mcp/:id", () => {
  test("changes the tools; the URL stays the same and keeps working", async () => {
    const { url } = await create();
    clock += 5000;
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send({
      config: { tags: ["schedules"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: "oncall",
      name: "oncall",
      integrated_account_id: "default",
      config: {
        methods: ["read"],
        tags: ["schedules"],
        tool_exposure: "auto",
        chatgpt_search: false,
      },
      expires_at: null,
      require_api_token_auth: false,
      created_at: iso(REAL_NOW),
      updated_at: iso(REAL_NOW + 5000),
    });
    const listed = await toolNames(url);
    expect(listed.status).toBe(200);
    expect(listed.names).toContain("list_all_pager_duty_schedules");
    expect(listed.names).not.toContain("list_all_pager_duty_incidents");
  });

  test("renaming moves the file and keeps the URL", async () => {
    const { url } = await create();
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send({
      name: "oncall-renamed",
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe("oncall-renamed");
    expect((await readdir(dir.serversDir)).sort()).toEqual([
      "oncall-renamed.json",
      "other-account-server.json",
    ]);
    expect((await api("get", "/integrated-account/default/mcp/oncall")).status).toBe(404);
    expect((await toolNames(url)).status).toBe(200);
  });

  test("a broken file elsewhere in servers.d does not block a change", async () => {
    const { url } = await create();
    await writeServer(dir.serversDir, "{ broken", "broken.json");
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send({
      name: "renamed",
      config: { tags: ["schedules"] },
    });
    expect(res.status).toBe(200);
    expect((await readdir(dir.serversDir)).sort()).toEqual([
      "broken.json",
      "other-account-server.json",
      "renamed.json",
    ]);
    expect((await toolNames(url)).names).not.toContain("list_all_pager_duty_incidents");
  });

  test("renaming onto an existing server is a 409 and changes nothing", async () => {
    await create();
    await create({ name: "second" });
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send({
      name: "second",
    });
    expect(res.status).toBe(409);
    expect((await readdir(dir.serversDir)).sort()).toEqual([
      "oncall.json",
      "other-account-server.json",
      "second.json",
    ]);
  });

  test("turning on the second factor applies at once", async () => {
    const { url } = await create();
    await api("patch", "/integrated-account/default/mcp/oncall").send({
      require_api_token_auth: true,
    });
    expect((await toolNames(url)).status).toBe(401);
  });

  test.each([
    [
      "an empty body",
      {},
      [
        {
          pointer: "",
          message: "must change at least one of name, config, expires_at, require_api_token_auth",
        },
      ],
    ],
    [
      "an expiry too soon",
      { expires_at: iso(REAL_NOW + 1000) },
      [
        {
          pointer: "/expires_at",
          message: "must be at least 60 seconds in the future (or null for never)",
        },
      ],
    ],
    [
      "an unknown tag",
      { config: { tags: ["nope"] } },
      [
        {
          pointer: "/config/tags/0",
          message: expect.stringMatching(/^must be one of .*incidents/),
        },
      ],
    ],
  ])("%s is a 400", async (_intent, body, problems) => {
    await create();
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual(problems);
  });

  test("an unknown server is a 404", async () => {
    const res = await api("patch", "/integrated-account/default/mcp/nope").send({ config: {} });
    expect(res.status).toBe(404);
  });
});

describe("every problem of a create or change in one 400", () => {
  const ONE_OF = expect.stringMatching(/^must be one of /);
  const DATE_ADVICE =
    "cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)";

  test("create: a wrong type does not hide unknown methods, tags or a bad name and date", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "Bad_Name",
      config: { methods: ["read", "frob"], tags: ["incidentz"] },
      expires_at: "tomorrow",
      require_api_token_auth: "yes",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      { pointer: "/config/methods/1", message: ONE_OF },
      { pointer: "/config/tags/0", message: ONE_OF },
      { pointer: "/expires_at", message: DATE_ADVICE },
      {
        pointer: "/name",
        message:
          "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)",
      },
      { pointer: "/require_api_token_auth", message: "must be boolean" },
    ]);
    expect(await readdir(dir.serversDir)).toEqual(["other-account-server.json"]);
  });

  test("change: a wrong type does not hide an unknown tag or a date that cannot be read", async () => {
    await create();
    const before = await readFile(join(dir.serversDir, "oncall.json"), "utf8");
    const res = await api("patch", "/integrated-account/default/mcp/oncall").send({
      config: { tags: ["incidentz"], tool_exposure: "some" },
      expires_at: "2026-12-31T23:59:60Z",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      { pointer: "/config/tags/0", message: ONE_OF },
      { pointer: "/config/tool_exposure", message: "must be one of auto, all, discovery" },
      { pointer: "/expires_at", message: DATE_ADVICE },
    ]);
    expect(await readFile(join(dir.serversDir, "oncall.json"), "utf8")).toBe(before);
  });
});

describe("DELETE /integrated-account/:account/mcp/:id", () => {
  test("revokes: 204, the file is gone and the URL answers 404 at once", async () => {
    const { url } = await create();
    const res = await api("delete", "/integrated-account/default/mcp/oncall");
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await readdir(dir.serversDir)).toEqual(["other-account-server.json"]);
    expect((await toolNames(url)).status).toBe(404);
    expect((await api("delete", "/integrated-account/default/mcp/oncall")).status).toBe(404);
  });

  test("a broken file elsewhere in servers.d does not block a revocation", async () => {
    const { url } = await create();
    await writeServer(dir.serversDir, "{ broken", "broken.json");
    const res = await api("delete", "/integrated-account/default/mcp/oncall");
    expect(res.status).toBe(204);
    expect((await readdir(dir.serversDir)).sort()).toEqual([
      "broken.json",
      "other-account-server.json",
    ]);
    expect((await toolNames(url)).status).toBe(404);
  });
});

describe("authentication", () => {
  test.each([
    ["no Authorization header", undefined, 401, 'Bearer realm="pd-mcp-admin"', "unauthorized"],
    [
      "an unknown token",
      "Bearer pdmcp_nope",
      401,
      'Bearer realm="pd-mcp-admin", error="invalid_token"',
      "unauthorized",
    ],
    [
      "a token without the admin scope",
      "$mcp",
      403,
      'Bearer realm="pd-mcp-admin", error="insufficient_scope", scope="admin"',
      "forbidden",
    ],
  ])("%s is refused", async (_intent, header, status, challenge, code) => {
    const req = request(app).get("/integrated-account/default/mcp");
    if (header) req.set("Authorization", header === "$mcp" ? `Bearer ${mcpToken}` : header);
    const res = await req;
    expect(res.status).toBe(status);
    expect(res.headers["www-authenticate"]).toBe(challenge);
    expect(res.body.error.code).toBe(code);
    expect(res.text).not.toContain(mcpToken);
  });

  test("a revoked admin token stops working", async () => {
    expect((await api("get", "/integrated-account/default/mcp")).status).toBe(200);
    await revokeApiToken(tokensFile, "admin");
    expect((await api("get", "/integrated-account/default/mcp")).status).toBe(401);
  });

  test("authentication comes before anything else: an unknown account is a 401 without a token", async () => {
    const res = await request(app).post("/integrated-account/nobody/mcp").send({});
    expect(res.status).toBe(401);
  });
});

test("the admin API leaves /healthz and unknown routes alone", async () => {
  expect((await request(app).get("/healthz")).status).toBe(200);
  expect((await request(app).get("/nope")).status).toBe(404);
});
