import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverFile } from "../helpers/config-dir.js";
import { startStack, type Stack } from "../helpers/stack.js";

type List<T> = { result: T[]; next_cursor: string | null };
type One<T> = { result: T };

/**
 * Generated tools the simulator implements, called through a real SDK client: their flat
 * arguments, the request the interpreter builds from the generated file and the pass-through
 * mapping all meet a PagerDuty-shaped answer. Which ones: src/simulator/README.md.
 */
let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({ servers: [serverFile("all", "generated-token")] });
  client = await stack.client("generated-token");
});
afterAll(() => stack.close());

async function call<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

describe("generated tools on the simulator", () => {
  test("a user's contact methods and notification rules: list, get, remove", async () => {
    const methods = await call<List<{ id: string; type: string; address: string }>>(
      "list_all_pager_duty_user_contact_methods",
      { user_id: "PUSER03" },
    );
    expect(methods.result.map((m) => m.type)).toEqual([
      "email_contact_method",
      "phone_contact_method",
    ]);
    expect(methods.next_cursor).toBeNull();
    const phone = await call<One<{ label: string; country_code: number }>>(
      "get_single_pager_duty_user_contact_method_by_id",
      { user_id: "PUSER03", contact_method_id: "PPUSER03" },
    );
    expect(phone.result).toMatchObject({ label: "Mobile", country_code: 1 });
    const rules = await call<List<{ urgency: string; contact_method: { id: string } }>>(
      "list_all_pager_duty_user_notification_rules",
      { user_id: "PUSER03" },
    );
    expect(rules.result).toMatchObject([{ urgency: "high", contact_method: { id: "PEUSER03" } }]);
    const removed = await call<One<unknown>>("delete_a_pager_duty_user_contact_method_by_id", {
      user_id: "PUSER03",
      contact_method_id: "PPUSER03",
    });
    expect(removed.result).toEqual({ deleted: true });
    expect(stack.sim.state.contactMethods.has("PPUSER03")).toBe(false);
  });

  test("add a user to a team with a role, list the members, remove the user", async () => {
    await call("update_a_pager_duty_team_user_by_id", {
      team_id: "PTEAMNW",
      user_id: "PUSER07",
      role: "responder",
    });
    expect(stack.sim.state.users.get("PUSER07")!.team_ids).toContain("PTEAMNW");
    const members = await call<List<{ user: { id: string }; role: string }>>(
      "list_all_pager_duty_team_members",
      { team_id: "PTEAMNW", limit: 2 },
    );
    expect(members.result).toHaveLength(2);
    expect(members.next_cursor).not.toBeNull();
    const rest = await call<List<{ user: { id: string }; role: string }>>(
      "list_all_pager_duty_team_members",
      { team_id: "PTEAMNW", limit: 2, cursor: members.next_cursor },
    );
    const all = [...members.result, ...rest.result];
    expect(all.find((m) => m.user.id === "PUSER07")?.role).toBe("responder");
    await call("delete_a_pager_duty_team_user_by_id", { team_id: "PTEAMNW", user_id: "PUSER07" });
    expect(stack.sim.state.users.get("PUSER07")!.team_ids).not.toContain("PTEAMNW");
  });

  test("tags: create one, find it in the list, get it", async () => {
    const created = await call<One<{ id: string; label: string }>>("create_a_pager_duty_tag", {
      label: "checkout",
    });
    expect(created.result.label).toBe("checkout");
    const list = await call<List<{ id: string }>>("list_all_pager_duty_tags", { query: "check" });
    expect(list.result.map((t) => t.id)).toEqual([created.result.id]);
    const one = await call<One<{ label: string }>>("get_single_pager_duty_tag_by_id", {
      id: created.result.id,
    });
    expect(one.result.label).toBe("checkout");
  });

  test("business services and incident workflows", async () => {
    const services = await call<List<{ id: string; name: string }>>(
      "list_all_pager_duty_business_services",
      {},
    );
    expect(services.result.map((b) => b.name)).toEqual(["Checkout", "Sign-in", "Public website"]);
    const checkout = await call<One<{ team: { id: string } }>>(
      "get_single_pager_duty_business_service_by_id",
      { id: "PBSCHKO" },
    );
    expect(checkout.result.team.id).toBe("PTEAMPL");
    const workflows = await call<List<{ name: string }>>("list_all_pager_duty_incident_workflows", {
      query: "kickoff",
    });
    expect(workflows.result.map((w) => w.name)).toEqual(["Major incident kickoff"]);
  });

  test("an escalation policy nobody uses can be deleted; one in use cannot", async () => {
    stack.sim.state.escalationPolicies.set("PEPSPARE", {
      id: "PEPSPARE",
      name: "Spare",
      description: "",
      rules: [{ id: "PRSPARE", delay_minutes: 5, targets: [{ type: "user", id: "PUSER01" }] }],
      team_ids: [],
      num_loops: 0,
    });
    const deleted = await call<One<unknown>>("delete_a_pager_duty_escalation_policy_by_id", {
      id: "PEPSPARE",
    });
    expect(deleted.result).toEqual({ deleted: true });
    const refused = await client.callTool({
      name: "delete_a_pager_duty_escalation_policy_by_id",
      arguments: { id: "PEPNET" },
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain("in use by one or more services");
  });

  test("a generated tool the simulator lacks says so", async () => {
    const result = await client.callTool({ name: "list_all_pager_duty_addons", arguments: {} });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain(
      "The PagerDuty simulator does not implement GET /addons",
    );
  });
});
