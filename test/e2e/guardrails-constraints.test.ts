import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { serverFile } from "../helpers/config-dir.js";
import { auditEntries, callRaw, fileGuardrails, received, textOf } from "../helpers/guardrails.js";
import { startStack, type Stack } from "../helpers/stack.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";

const CREATE = "create_a_pager_duty_incident";
const LIST = "list_all_pager_duty_incidents";

let stack: Stack;
let client: Client;
let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "pd-mcp-guard-"));
  stack = await startStack({
    servers: [
      serverFile("constrained", "constrained-token", {
        config: {
          methods: [],
          tags: ["incidents"],
          constraints: {
            [CREATE]: {
              urgency: { const: "low" },
              service_id: { allowed_ids: ["SAUTH1"] },
              title: { pattern: "^\\[bot\\] " },
            },
            [LIST]: {
              limit: { maximum: 5 },
              service_ids: { allowed_ids: ["SAUTH1", "SPAYMT1"], required: true },
            },
          },
        },
      }),
    ],
    app: { guardrails: fileGuardrails(stateDir) },
  });
  client = await stack.client("constrained-token");
});
afterAll(async () => {
  await stack.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe("argument constraints, through a real client on the simulator", () => {
  test("tools/list shows the narrowed schemas: const arguments gone, allow-lists, patterns, maxima, required", async () => {
    const { tools } = await client.listTools();
    const create = tools.find((t) => t.name === CREATE)!;
    expect(Object.keys(create.inputSchema.properties!)).not.toContain("urgency");
    expect(create.inputSchema.properties!.service_id).toMatchObject({ enum: ["SAUTH1"] });
    expect(create.inputSchema.properties!.title).toMatchObject({ pattern: "^\\[bot\\] " });
    expect(create.description).toContain(
      'On this server urgency = "low" (fixed: not an argument).',
    );
    const list = tools.find((t) => t.name === LIST)!;
    expect(list.inputSchema.properties!.limit).toMatchObject({ maximum: 5 });
    expect(list.inputSchema.required).toEqual(["service_ids"]);
    // Tools without rules are unchanged.
    const get = tools.find((t) => t.name === "get_single_pager_duty_incident_by_id")!;
    expect(get.description).not.toContain("On this server");
  });

  test("calls that break a rule are refused, naming it, and reach nothing upstream", async () => {
    const before = stack.sim.requests.length;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        CREATE,
        { title: "[bot] Disk full", service_id: "SPAYMT1" },
        `service_id is "SPAYMT1", but it must be one of SAUTH1 (this server's rule constraints.${CREATE}.service_id.allowed_ids)`,
      ],
      [
        CREATE,
        { title: "[bot] Disk full", service_id: "SAUTH1", urgency: "high" },
        `urgency is fixed to "low" on this server: leave it out (this server's rule constraints.${CREATE}.urgency.const)`,
      ],
      [
        CREATE,
        { title: "Disk full", service_id: "SAUTH1" },
        `title must match /^\\[bot\\] / (this server's rule constraints.${CREATE}.title.pattern)`,
      ],
      [
        LIST,
        { service_ids: ["SAUTH1"], limit: 50 },
        `limit is 50, but must be at most 5 (this server's rule constraints.${LIST}.limit.maximum)`,
      ],
      [
        LIST,
        {},
        `service_ids must be given (this server's rule constraints.${LIST}.service_ids.required)`,
      ],
    ];
    for (const [tool, args, rule] of cases) {
      const result = await callRaw(client, tool, args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        `This server's rules refuse the call to ${tool}:\n- ${rule}\nNothing was sent to PagerDuty.`,
      );
      expect(result.structuredContent).toMatchObject({
        error: { type: "guardrail_refused", reason: "constraint", problems: [rule] },
      });
    }
    expect(stack.sim.requests.length).toBe(before);
  });

  test("a call within the rules is sent with the fixed values filled in", async () => {
    const before = received(stack.sim, "POST", "/incidents");
    const result = await callRaw(client, CREATE, {
      title: "[bot] Queue depth above 10k",
      service_id: "SAUTH1",
      details: "Customer Jane Doe reported it",
    });
    expect(result.isError).toBeUndefined();
    expect(received(stack.sim, "POST", "/incidents")).toBe(before + 1);
    const sent = stack.sim.requests.at(-1)!.body as { incident: Record<string, unknown> };
    expect(sent.incident).toMatchObject({ urgency: "low", service: { id: "SAUTH1" } });
    expect((result.structuredContent as { result: { urgency: string } }).result.urgency).toBe(
      "low",
    );

    const list = await callRaw(client, LIST, { service_ids: ["SAUTH1"], limit: 5 });
    expect(list.isError).toBeUndefined();
  });

  test("every write is audited: refused and performed, free text as lengths, with the client", async () => {
    const entries = (await auditEntries(stateDir)).filter((e) => e.tool === CREATE);
    expect(entries.map((e) => [e.outcome, e.reason])).toEqual([
      ["refused", "constraint"],
      ["refused", "constraint"],
      ["refused", "constraint"],
      ["succeeded", undefined],
    ]);
    const done = entries[3];
    expect(done).toMatchObject({
      server: "constrained",
      tool: CREATE,
      upstream_status: 201,
      id: expect.stringMatching(/^Q/),
      client: { name: "e2e-test", version: "1.0.0" },
      arguments: {
        title: { length: 27 },
        details: { length: 29 },
        service_id: "SAUTH1",
        urgency: "low",
      },
    });
    expect(JSON.stringify(entries)).not.toContain("Jane Doe");
    // Reads are not audited.
    expect((await auditEntries(stateDir)).some((e) => e.tool === LIST)).toBe(false);
  });
});
