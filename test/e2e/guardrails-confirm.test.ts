import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { serverFile } from "../helpers/config-dir.js";
import { auditEntries, callRaw, fileGuardrails, received, textOf } from "../helpers/guardrails.js";
import { startStack, type Stack } from "../helpers/stack.js";

const CREATE = "create_a_pager_duty_incident";
const T0 = Date.parse("2026-11-25T09:00:00Z");

type Preview = {
  result: null;
  confirmation_required: true;
  preview: {
    tool: string;
    request: {
      method: string;
      url: string;
      path: string;
      query: unknown[];
      headers: Record<string, string>;
      body: { incident: Record<string, unknown> };
    };
  };
  confirm: string;
  expires_at: string;
};

let stack: Stack;
let client: Client;
let other: Client;
let stateDir: string;
let clock = T0;
const args = { title: "Checkout latency above 2s", service_id: "SPAYMT1", urgency: "high" };

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "pd-mcp-confirm-"));
  const config = { methods: [], tags: ["incidents"], confirm_writes: true };
  stack = await startStack({
    servers: [
      serverFile("confirming", "confirm-token", { config }),
      serverFile("other", "other-token", { config }),
    ],
    app: { guardrails: fileGuardrails(stateDir, { now: () => clock, key: randomBytes(32) }) },
  });
  client = await stack.client("confirm-token");
  other = await stack.client("other-token");
});
afterAll(async () => {
  await stack.close();
  await rm(stateDir, { recursive: true, force: true });
});

async function preview(c: Client, a: Record<string, unknown> = args): Promise<Preview> {
  const result = await callRaw(c, CREATE, a);
  expect(result.isError).toBeUndefined();
  return result.structuredContent as Preview;
}

describe("preview, then confirm, through a real client on the simulator", () => {
  test("write tools ask for confirmation in their schema, description and title; reads do not", async () => {
    const { tools } = await client.listTools();
    const create = tools.find((t) => t.name === CREATE)!;
    expect(create.inputSchema.properties!.confirm).toMatchObject({ type: "string" });
    expect(create.inputSchema.required).toEqual(["title", "service_id"]);
    expect(create.description).toContain("This server asks for confirmation");
    expect(create.annotations?.title).toBe("Create an incident (asks for confirmation)");
    const list = tools.find((t) => t.name === "list_all_pager_duty_incidents")!;
    expect(list.inputSchema.properties!.confirm).toBeUndefined();
    const read = await callRaw(client, "list_all_pager_duty_incidents", {});
    expect(read.isError).toBeUndefined();
  });

  test("the first call previews exactly the request the confirmed call sends, and sends nothing", async () => {
    const before = received(stack.sim, "POST", "/incidents");
    const result = await callRaw(client, CREATE, args);
    const shown = result.structuredContent as Preview;
    expect(received(stack.sim, "POST", "/incidents")).toBe(before);
    expect(shown).toMatchObject({
      result: null,
      confirmation_required: true,
      preview: {
        tool: CREATE,
        request: {
          method: "POST",
          url: `${stack.simUrl}/incidents`,
          path: "/incidents",
          query: [],
          headers: { From: "alice@example.com" },
          body: {
            incident: {
              type: "incident",
              title: args.title,
              service: { id: "SPAYMT1", type: "service_reference" },
              urgency: "high",
              incident_key: expect.stringMatching(/^mcp-[0-9a-f]{32}$/),
            },
          },
        },
      },
      expires_at: "2026-11-25T09:05:00.000Z",
    });
    const words = textOf(result);
    expect(words).toContain("PREVIEW ONLY: nothing was sent to PagerDuty.");
    expect(words).toContain(`Create an incident: POST ${stack.simUrl}/incidents`);
    expect(words).toContain("Header From: alice@example.com");
    expect(words).toContain('"title": "Checkout latency above 2s"');
    expect(words).toContain(`confirm: "${shown.confirm}"`);

    // Confirmed a minute later (the key is derived as of the preview), it sends exactly that.
    clock = T0 + 60_000;
    const done = await callRaw(client, CREATE, { ...args, confirm: shown.confirm });
    expect(done.isError).toBeUndefined();
    const sent = stack.sim.requests.filter((r) => r.method === "POST" && r.path === "/incidents");
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)!.body).toEqual(shown.preview.request.body);
    expect(sent.at(-1)!.headers.from).toBe("alice@example.com");
    expect((done.structuredContent as { result: { title: string } }).result.title).toBe(args.title);

    // A code works once.
    const replay = await callRaw(client, CREATE, { ...args, confirm: shown.confirm });
    expect(replay.isError).toBe(true);
    expect(textOf(replay)).toBe(
      "The confirm code was already used: each code performs one call. Call again without confirm to get a new preview and code. Nothing was sent to PagerDuty.",
    );
    expect(received(stack.sim, "POST", "/incidents")).toBe(before + 1);
  });

  test("a code cannot be used for other arguments, on another server, or after it expires", async () => {
    clock = T0 + 10 * 60_000;
    const shown = await preview(client);
    const before = received(stack.sim, "POST", "/incidents");
    const mismatch =
      "The confirm code does not confirm this call: a code works only for the exact arguments, tool and server it was issued for. Call again without confirm to get a new preview and code. Nothing was sent to PagerDuty.";

    const changed = await callRaw(client, CREATE, {
      ...args,
      urgency: "low",
      confirm: shown.confirm,
    });
    expect(textOf(changed)).toBe(mismatch);
    const elsewhere = await callRaw(other, CREATE, { ...args, confirm: shown.confirm });
    expect(textOf(elsewhere)).toBe(mismatch);
    const madeUp = await callRaw(client, CREATE, { ...args, confirm: "yes" });
    expect(textOf(madeUp)).toBe(mismatch);

    clock += 5 * 60_000;
    const late = await callRaw(client, CREATE, { ...args, confirm: shown.confirm });
    expect(textOf(late)).toBe(
      `The confirm code expired at ${new Date(T0 + 15 * 60_000).toISOString()} (codes are valid 5 minutes). Call again without confirm to get a new preview and code. Nothing was sent to PagerDuty.`,
    );
    expect(received(stack.sim, "POST", "/incidents")).toBe(before);
    // The refused uses did not spend the code: in time and with its own arguments it still works
    // (its incident_key is of another 5-minute window than the first incident's, so no duplicate).
    clock -= 60_000;
    const ok = await callRaw(client, CREATE, { ...args, confirm: shown.confirm });
    expect(ok.isError).toBeUndefined();
    expect(received(stack.sim, "POST", "/incidents")).toBe(before + 1);
  });

  test("previews, confirmations and refusals are audited without the code", async () => {
    const entries = (await auditEntries(stateDir)).filter((e) => e.server === "confirming");
    expect(entries.map((e) => [e.outcome, e.reason ?? null, e.confirmed ?? false])).toEqual([
      ["previewed", null, false],
      ["succeeded", null, true],
      ["refused", "confirmation", true],
      ["previewed", null, false],
      ["refused", "confirmation", false],
      ["refused", "confirmation", false],
      ["refused", "confirmation", false],
      ["succeeded", null, true],
    ]);
    const text = JSON.stringify(await auditEntries(stateDir));
    expect(text).not.toMatch(/[0-9a-z]+\.[A-Za-z0-9_-]{43}/);
  });
});
