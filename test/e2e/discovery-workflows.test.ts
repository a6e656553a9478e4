import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeSyntheticIntegrations } from "../../bench/synthetic-tools.js";
import { SHIPPED_INTEGRATIONS, serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

type ListResult<T> = { result: T[]; next_cursor: string | null };
type One<T> = { result: T };

let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({ servers: [serverFile("everything", "discovery-token")] });
  // Hundreds of tools, so the default (auto) exposure is discovery.
  await writeSyntheticIntegrations(SHIPPED_INTEGRATIONS, stack.dir.integrationsDir, 400);
  await stack.reload();
  client = await stack.client("discovery-token");
});
afterAll(() => stack.close());

const json = (r: unknown) =>
  JSON.parse((r as { content: Array<{ text: string }> }).content[0].text);

/** Searches for a task and returns the tool the test expects among the top 3 hits. */
async function find(task: string, expected: string): Promise<string> {
  const hits = json(
    await client.callTool({
      name: "search_pager_duty_tools",
      arguments: { query: task, limit: 3 },
    }),
  ).result as Array<{ name: string; kind: string }>;
  expect(hits.map((h) => h.name)).toContain(expected);
  const described = json(
    await client.callTool({ name: "describe_pager_duty_tools", arguments: { names: [expected] } }),
  ).result[0];
  expect(described.inputSchema.type).toBe("object");
  return expected;
}

/** Runs a tool through the discovery call tools, as a model in discovery mode does. */
async function run<T>(
  via: "read" | "write",
  name: string,
  args: Record<string, unknown>,
): Promise<T> {
  const result = await client.callTool({
    name: `call_pager_duty_${via}_tool`,
    arguments: { name, arguments: args },
  });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

describe("the seed's workflows through the discovery tools, on a server with hundreds of tools", () => {
  test("tools/list is the short discovery list", async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBe(10);
    expect(tools.map((t) => t.name)).toContain("search_pager_duty_tools");
  });

  test("workflow 1: triggered incidents, the newest, the Network Infrastructure schedule, who is on call", async () => {
    const list = await find("list triggered incidents", "list_all_pager_duty_incidents");
    const triggered = await run<ListResult<{ id: string; status: string; created_at: string }>>(
      "read",
      list,
      { statuses: ["triggered"], sort_by: ["created_at:desc"] },
    );
    expect(triggered.result.length).toBeGreaterThan(0);
    expect(triggered.result.every((i) => i.status === "triggered")).toBe(true);
    const created = triggered.result.map((i) => Date.parse(i.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const get = await find(
      "get one incident by ID with its details",
      "get_single_pager_duty_incident_by_id",
    );
    const newest = await run<One<{ id: string; status: string }>>("read", get, {
      id: triggered.result[0].id,
    });
    expect(newest.result).toMatchObject({ id: triggered.result[0].id, status: "triggered" });

    const schedules = await find("find a schedule by name", "list_all_pager_duty_schedules");
    const found = await run<ListResult<{ id: string; name: string }>>("read", schedules, {
      query: "Network Infrastructure",
    });
    const schedule = found.result.find((s) => s.name === "Network Infrastructure")!;
    expect(schedule).toBeDefined();

    const oncalls = await find("who is on call for a schedule", "list_all_pager_duty_on_calls");
    const onCall = await run<ListResult<{ user: { name: string }; schedule: { id: string } }>>(
      "read",
      oncalls,
      { schedule_ids: [schedule.id] },
    );
    expect(onCall.result.length).toBeGreaterThan(0);
    expect(onCall.result.every((o) => o.schedule.id === schedule.id)).toBe(true);
    expect(onCall.result[0].user.name).toEqual(expect.any(String));
  });

  test("workflow 2: a high-urgency incident on SAUTH1, then a note, both in PagerDuty's state", async () => {
    const create = await find(
      "open a high-urgency incident on a service",
      "create_a_pager_duty_incident",
    );
    const created = await run<
      One<{ id: string; status: string; urgency: string; service: { id: string } }>
    >("write", create, {
      title: "Checkout latency above 2s",
      service_id: "SAUTH1",
      urgency: "high",
    });
    expect(created.result).toMatchObject({
      status: "triggered",
      urgency: "high",
      service: { id: "SAUTH1" },
    });

    const note = await find("add a note to an incident", "create_a_pager_duty_incident_note");
    const added = await run<One<{ id: string; content: string }>>("write", note, {
      incident_id: created.result.id,
      content: "Rolled back the 09:30 deploy.",
    });
    expect(added.result.content).toBe("Rolled back the 09:30 deploy.");
    const notes = stack.sim.state.notes.get(created.result.id) ?? [];
    expect(notes.map((n) => n.content)).toContain("Rolled back the 09:30 deploy.");
  });
});
