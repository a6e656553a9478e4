import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

const target = (type: string, id: string) => ({ responder_request_target: { id, type } });

describe("responder requests", () => {
  test("users and policies asked to join get pending responders; the timeline logs it", async () => {
    const { sim, post } = setup();
    const incident = [...sim.state.incidents.values()].find((i) => i.status === "triggered")!;
    const res = await post(`/incidents/${incident.id}/responder_requests`, {
      requester_id: "PUSER01",
      message: "Join the bridge",
      responder_request_targets: [
        target("user_reference", "PUSER02"),
        target("escalation_policy_reference", "PEPNET"),
      ],
    });
    expect(res.status).toBe(200);
    const request = res.body.responder_request;
    expect(request).toMatchObject({
      incident: { id: incident.id },
      requester: { id: "PUSER01" },
      message: "Join the bridge",
    });
    expect(request.responder_request_targets[0].responder_request_target).toMatchObject({
      id: "PUSER02",
      type: "user",
      incident_responders: [{ state: "pending", user: { id: "PUSER02" } }],
    });
    expect(request.responder_request_targets[1].responder_request_target.type).toBe(
      "escalation_policy",
    );
    expect(sim.state.responderRequests).toHaveLength(1);
    expect(sim.state.logEntries.at(-1)).toMatchObject({
      incident_id: incident.id,
      type: "responder_request_log_entry",
    });
  });

  test("an unknown requester, an empty message, no targets and unknown targets are refused", async () => {
    const { sim, post } = setup();
    const incident = [...sim.state.incidents.values()].find((i) => i.status === "triggered")!;
    const none = await post(`/incidents/${incident.id}/responder_requests`, {
      requester_id: "PNOBODY",
      message: "",
      responder_request_targets: [],
    });
    expect(none.body.error.errors).toEqual([
      "Requester must be a user of this account",
      "Message can't be blank",
      "Responder request targets can't be empty",
    ]);
    const flat = await post(`/incidents/${incident.id}/responder_requests`, {
      requester_id: "PUSER01",
      message: "m",
      responder_request_targets: [{ id: "PUSER02", type: "user_reference" }],
    });
    expect(flat.status).toBe(400);
    expect(flat.body.error.errors).toEqual([
      "A target is not a user or escalation policy of this account",
    ]);
    expect((await post("/incidents/QNOPE/responder_requests", {})).status).toBe(404);
  });
});
