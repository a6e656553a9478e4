import { describe, expect, test } from "vitest";
import { setup } from "../helpers.js";

describe("a user's contact methods", () => {
  test("list the seeded ones, as the user record references them", async () => {
    const { get } = setup();
    const list = (await get("/users/PUSER02/contact_methods")).body.contact_methods;
    expect(list).toMatchObject([
      {
        id: "PEUSER02",
        type: "email_contact_method",
        label: "Default",
        address: "bob@example.com",
      },
      { id: "PPUSER02", type: "phone_contact_method", label: "Mobile", country_code: 1 },
    ]);
    const user = (await get("/users/PUSER02")).body.user;
    expect(user.contact_methods.map((c: { id: string }) => c.id)).toEqual(["PEUSER02", "PPUSER02"]);
    expect((await get("/users/PNOPE/contact_methods")).status).toBe(404);
  });

  test("add, get, change and remove one; its notification rules go with it", async () => {
    const { sim, get, post, put, del } = setup();
    const created = await post("/users/PUSER03/contact_methods", {
      contact_method: {
        type: "sms_contact_method",
        label: "Work SMS",
        address: "5550199",
        country_code: 44,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.contact_method.id as string;
    expect(created.body.contact_method).toMatchObject({
      type: "sms_contact_method",
      summary: "Work SMS",
      address: "5550199",
      country_code: 44,
    });
    expect((await get(`/users/PUSER03/contact_methods/${id}`)).body.contact_method.label).toBe(
      "Work SMS",
    );
    expect((await get(`/users/PUSER02/contact_methods/${id}`)).status).toBe(404);
    const changed = await put(`/users/PUSER03/contact_methods/${id}`, {
      contact_method: { label: "SMS" },
    });
    expect(changed.body.contact_method).toMatchObject({ label: "SMS", address: "5550199" });
    await post("/users/PUSER03/notification_rules", {
      notification_rule: {
        start_delay_in_minutes: 5,
        urgency: "low",
        contact_method: { id, type: "sms_contact_method_reference" },
      },
    });
    expect((await del(`/users/PUSER03/contact_methods/${id}`)).status).toBe(204);
    expect(sim.state.contactMethods.has(id)).toBe(false);
    expect([...sim.state.notificationRules.values()].some((r) => r.contact_method_id === id)).toBe(
      false,
    );
  });

  test.each([
    [
      "an unknown type",
      { type: "pigeon_contact_method", label: "x", address: "y" },
      /type must be one of/,
    ],
    [
      "no label",
      { type: "email_contact_method", address: "a@example.com" },
      /Label can't be blank/,
    ],
    [
      "a bad email",
      { type: "email_contact_method", label: "x", address: "nope" },
      /not a valid email/,
    ],
    [
      "a phone without country code",
      { type: "phone_contact_method", label: "x", address: "5550100" },
      /Country code/,
    ],
    [
      "a duplicate",
      { type: "email_contact_method", label: "Again", address: "bob@example.com" },
      /must be unique/,
    ],
  ])("%s is refused with 400", async (_intent, contact_method, message) => {
    const { post } = setup();
    const res = await post("/users/PUSER02/contact_methods", { contact_method });
    expect(res.status).toBe(400);
    expect(res.body.error.errors.join(" ")).toMatch(message);
  });
});
