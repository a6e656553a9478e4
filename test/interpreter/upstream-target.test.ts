import { describe, expect, test } from "vitest";
import type { Account } from "../../src/config/accounts.js";
import { loadHosts } from "../../src/config/load-hosts.js";
import type { LoadedIntegration } from "../../src/config/snapshot.js";
import { upstreamTarget } from "../../src/interpreter/upstream-target.js";
import type { Credentials } from "../../src/upstream/credentials.js";
import { compileWidget, shippedIntegration, widgetMethod } from "../helpers/resource-fixture.js";

const config = shippedIntegration();
const integrationWith = (env: Record<string, string> = {}, hosts = config.hosts) =>
  ({
    config: { ...config, hosts },
    hosts: loadHosts({ ...config, hosts }, "integration.json", env).hosts,
  }) as LoadedIntegration;
const credentials: Credentials = { header: async () => ["Authorization", "Token token=t"] };
const account: Account = { name: "default", region: "eu" };

const rest = compileWidget(widgetMethod());
const events = compileWidget(
  widgetMethod({ http: { method: "POST", path: "/v2/enqueue", host: "events" } }),
  "send",
);

describe("upstreamTarget", () => {
  test("the REST API: the account's region, default headers and credentials", async () => {
    expect(await upstreamTarget(rest, account, integrationWith(), credentials)).toEqual({
      base: "https://api.eu.pagerduty.com",
      headers: { ...config.default_headers, Authorization: "Token token=t" },
    });
  });

  test("a host with auth none: its region's URL, its own headers, no credentials", async () => {
    expect(await upstreamTarget(events, account, integrationWith(), credentials)).toEqual({
      base: "https://events.eu.pagerduty.com",
      headers: { "Content-Type": "application/json" },
    });
  });

  test("the override variable wins over the region; the account's own URL wins over both", async () => {
    const overridden = integrationWith({ PAGERDUTY_EVENTS_BASE_URL: "https://proxy.example" });
    expect((await upstreamTarget(events, account, overridden, credentials)).base).toBe(
      "https://proxy.example",
    );
    const own = { ...account, hostBaseUrls: { events: "http://127.0.0.1:1234" } };
    expect((await upstreamTarget(events, own, overridden, credentials)).base).toBe(
      "http://127.0.0.1:1234",
    );
  });

  test("a host with auth account gets the account's credentials and the integration's headers", async () => {
    const hosts = { events: { regions: config.hosts!.events.regions, auth: "account" as const } };
    const target = await upstreamTarget(events, account, integrationWith({}, hosts), credentials);
    expect(target.headers).toEqual({ ...config.default_headers, Authorization: "Token token=t" });
  });

  test("a method naming an undeclared host is refused at load", () => {
    expect(() =>
      compileWidget(widgetMethod({ http: { method: "GET", path: "/w", host: "metrics" } })),
    ).toThrow(
      "widgets.json: /methods/list/http/host names no host of integration.json: known are events",
    );
  });
});
