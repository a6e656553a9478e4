import { describe, expect, test } from "vitest";
import { loadHosts } from "../../src/config/load-hosts.js";
import { formatProblem } from "../../src/errors.js";
import { shippedIntegration } from "../helpers/resource-fixture.js";

const integration = shippedIntegration();
const file = "integrations/pagerduty/integration.json";

describe("loadHosts", () => {
  test("the shipped events host: region URLs, no credentials, JSON headers", () => {
    const { hosts, problems } = loadHosts(integration, file, {});
    expect(problems).toEqual([]);
    expect(hosts.get("events")).toEqual({
      name: "events",
      regions: { us: "https://events.pagerduty.com", eu: "https://events.eu.pagerduty.com" },
      baseUrlOverride: undefined,
      auth: "none",
      defaultHeaders: { "Content-Type": "application/json" },
    });
  });

  test("the override variable replaces every region's URL (trailing slash dropped)", () => {
    const { hosts } = loadHosts(integration, file, {
      PAGERDUTY_EVENTS_BASE_URL: "http://127.0.0.1:9999/",
    });
    expect(hosts.get("events")!.baseUrlOverride).toBe("http://127.0.0.1:9999");
  });

  test.each([
    [
      "a region without a URL",
      { ...integration, hosts: { events: { regions: { us: "https://e.example" }, auth: "none" } } },
      {},
      `${file}: /hosts/events/regions must have a base URL for every region of the integration: add eu`,
    ],
    [
      "an override that is not a URL (its value is not echoed)",
      integration,
      { PAGERDUTY_EVENTS_BASE_URL: "events.internal secret" },
      `${file}: /hosts/events/base_url_env names PAGERDUTY_EVENTS_BASE_URL, which is set but is not an http(s) URL: fix or unset it`,
    ],
  ] as const)("%s is a problem", (_intent, config, env, expected) => {
    expect(loadHosts(config as never, file, env).problems.map(formatProblem)).toEqual([expected]);
  });
});
