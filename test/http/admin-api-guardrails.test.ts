import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import request from "supertest";
import { createApiToken, createApiTokenVerifier } from "../../src/config/api-tokens/index.js";
import { ConfigStore } from "../../src/config/config-store.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createReloader } from "../../src/config/watch-config.js";
import { createAdminApi } from "../../src/http/admin-api.js";
import { createApp } from "../../src/http/create-app.js";
import { createLogger } from "../../src/logger.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { stubUpstream } from "../helpers/stub-upstream.js";

const CREATE = "create_a_pager_duty_incident";
let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let app: ReturnType<typeof createApp>;
let adminToken: string;

beforeEach(async () => {
  dir = await tempConfigDir();
  const tokensFile = join(dir.root, "api-tokens.json");
  const admin = await createApiToken(tokensFile, { name: "admin", scopes: ["admin"] });
  if (!admin.ok) throw new Error("fixture");
  adminToken = admin.value.token;
  const sources = async () => ({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
    accounts: new Map(),
  });
  const loaded = await loadConfig(await sources());
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const store = new ConfigStore(loaded.snapshot);
  const logger = createLogger("silent");
  const apiTokens = createApiTokenVerifier(tokensFile, { checkIntervalMs: 0 });
  app = createApp({
    store,
    http: stubUpstream().http,
    extend: (express) =>
      express.use(
        createAdminApi({
          store,
          integrationsDir: dir.integrationsDir,
          serversDir: dir.serversDir,
          apiTokens,
          reload: createReloader({ store, sources, logger }),
          publicUrl: () => "https://mcp.example.com",
          logger,
        }),
      ),
  });
});
afterEach(() => dir.cleanup());

const api = (method: "post" | "patch" | "get", path: string) =>
  request(app)[method](path).set("Authorization", `Bearer ${adminToken}`);
const listTools = async (url: string) =>
  (
    await request(app)
      .post(new URL(url).pathname)
      .send({ jsonrpc: "2.0", id: 1, method: "tools/list" })
  ).body.result.tools as Array<{ name: string; inputSchema: { properties: object } }>;

describe("the admin API accepts guardrails", () => {
  const guardrails = {
    constraints: { [CREATE]: { urgency: { const: "low" } } },
    write_limits: { per_hour: 10, tools: { [CREATE]: { per_hour: 3 } } },
    confirm_writes: [CREATE],
    audit: { include_text: false },
  };

  test("a create with guardrails serves narrowed tools at once and shows them back", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "safe",
      config: { methods: ["read", "create"], tags: ["incidents"], ...guardrails },
    });
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({
      methods: ["read", "create"],
      tags: ["incidents"],
      ...guardrails,
    });
    const create = (await listTools(res.body.url)).find((t) => t.name === CREATE)!;
    expect(Object.keys(create.inputSchema.properties)).toContain("confirm");
    expect(Object.keys(create.inputSchema.properties)).not.toContain("urgency");

    const patched = await api("patch", "/integrated-account/default/mcp/safe").send({
      config: { write_limits: { per_day: 20 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.config.write_limits).toEqual({ per_day: 20 });
    expect(patched.body.config.constraints).toEqual(guardrails.constraints);
  });

  test("a rule that cannot apply is a 400 naming the pointer", async () => {
    const res = await api("post", "/integrated-account/default/mcp").send({
      name: "bad",
      config: {
        constraints: { [CREATE]: { urgency: { enum: ["medium"] } } },
        write_limits: { per_hour: 0 },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      { pointer: "/config/write_limits/per_hour", message: "must be >= 1" },
    ]);
    const meaning = await api("post", "/integrated-account/default/mcp").send({
      name: "bad",
      config: { constraints: { [CREATE]: { urgency: { enum: ["medium"] } } } },
    });
    expect(meaning.status).toBe(400);
    expect(meaning.body.error.problems).toEqual([
      {
        pointer: `/config/constraints/${CREATE}/urgency/enum/0`,
        message: `must be one of the tool's own values "high", "low"`,
      },
    ]);
  });
});
