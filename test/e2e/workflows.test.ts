import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

type ListResult<T> = { result: T[]; next_cursor: string | null };
type One<T> = { result: T };

let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({ servers: [serverFile("everything", "e2e-token")] });
  client = await stack.client("e2e-token");
});
afterAll(() => stack.close());

async function call<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  // The text content carries the same JSON as structuredContent.
  expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toEqual(
    result.structuredContent,
  );
  return result.structuredContent as T;
}

describe("workflow 1: triage and find who is on call", () => {
  test("list triggered incidents, get the newest, find the Network Infrastructure schedule, get its on-call", async () => {
    const triggered = await call<ListResult<{ id: string; status: string; created_at: string }>>(
      "list_all_pager_duty_incidents",
      {
        statuses: ["triggered"],
        sort_by: ["created_at:desc"],
      },
    );
    expect(triggered.result.length).toBeGreaterThan(0);
    expect(triggered.result.every((i) => i.status === "triggered")).toBe(true);
    const createdAt = triggered.result.map((i) => Date.parse(i.created_at));
    expect(createdAt).toEqual([...createdAt].sort((a, b) => b - a));

    const newest = await call<
      One<{ id: string; title: string; status: string; service: { id: string; name: string } }>
    >("get_single_pager_duty_incident_by_id", { id: triggered.result[0].id });
    expect(newest.result.id).toBe(triggered.result[0].id);
    expect(newest.result.status).toBe("triggered");
    expect(newest.result.service.name).toEqual(expect.any(String));

    const schedules = await call<ListResult<{ id: string; name: string }>>(
      "list_all_pager_duty_schedules",
      { query: "Network Infrastructure" },
    );
    const schedule = schedules.result.find((s) => s.name === "Network Infrastructure");
    expect(schedule).toBeDefined();

    const oncalls = await call<
      ListResult<{ user: { id: string; name: string }; schedule: { id: string } }>
    >("list_all_pager_duty_on_calls", {
      schedule_ids: [schedule!.id],
    });
    expect(oncalls.result.length).toBeGreaterThan(0);
    expect(oncalls.result.every((o) => o.schedule.id === schedule!.id)).toBe(true);
    expect(oncalls.result[0].user.name).toEqual(expect.any(String));
  });
});

describe("workflow 2: open an incident and add a note", () => {
  test("create a high-urgency incident on SAUTH1, add a note, and the note is in PagerDuty's state", async () => {
    const created = await call<
      One<{ id: string; status: string; urgency: string; service: { id: string; name: string } }>
    >("create_a_pager_duty_incident", {
      title: "Login failures above 20%",
      service_id: "SAUTH1",
      urgency: "high",
      details: "Error rate on /login jumped at 09:40 UTC.",
    });
    expect(created.result).toMatchObject({
      status: "triggered",
      urgency: "high",
      service: { id: "SAUTH1", name: "Authentication Service" },
    });

    const note = await call<One<{ id: string; content: string }>>(
      "create_a_pager_duty_incident_note",
      {
        incident_id: created.result.id,
        content: "Rolled back deploy 4121; error rate back to normal.",
      },
    );
    expect(note.result.content).toBe("Rolled back deploy 4121; error rate back to normal.");

    // Read the note back from the simulator's own state, not from our tool's echo.
    const upstream = stack.sim.requests.filter((r) => r.method === "POST");
    expect(upstream.map((r) => r.path)).toEqual([
      "/incidents",
      `/incidents/${created.result.id}/notes`,
    ]);
    expect(upstream.every((r) => r.headers.from === "alice@example.com")).toBe(true);
    const stored = notesOf(stack, created.result.id);
    expect(stored.map((n) => n.content)).toEqual([
      "Rolled back deploy 4121; error rate back to normal.",
    ]);

    const listed = await call<ListResult<{ content: string }>>(
      "list_all_pager_duty_incident_notes",
      { incident_id: created.result.id },
    );
    expect(listed.result.map((n) => n.content)).toEqual([
      "Rolled back deploy 4121; error rate back to normal.",
    ]);
  });
});

/** Notes the simulator holds for an incident. */
function notesOf(stack: Stack, incidentId: string): Array<{ content: string }> {
  const state = stack.sim.state as unknown as {
    notes: Map<string, Array<{ content: string }>> | Record<string, Array<{ content: string }>>;
  };
  const notes = state.notes instanceof Map ? state.notes.get(incidentId) : state.notes[incidentId];
  return notes ?? [];
}
