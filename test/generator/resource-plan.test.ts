import { describe, expect, test } from "vitest";
import type { SpecOperation } from "../../src/generator/openapi-document.js";
import { planOperation } from "../../src/generator/resource-plan.js";
import { toolName } from "../../src/interpreter/tool-name.js";

const op = (method: SpecOperation["method"], path: string, operationId = "anOperation") =>
  ({
    operationId,
    method,
    path,
    tags: [],
    deprecated: false,
    parameters: [],
    responses: {},
  }) as SpecOperation;

const nameOf = (o: SpecOperation, answersList = false) => {
  const plan = planOperation(o, answersList);
  return plan.toolName ?? toolName("pager_duty", plan, plan.key);
};

describe("the naming rule", () => {
  test.each([
    ["a collection that answers a list", op("GET", "/addons"), true, "list_all_pager_duty_addons"],
    ["a POST to a collection", op("POST", "/addons"), false, "create_a_pager_duty_addon"],
    ["a GET of an item", op("GET", "/addons/{id}"), false, "get_single_pager_duty_addon_by_id"],
    ["a PUT of an item", op("PUT", "/addons/{id}"), false, "update_a_pager_duty_addon_by_id"],
    ["a DELETE of an item", op("DELETE", "/addons/{id}"), false, "delete_a_pager_duty_addon_by_id"],
    [
      "a sub-collection, named for its parent",
      op("GET", "/users/{id}/contact_methods"),
      true,
      "list_all_pager_duty_user_contact_methods",
    ],
    [
      "an item of a sub-collection",
      op("DELETE", "/users/{id}/contact_methods/{contact_method_id}"),
      false,
      "delete_a_pager_duty_user_contact_method_by_id",
    ],
    [
      "a verb at the end, as a custom method of what precedes it",
      op("POST", "/webhook_subscriptions/{id}/ping"),
      false,
      "ping_a_pager_duty_webhook_subscription",
    ],
    [
      "a singleton under an ID",
      op("GET", "/users/{id}/license"),
      false,
      "get_single_pager_duty_user_license_by_id",
    ],
    [
      "a singleton without any ID (no false 'by id')",
      op("PUT", "/business_services/priority_thresholds"),
      false,
      "update_pager_duty_business_service_priority_thresholds",
    ],
    [
      "a long prefix made one stem",
      op(
        "GET",
        "/event_orchestrations/services/{service_id}/cache_variables/{cache_variable_id}/data",
      ),
      false,
      "get_single_pager_duty_service_cache_variable_data_by_id",
    ],
    [
      "a repeated word said once",
      op("GET", "/incidents/types/{type_id_or_name}/custom_fields/{field_id}/field_options"),
      true,
      "list_all_pager_duty_incident_type_custom_field_options",
    ],
    [
      "an operation named by hand",
      op("PUT", "/incidents", "updateIncidents"),
      false,
      "update_many_pager_duty_incidents",
    ],
  ])("%s: %s", (_intent, operation, answersList, expected) => {
    expect(nameOf(operation as SpecOperation, answersList as boolean)).toBe(expected);
  });

  test("a GET of a collection that answers one object is a get", () => {
    expect(planOperation(op("GET", "/incidents/{id}/outlier_incident"), false).key).toBe("get");
  });
});
