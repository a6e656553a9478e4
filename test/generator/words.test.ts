import { describe, expect, test } from "vitest";
import { joinWords, plural, singular } from "../../src/generator/words.js";

describe("words", () => {
  test.each([
    ["incidents", "incident"],
    ["escalation_policies", "escalation_policy"],
    ["statuses", "status"],
    ["addresses", "address"],
    ["business_services", "business_service"],
    ["responses", "response"],
    ["data", "data"],
    ["status", "status"],
    ["analytics", "analytics"],
    ["credentials", "credential"],
  ])("singular(%s) is %s", (word, expected) => {
    expect(singular(word)).toBe(expected);
  });

  test.each([
    ["incident", "incidents"],
    ["escalation_policy", "escalation_policies"],
    ["status", "statuses"],
    ["incident_analytics", "incident_analytics"],
    ["key", "keys"],
  ])("plural(%s) is %s", (word, expected) => {
    expect(plural(word)).toBe(expected);
  });

  test("a word repeated where two names meet is said once", () => {
    expect(joinWords(["incident_type", "custom_field", "field_option"])).toBe(
      "incident_type_custom_field_option",
    );
    expect(joinWords(["status_page", "post", "post_update"])).toBe("status_page_post_update");
    expect(joinWords(["user", "contact_method"])).toBe("user_contact_method");
  });
});
