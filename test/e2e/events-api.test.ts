import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { routingKeyOf } from "../../src/simulator/index.js";
import { serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({
    servers: [serverFile("events", "events-token", { config: { tags: ["events", "changes"] } })],
  });
  client = await stack.client("events-token");
});
afterAll(() => stack.close());

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult & {
    structuredContent: { result: Record<string, unknown> };
  };
const incidentByKey = (key: string) =>
  [...stack.sim.state.incidents.values()].find((i) => i.incident_key === key);

describe("the Events API v2, described as JSON, through a real client", () => {
  const routing_key = routingKeyOf("SNOTIFY");

  test("trigger, acknowledge and resolve one alert by dedup_key", async () => {
    const trigger = await call("send_a_pager_duty_event", {
      routing_key,
      event_action: "trigger",
      dedup_key: "notify/queue-depth",
      summary: "Notification queue above 10k",
      source: "notify-worker-3",
      severity: "critical",
      custom_details: { depth: 12000 },
    });
    expect(trigger.isError).toBeUndefined();
    expect(trigger.structuredContent.result).toEqual({
      status: "success",
      message: "Event processed",
      dedup_key: "notify/queue-depth",
    });
    const incident = incidentByKey("notify/queue-depth")!;
    expect(incident).toMatchObject({ service_id: "SNOTIFY", status: "triggered" });
    expect(incident.title).toBe("Notification queue above 10k");

    // The request went to the events host's path, with the wrapped payload and no credentials.
    const sent = stack.sim.requests.filter((r) => r.path === "/v2/enqueue").pop()!;
    expect(sent.method).toBe("POST");
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      routing_key,
      event_action: "trigger",
      dedup_key: "notify/queue-depth",
      payload: {
        summary: "Notification queue above 10k",
        source: "notify-worker-3",
        severity: "critical",
        custom_details: { depth: 12000 },
      },
    });

    await call("send_a_pager_duty_event", {
      routing_key,
      event_action: "acknowledge",
      dedup_key: "notify/queue-depth",
    });
    expect(incident.status).toBe("acknowledged");
    const resolve = await call("send_a_pager_duty_event", {
      routing_key,
      event_action: "resolve",
      dedup_key: "notify/queue-depth",
    });
    expect(resolve.isError).toBeUndefined();
    expect(incident.status).toBe("resolved");
  });

  test("an unknown routing key is the Events API's error, said plainly", async () => {
    const result = await call("send_a_pager_duty_event", {
      routing_key: "0".repeat(32),
      event_action: "trigger",
      summary: "x",
      source: "y",
      severity: "info",
    });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(
      /^PagerDuty answered HTTP 400 to send_a_pager_duty_event: Event object is invalid: Invalid routing key\./,
    );
  });

  test("a change event shows in the REST API's change events", async () => {
    const result = await call("create_a_pager_duty_change_event", {
      routing_key: routingKeyOf("SAUTH1"),
      summary: "Deploy auth build 4122",
      source: "github-actions",
      custom_details: { build_number: 4122 },
      links: [{ href: "https://ci.example.com/builds/4122", text: "Build 4122" }],
    });
    expect(result.structuredContent.result).toEqual({
      status: "success",
      message: "Change event processed",
    });
    expect(stack.sim.state.changeEvents.at(-1)!.links).toEqual([
      { href: "https://ci.example.com/builds/4122", text: "Build 4122" },
    ]);
    const list = await call("list_all_pager_duty_change_events", {});
    expect(JSON.stringify(list.structuredContent.result)).toContain("Deploy auth build 4122");
  });
});
