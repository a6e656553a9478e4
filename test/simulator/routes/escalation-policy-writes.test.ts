import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

const level = (delay: number, ...targets: Array<[string, string]>) => ({
  escalation_delay_in_minutes: delay,
  targets: targets.map(([type, id]) => ({ type, id })),
});

describe("escalation policy writes", () => {
  test("create, update (levels keep their ids), then delete; each is audited", async () => {
    const { sim, get, post, put, del } = setup();
    const audits = sim.state.auditRecords.length;
    const created = await post("/escalation_policies", {
      escalation_policy: {
        type: "escalation_policy",
        name: "Search",
        num_loops: 1,
        escalation_rules: [
          level(10, ["user_reference", "PUSER05"]),
          level(20, ["schedule_reference", "PPLATSE"]),
        ],
        teams: [{ id: "PTEAMPL", type: "team_reference" }],
      },
    });
    expect(created.status).toBe(201);
    const policy = created.body.escalation_policy;
    expect(policy).toMatchObject({
      name: "Search",
      num_loops: 1,
      escalation_rules: [
        { escalation_delay_in_minutes: 10, targets: [{ id: "PUSER05", type: "user_reference" }] },
        {
          escalation_delay_in_minutes: 20,
          targets: [{ id: "PPLATSE", type: "schedule_reference" }],
        },
      ],
      teams: [{ id: "PTEAMPL" }],
    });
    const updated = await put(`/escalation_policies/${policy.id}`, {
      escalation_policy: { escalation_rules: [level(5, ["user_reference", "PUSER04"])] },
    });
    expect(updated.body.escalation_policy).toMatchObject({
      name: "Search",
      escalation_rules: [{ id: policy.escalation_rules[0].id, escalation_delay_in_minutes: 5 }],
    });
    expect(
      (await get(`/escalation_policies/${policy.id}`)).body.escalation_policy.escalation_rules,
    ).toHaveLength(1);
    expect((await del(`/escalation_policies/${policy.id}`)).status).toBe(204);
    expect(sim.state.escalationPolicies.has(policy.id)).toBe(false);
    expect(sim.state.auditRecords.slice(audits).map((a) => a.action)).toEqual([
      "create",
      "update",
      "delete",
    ]);
  });

  test("a policy in use by a service cannot be deleted", async () => {
    const { del } = setup();
    const res = await del("/escalation_policies/PEPNET");
    expect(res.status).toBe(400);
    expect(res.body.error.errors).toEqual(["Escalation policy is in use by one or more services"]);
  });

  test("every problem of a body is listed", async () => {
    const { post } = setup();
    const res = await post("/escalation_policies", {
      escalation_policy: {
        name: "Network Escalation",
        num_loops: 12,
        escalation_rules: [level(0, ["user_reference", "PNOBODY"])],
        teams: [{ id: "PTEAMXX" }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.errors).toEqual([
      "Name has already been taken",
      "Level 1: escalation delay must be at least 1 minute",
      "Level 1: PNOBODY is not a user or schedule of this account",
      "Num loops must be a whole number from 0 to 9",
      "Teams must be existing teams",
    ]);
    expect(
      (await post("/escalation_policies", { escalation_policy: { name: "X" } })).body.error.errors,
    ).toEqual(["Escalation rules must have at least one level"]);
  });
});
