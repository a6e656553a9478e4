import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createLogger } from "../../src/logger.js";
import { startService, type RunningService } from "../../src/service.js";
import { readSettings } from "../../src/settings.js";
import { createSimulator } from "../../src/simulator/index.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { auditEntries, callRaw, fileGuardrails, received, textOf } from "../helpers/guardrails.js";
import { startStack, type Stack } from "../helpers/stack.js";

const NOTE = "create_a_pager_duty_incident_note";
const CREATE = "create_a_pager_duty_incident";
const T0 = Date.parse("2026-11-25T09:00:00Z");

let stack: Stack | undefined;
let stateDir: string | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
  stateDir = undefined;
});

const budgeted = (token: string) =>
  serverFile("budgeted", token, {
    config: {
      methods: [],
      tags: ["incidents"],
      write_limits: { per_hour: 10, tools: { [CREATE]: { per_hour: 3 } } },
    },
  });

describe("write budgets, through real clients on the simulator", () => {
  test("16 concurrent callers against 10 writes per hour: exactly 10 reach PagerDuty, 6 are told when to retry", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "pd-mcp-budget-"));
    let clock = T0;
    stack = await startStack({
      servers: [budgeted("budget-token")],
      app: { guardrails: fileGuardrails(stateDir, { now: () => clock }) },
    });
    const clients = await Promise.all(
      Array.from({ length: 16 }, () => stack!.client("budget-token")),
    );
    const incident = [...stack.sim.state.incidents.values()].find((i) => i.status !== "resolved")!;
    const before = received(stack.sim, "POST", `/incidents/${incident.id}/notes`);
    const results = await Promise.all(
      clients.map((c, i) => callRaw(c, NOTE, { incident_id: incident.id, content: `note ${i}` })),
    );
    const ok = results.filter((r) => !r.isError);
    const refused = results.filter((r) => r.isError);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(6);
    expect(received(stack.sim, "POST", `/incidents/${incident.id}/notes`) - before).toBe(10);
    for (const r of refused) {
      expect(textOf(r)).toBe(
        "This server's write budget is spent: 10 per hour for all writes (rule write_limits.per_hour). The call will be allowed again at 2026-11-25T10:00:00.000Z (in 3600 seconds). Nothing was sent to PagerDuty.",
      );
      expect(r.structuredContent).toMatchObject({
        error: {
          type: "guardrail_refused",
          reason: "write_limit",
          rule: "write_limits.per_hour",
          retry_at: "2026-11-25T10:00:00.000Z",
          retry_after_seconds: 3600,
        },
      });
    }
    const audited = (await auditEntries(stateDir)).filter((e) => e.tool === NOTE);
    expect(audited.filter((e) => e.outcome === "succeeded")).toHaveLength(10);
    expect(audited.filter((e) => e.reason === "write_limit")).toHaveLength(6);

    // Reads are never budgeted; an hour later there is room again.
    const read = await callRaw(clients[0], "list_all_pager_duty_incidents", {});
    expect(read.isError).toBeUndefined();
    clock = T0 + 3_600_000;
    const later = await callRaw(clients[0], NOTE, { incident_id: incident.id, content: "later" });
    expect(later.isError).toBeUndefined();
  });

  test("a tool's own budget applies on top of the server's", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "pd-mcp-budget-"));
    stack = await startStack({
      servers: [budgeted("budget-token")],
      app: { guardrails: fileGuardrails(stateDir) },
    });
    const client = await stack.client("budget-token");
    const results: CallToolResult[] = [];
    for (const n of [1, 2, 3, 4])
      results.push(
        await callRaw(client, CREATE, { title: `Disk ${n} full`, service_id: "SAUTH1" }),
      );
    expect(results.map((r) => r.isError ?? false)).toEqual([false, false, false, true]);
    expect(textOf(results[3])).toMatch(
      /^This server's write budget is spent: 3 per hour for this tool \(rule write_limits\.tools\.create_a_pager_duty_incident\.per_hour\)\. The call will be allowed again at .+ \(in 36\d\d seconds\)\. Nothing was sent to PagerDuty\.$/,
    );
    expect(
      stack.sim.requests.filter((r) => r.method === "POST" && r.path === "/incidents"),
    ).toHaveLength(3);
  });
});

describe("write budgets across a restart of the service", () => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  test("writes counted before a restart still count after it", async () => {
    const sim = createSimulator();
    const simListening = await sim.listen(0, "127.0.0.1");
    const dir = await tempConfigDir();
    try {
      await writeServer(
        dir.serversDir,
        serverFile("restarted", "restart-token", {
          config: { methods: [], tags: ["incidents"], write_limits: { per_day: 4 } },
        }),
      );
      const settings = readSettings({
        PORT: "0",
        HOST: "127.0.0.1",
        INTEGRATIONS_DIR: dir.integrationsDir,
        SERVERS_DIR: dir.serversDir,
        ACCOUNTS_FILE: join(dir.root, "accounts.json"),
        API_TOKENS_FILE: join(dir.root, "api-tokens.json"),
        STATE_DIR: join(dir.root, "state"),
        PAGERDUTY_API_TOKEN: "test-token",
        PAGERDUTY_BASE_URL: simListening.url,
        PAGERDUTY_FROM_EMAIL: "alice@example.com",
      });
      const incident = [...sim.state.incidents.values()].find((i) => i.status !== "resolved")!;
      const notes = async (count: number) => {
        service = await startService(settings, createLogger("silent"));
        const client = new Client({ name: "restart-test", version: "1.0.0" });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`${service.url}/mcp/restart-token`)),
        );
        const results: boolean[] = [];
        for (let i = 0; i < count; i++)
          results.push(
            !(await callRaw(client, NOTE, { incident_id: incident.id, content: `n${i}` })).isError,
          );
        await client.close();
        await service.close();
        service = undefined;
        return results;
      };
      expect(await notes(3)).toEqual([true, true, true]);
      expect(await notes(3)).toEqual([true, false, false]);
      expect(received(sim, "POST", `/incidents/${incident.id}/notes`)).toBe(4);
    } finally {
      await simListening.close();
      await dir.cleanup();
    }
  });
});
