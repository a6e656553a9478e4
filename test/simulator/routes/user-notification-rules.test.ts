import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("a user's notification rules", () => {
  test("list, add (through one of the user's contact methods), get, remove", async () => {
    const { get, post, del } = setup();
    expect((await get("/users/PUSER02/notification_rules")).body.notification_rules).toMatchObject([
      {
        id: "PNUSER02",
        type: "assignment_notification_rule",
        start_delay_in_minutes: 0,
        urgency: "high",
        contact_method: { id: "PEUSER02", type: "email_contact_method_reference" },
      },
    ]);
    const created = await post("/users/PUSER02/notification_rules", {
      notification_rule: {
        type: "assignment_notification_rule",
        start_delay_in_minutes: 10,
        urgency: "low",
        contact_method: { id: "PPUSER02", type: "phone_contact_method_reference" },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.notification_rule.id as string;
    expect(created.body.notification_rule.summary).toBe("10 minutes: channel Mobile");
    expect(
      (await get(`/users/PUSER02/notification_rules/${id}`)).body.notification_rule.urgency,
    ).toBe("low");
    expect((await get("/users/PUSER02")).body.user.notification_rules).toHaveLength(2);
    expect((await del(`/users/PUSER02/notification_rules/${id}`)).status).toBe(204);
    expect((await get(`/users/PUSER02/notification_rules/${id}`)).status).toBe(404);
  });

  test("another user's contact method, a bad urgency and a negative delay are refused", async () => {
    const { post } = setup();
    const res = await post("/users/PUSER02/notification_rules", {
      notification_rule: {
        start_delay_in_minutes: -1,
        urgency: "medium",
        contact_method: { id: "PEUSER03" },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.errors).toEqual([
      "Start delay in minutes must be a whole number, 0 or more",
      "Urgency must be high or low",
      "Contact method must be one of the user's contact methods",
    ]);
  });
});
