import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createMemoryGuardrails } from "../../src/guardrails/runtime.js";
import { serverFile } from "../helpers/config-dir.js";
import { callRaw, textOf } from "../helpers/guardrails.js";
import { startStack, type Stack } from "../helpers/stack.js";

const CREATE = "create_a_pager_duty_incident";

let stack: Stack;
let client: Client;
let other: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [serverFile("first", "first-token"), serverFile("second", "second-token")],
    // A fixed clock: keys are per 5-minute window, and a retry must not straddle two.
    app: {
      guardrails: { ...createMemoryGuardrails(), now: () => Date.parse("2026-11-25T09:01:00Z") },
    },
  });
  client = await stack.client("first-token");
  other = await stack.client("second-token");
});
afterAll(() => stack.close());

const sentKeys = () =>
  stack.sim.requests
    .filter((r) => r.method === "POST" && r.path === "/incidents")
    .map((r) => (r.body as { incident: { incident_key?: string } }).incident.incident_key);
const incidentsTitled = (title: string) =>
  [...stack.sim.state.incidents.values()].filter((i) => i.title === title);

describe("incident creation carries a derived incident_key", () => {
  test("the tool says so to the model", async () => {
    const { tools } = await client.listTools();
    const key = tools.find((t) => t.name === CREATE)!.inputSchema.properties!.incident_key as {
      description: string;
    };
    expect(key.description).toContain(
      "When left out, a key derived from this MCP server, title and service_id within the current 5-minute window is sent",
    );
  });

  test("a retried identical call does not open a second incident", async () => {
    const args = { title: "Login failures above 20%!", service_id: "SAUTH1" };
    const first = await callRaw(client, CREATE, args);
    expect(first.isError).toBeUndefined();
    const key = (first.structuredContent as { result: { incident_key: string } }).result
      .incident_key;
    expect(key).toMatch(/^mcp-[0-9a-f]{32}$/);

    const retry = await callRaw(client, CREATE, args);
    expect(retry.isError).toBe(true);
    expect(textOf(retry)).toContain(
      "PagerDuty answered HTTP 400 to create_a_pager_duty_incident: Invalid Input Provided: Open incident with matching dedup key already exists on this service.",
    );
    expect(textOf(retry)).toContain(
      `This call carried incident_key "${key}", derived from the same title and service_id within a 300-second window: if PagerDuty refused it as a duplicate, an identical call a moment ago already succeeded`,
    );
    expect(sentKeys().slice(-2)).toEqual([key, key]);
    expect(incidentsTitled(args.title)).toHaveLength(1);
  });

  test("other titles, services and servers get other keys; a key the caller gives is sent as given", async () => {
    const title = "Payments webhook backlog";
    expect(
      (await callRaw(client, CREATE, { title, service_id: "SAUTH1" })).isError,
    ).toBeUndefined();
    expect(
      (await callRaw(client, CREATE, { title, service_id: "SPAYMT1" })).isError,
    ).toBeUndefined();
    expect((await callRaw(other, CREATE, { title, service_id: "SAUTH1" })).isError).toBeUndefined();
    const given = await callRaw(client, CREATE, {
      title: "Given key",
      service_id: "SAUTH1",
      incident_key: "db-3-disk",
    });
    expect(given.isError).toBeUndefined();
    const keys = sentKeys().slice(-4);
    expect(new Set(keys).size).toBe(4);
    expect(keys[3]).toBe("db-3-disk");
    expect(incidentsTitled(title)).toHaveLength(3);
  });
});
