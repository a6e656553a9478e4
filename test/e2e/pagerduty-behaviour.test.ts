import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverFile } from "../helpers/config-dir.js";
import { rawPost, startStack, type Stack } from "../helpers/stack.js";

type Page<T = Record<string, unknown>> = { result: T[]; next_cursor: string | null };

let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({ servers: [serverFile("all", "behaviour-token")] });
  // A short upstream timeout so the timeout case is quick; set in the temp copy of the files.
  const file = join(stack.dir.integrationsDir, "pagerduty/integration.json");
  const integration = JSON.parse(await readFile(file, "utf8"));
  await writeFile(file, JSON.stringify({ ...integration, timeout_ms: 400 }));
  await stack.reload();
  client = await stack.client("behaviour-token");
});
afterAll(() => stack.close());

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const ok = async <T>(name: string, args: Record<string, unknown>): Promise<T> => {
  const r = await call(name, args);
  if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
  return r.structuredContent as T;
};

async function pageToEnd(
  name: string,
  args: Record<string, unknown>,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const page = await ok<Page<{ id: string }>>(name, { ...args, ...(cursor ? { cursor } : {}) });
    ids.push(...page.result.map((r) => r.id));
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe("pagination behind one opaque next_cursor", () => {
  test("offset paging reaches the end with no duplicates and nothing skipped", async () => {
    const { ids, pages } = await pageToEnd("list_all_pager_duty_incidents", {
      date_range: "all",
      limit: 7,
    });
    const expected = [...stack.sim.state.incidents.keys()];
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
  });

  test("cursor paging (audit records) reaches the end with no duplicates and nothing skipped", async () => {
    const { ids, pages } = await pageToEnd("list_all_pager_duty_audit_records", { limit: 7 });
    const expected = stack.sim.state.auditRecords.map((a) => a.id);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
  });
});

describe("upstream failures", () => {
  test("a 429 comes back once: no retry, IETF headers on the HTTP response, retry_after_seconds in the result", async () => {
    stack.sim.fault({ status: 429, headers: { "ratelimit-reset": "42" } });
    const before = stack.sim.requests.length;
    const res = await rawPost(stack.url("behaviour-token"), {
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "list_all_pager_duty_incidents", arguments: {} },
    });
    expect(stack.sim.requests.length - before).toBe(1);
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-limit")).toBe("960");
    expect(res.headers.get("ratelimit-remaining")).toBe("0");
    expect(res.headers.get("ratelimit-reset")).toBe("42");
    expect(res.headers.get("retry-after")).toBe("42");
    expect(res.body.result.isError).toBe(true);
    expect(res.body.result.structuredContent.error).toMatchObject({
      type: "rate_limited",
      status: 429,
      retry_after_seconds: 42,
      limit: 960,
      remaining: 0,
    });
    expect(res.body.result.content[0].text).toBe(
      "PagerDuty's rate limit was reached (HTTP 429: Rate Limit Exceeded). Nothing was retried. Wait 42 seconds before calling PagerDuty again.",
    );
  });

  test("success passes PagerDuty's rate-limit figures through", async () => {
    const res = await rawPost(stack.url("behaviour-token"), {
      jsonrpc: "2.0",
      id: 8,
      method: "tools/call",
      params: { name: "list_all_pager_duty_priorities", arguments: {} },
    });
    expect(res.headers.get("ratelimit-limit")).toBe("960");
    expect(Number(res.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
    expect(res.headers.get("retry-after")).toBeNull();
  });

  test("a 5xx is a tool error that says the write was not retried, and the server stays up", async () => {
    stack.sim.fault({ status: 503 });
    const before = stack.sim.requests.length;
    const r = await call("create_a_pager_duty_incident_note", {
      incident_id: [...stack.sim.state.incidents.keys()][0],
      content: "x",
    });
    expect(stack.sim.requests.length - before).toBe(1);
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0].text).toBe(
      "PagerDuty answered HTTP 503 to create_a_pager_duty_incident_note: Internal Server Error. PagerDuty failed on its side. The write was not retried: check whether it took effect before calling again.",
    );
    expect((await ok<Page>("list_all_pager_duty_priorities", {})).result.length).toBe(5);
  });

  test("a timeout is a tool error and the next call works", async () => {
    stack.sim.fault({ status: 200, delayMs: 1500 });
    const r = await call("list_all_pager_duty_priorities", {});
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0].text).toBe(
      "PagerDuty did not answer within 400 ms.",
    );
    expect((await ok<Page>("list_all_pager_duty_priorities", {})).result.length).toBe(5);
  });

  test("PagerDuty's 404 says to look the ID up", async () => {
    const r = await call("get_single_pager_duty_incident_by_id", { id: "QNOSUCHINCIDENT" });
    expect((r.content as Array<{ text: string }>)[0].text).toBe(
      "PagerDuty answered HTTP 404 to get_single_pager_duty_incident_by_id: Not Found. Nothing has that ID: look the ID up with the matching list tool and call again.",
    );
  });
});

describe("incident, then its alerts, then its timeline", () => {
  test("the alert payload is reachable from the incident, and the timeline shows the trigger", async () => {
    const [incident] = (
      await ok<Page<{ id: string; alert_count: number }>>("list_all_pager_duty_incidents", {
        statuses: ["acknowledged"],
        limit: 1,
      })
    ).result;
    const alerts = await ok<Page<{ id: string; summary: string }>>(
      "list_all_pager_duty_incident_alerts",
      { incident_id: incident.id },
    );
    expect(alerts.result.length).toBe(incident.alert_count);
    const alert = await ok<{
      result: {
        id: string;
        details: Record<string, unknown>;
        cef_details: Record<string, unknown>;
      };
    }>("get_single_pager_duty_incident_alert_by_id", {
      incident_id: incident.id,
      alert_id: alerts.result[0].id,
    });
    expect(alert.result.details).toMatchObject({ metric: "error_rate" });
    expect(alert.result.cef_details).toMatchObject({ client: "Datadog" });
    const timeline = await ok<Page<{ type: string }>>("list_all_pager_duty_incident_log_entries", {
      incident_id: incident.id,
      since: "2000-01-01T00:00:00Z",
    });
    expect(timeline.result.map((e) => e.type)).toEqual(
      expect.arrayContaining(["trigger", "acknowledge"]),
    );
  });
});

describe("lean results", () => {
  test("a page of 25 incidents is at least 4x smaller than PagerDuty's raw page", async () => {
    const mapped = await rawPost(stack.url("behaviour-token"), {
      jsonrpc: "2.0",
      id: 9,
      method: "tools/call",
      params: {
        name: "list_all_pager_duty_incidents",
        arguments: { limit: 25, date_range: "all" },
      },
    });
    const raw = await fetch(`${stack.simUrl}/incidents?limit=25&offset=0&date_range=all`, {
      headers: {
        Authorization: "Token token=x",
        Accept: "application/vnd.pagerduty+json;version=2",
      },
    });
    const rawBytes = (await raw.text()).length;
    const mappedBytes = JSON.stringify(mapped.body.result.structuredContent).length;
    expect(mapped.body.result.structuredContent.result).toHaveLength(25);
    expect(rawBytes / mappedBytes).toBeGreaterThanOrEqual(4);
  });
});
