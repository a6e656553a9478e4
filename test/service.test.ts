import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { EXPRESSION_CACHE_FILE } from "../src/config/expression-cache.js";
import { ConfigError, formatProblem } from "../src/errors.js";
import { createLogger } from "../src/logger.js";
import { startService, type RunningService } from "../src/service.js";
import { createSimulator } from "../src/simulator/index.js";
import { serverFile, tempConfigDir, writeServer } from "./helpers/config-dir.js";
import { settingsFor } from "./helpers/service-settings.js";

let service: RunningService | undefined;
let dir: Awaited<ReturnType<typeof tempConfigDir>> | undefined;
afterEach(async () => {
  await service?.close();
  await dir?.cleanup();
  service = undefined;
});

describe("startService", () => {
  test("without credentials it runs the simulator and a demo server a real client can use", async () => {
    dir = await tempConfigDir();
    service = await startService(settingsFor(dir), createLogger("silent"));
    expect(service.simulator?.demoUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/mcp\/[A-Za-z0-9_-]{43}$/,
    );

    const client = new Client({ name: "service-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(service.simulator!.demoUrl)));
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain("create_a_pager_duty_incident");
    const result = await client.callTool({
      name: "list_all_pager_duty_incidents",
      arguments: { statuses: ["triggered"] },
    });
    expect(result.isError).toBeUndefined();
    expect((result.structuredContent as { result: unknown[] }).result.length).toBeGreaterThan(0);
    await client.close();

    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", servers: 1 });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain(
      'pd_mcp_tool_calls_total{server="demo",tool="list_all_pager_duty_incidents",outcome="ok",upstream_status="200"} 1',
    );
    // Once listening it saves which expressions parse, for the next start-up (expression-cache.ts).
    const saved = join(dir.root, "state", EXPRESSION_CACHE_FILE);
    await expect.poll(() => existsSync(saved), { timeout: 5000 }).toBe(true);
  });

  test("METRICS_PORT serves /metrics there only; the public port has none", async () => {
    dir = await tempConfigDir();
    service = await startService(settingsFor(dir, { METRICS_PORT: "0" }), createLogger("silent"));
    expect(service.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(service.metricsUrl).not.toBe(service.url);
    const scraped = await fetch(`${service.metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("# TYPE pd_mcp_tool_calls_total counter");
    expect((await fetch(`${service.metricsUrl}/healthz`)).status).toBe(404);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  test("an account named default in ACCOUNTS_FILE is real PagerDuty: no simulator stands in for it", async () => {
    dir = await tempConfigDir();
    // A PagerDuty stand-in that is not the embedded simulator, reached only through the file.
    const upstream = createSimulator();
    const listening = await upstream.listen();
    try {
      await writeFile(
        join(dir.root, "accounts.json"),
        JSON.stringify({
          accounts: {
            default: { api_token: "from-the-file", base_url: listening.url, from_email: "a@b.c" },
          },
        }),
        { mode: 0o600 },
      );
      await writeServer(dir.serversDir, serverFile("files-only", "files-only-token"));
      service = await startService(settingsFor(dir), createLogger("silent"));
      expect(service.simulator).toBeUndefined();
      const client = new Client({ name: "service-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${service.url}/mcp/files-only-token`)),
      );
      const result = await client.callTool({
        name: "list_all_pager_duty_incidents",
        arguments: {},
      });
      expect(result.isError).toBeUndefined();
      await client.close();
      expect(upstream.requests.map((r) => [r.path, r.headers.authorization])).toContainEqual([
        "/incidents",
        "Token token=from-the-file",
      ]);
    } finally {
      await listening.close();
    }
  });

  test("invalid configuration refuses to start and lists every problem", async () => {
    dir = await tempConfigDir();
    await writeServer(
      dir.serversDir,
      { ...serverFile("a", "t1"), config: { methods: ["reed"] } },
      "a.json",
    );
    await writeServer(dir.serversDir, { ...serverFile("b", "t2"), account: "nobody" }, "b.json");
    const error = await startService(
      settingsFor(dir, { PAGERDUTY_API_TOKEN: "x" }),
      createLogger("silent"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).problems.map(formatProblem);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/servers\.d\/a\.json: \/config\/methods\/0 must be one of /);
    expect(lines[1]).toMatch(/servers\.d\/b\.json: \/account names no configured account/);
  });
});
