import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createApiToken } from "../../src/config/api-tokens/index.js";
import { createLogger } from "../../src/logger.js";
import { startService, type RunningService } from "../../src/service.js";
import { readSettings } from "../../src/settings.js";
import { tempConfigDir } from "../helpers/config-dir.js";

const CREATE = "create_a_pager_duty_incident";
let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let service: RunningService;
let adminToken: string;

// The whole service (simulator mode), so the admin API is reached as it is deployed.
beforeAll(async () => {
  dir = await tempConfigDir();
  const tokensFile = join(dir.root, "api-tokens.json");
  const admin = await createApiToken(tokensFile, { name: "admin", scopes: ["admin"] });
  if (!admin.ok) throw new Error("fixture");
  adminToken = admin.value.token;
  service = await startService(
    readSettings({
      PORT: "0",
      INTEGRATIONS_DIR: dir.integrationsDir,
      SERVERS_DIR: dir.serversDir,
      ACCOUNTS_FILE: join(dir.root, "accounts.json"),
      API_TOKENS_FILE: tokensFile,
      STATE_DIR: join(dir.root, "state"),
    }),
    createLogger("silent"),
  );
});
afterAll(async () => {
  await service.close();
  await dir.cleanup();
});

async function api(method: "POST" | "PATCH", path: string, body: unknown) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("the admin API accepts guardrails", () => {
  const guardrails = {
    constraints: { [CREATE]: { urgency: { const: "low" } } },
    write_limits: { per_hour: 10, tools: { [CREATE]: { per_hour: 3 } } },
    confirm_writes: [CREATE],
    audit: { include_text: false },
  };

  test("a create with guardrails serves narrowed tools at once and shows them back; a patch keeps the others", async () => {
    const res = await api("POST", "/integrated-account/default/mcp", {
      name: "safe",
      config: { methods: ["read", "create"], tags: ["incidents"], ...guardrails },
    });
    expect(res.status).toBe(201);
    expect(res.body.config).toEqual({
      methods: ["read", "create"],
      tags: ["incidents"],
      tool_exposure: "auto",
      chatgpt_search: false,
      ...guardrails,
    });
    const client = new Client({ name: "admin-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(res.body.url)));
    const create = (await client.listTools()).tools.find((t) => t.name === CREATE)!;
    await client.close();
    expect(Object.keys(create.inputSchema.properties!)).toContain("confirm");
    expect(Object.keys(create.inputSchema.properties!)).not.toContain("urgency");

    const patched = await api("PATCH", "/integrated-account/default/mcp/safe", {
      config: { write_limits: { per_day: 20 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.config.write_limits).toEqual({ per_day: 20 });
    expect(patched.body.config.constraints).toEqual(guardrails.constraints);
  });

  test("a malformed or inapplicable rule is a 400 naming its pointer", async () => {
    const shape = await api("POST", "/integrated-account/default/mcp", {
      name: "bad",
      config: { write_limits: { per_hour: 0 } },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.problems).toEqual([
      { pointer: "/config/write_limits/per_hour", message: "must be >= 1" },
    ]);
    const meaning = await api("POST", "/integrated-account/default/mcp", {
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
