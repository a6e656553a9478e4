import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

const ids = (body: { escalation_policies: Array<{ id: string }> }) =>
  body.escalation_policies.map((p) => p.id);

describe("escalation policies", () => {
  test("list by name; query, team_ids[] and user_ids[] (direct or through a schedule)", async () => {
    const { get } = setup();
    expect(ids((await get("/escalation_policies")).body)).toEqual(["PEPNET", "PEPPAY", "PEPAUTH"]);
    expect(ids((await get("/escalation_policies?query=network")).body)).toEqual(["PEPNET"]);
    expect(ids((await get("/escalation_policies?team_ids[]=PTEAMNW")).body)).toEqual(["PEPNET"]);
    expect(ids((await get("/escalation_policies?user_ids[]=PUSER03")).body)).toEqual(["PEPNET"]);
    expect(ids((await get("/escalation_policies?user_ids[]=PUSER01")).body)).toEqual([
      "PEPPAY",
      "PEPAUTH",
    ]);
  });

  test("get one with its rules, targets and services", async () => {
    const { get } = setup();
    const p = (await get("/escalation_policies/PEPNET")).body.escalation_policy;
    expect(p).toMatchObject({
      id: "PEPNET",
      type: "escalation_policy",
      name: "Network Escalation",
      num_loops: 1,
      escalation_rules: [
        {
          escalation_delay_in_minutes: 10,
          targets: [{ id: "PNETINF", type: "schedule_reference" }],
        },
        { escalation_delay_in_minutes: 20, targets: [{ id: "PUSER08", type: "user_reference" }] },
      ],
    });
    expect(p.services.map((s: { id: string }) => s.id).sort()).toEqual(["SDBPRIM", "SNETEDG"]);
    expect((await get("/escalation_policies/PNOPE")).status).toBe(404);
  });
});
