import { beforeAll, describe, expect, test } from "vitest";
import type { Account } from "../../src/config/accounts.js";
import { loadIntegrations } from "../../src/config/load-integrations.js";
import type { LoadedIntegration } from "../../src/config/snapshot.js";
import { checkAccount } from "../../src/upstream/check-account.js";
import { createCredentials } from "../../src/upstream/credentials.js";
import type { HttpResponse } from "../../src/upstream/http-client.js";
import { SHIPPED_INTEGRATIONS } from "../helpers/config-dir.js";
import { stubUpstream } from "../helpers/stub-upstream.js";

let pagerduty: LoadedIntegration;
beforeAll(async () => {
  pagerduty = (await loadIntegrations(SHIPPED_INTEGRATIONS)).integrations.get("pagerduty")!;
});

const SECRET = "u+secret-token-value";
const account = (overrides: Partial<Account> = {}): Account => ({
  name: "default",
  credentials: { kind: "api_token", token: SECRET },
  fromEmail: "sre@example.com",
  ...overrides,
});

async function check(answer: Partial<HttpResponse>, acct = account()) {
  const { http, requests } = stubUpstream([answer]);
  const checks = await checkAccount(acct, pagerduty, {
    http,
    credentials: createCredentials(http),
  });
  return { checks: checks.map(({ status, message }) => [status, message]), requests };
}

describe("checkAccount", () => {
  test("one GET /users?query=<from email> with the account's auth header, on its region's URL", async () => {
    const { requests, checks } = await check({
      body: { users: [{ email: "other@example.com" }, { email: "SRE@example.com" }] },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe("GET");
    expect(requests[0].url.href).toBe(
      "https://api.pagerduty.com/users?limit=25&query=sre%40example.com",
    );
    expect(requests[0].headers.Authorization).toBe(`Token token=${SECRET}`);
    expect(requests[0].timeoutMs).toBe(5000);
    expect(checks).toEqual([
      ["ok", "API token accepted by api.pagerduty.com"],
      ["ok", "sre@example.com is a PagerDuty user"],
    ]);
  });

  test("the eu region and no From email: a one-user page, and a warning about From", async () => {
    const { requests, checks } = await check(
      { body: { users: [] } },
      account({ region: "eu", fromEmail: undefined }),
    );
    expect(requests[0].url.href).toBe("https://api.eu.pagerduty.com/users?limit=1");
    expect(checks[1][0]).toBe("warn");
    expect(checks[1][1]).toMatch(/^no default From email: .* \(set PAGERDUTY_FROM_EMAIL\)$/);
  });

  test.each([
    [
      "403 (credentials without the users scope)",
      { status: 403, body: { error: { message: "Forbidden" } } },
      ["warn", "warn"],
      /may not read users \(403\)/,
    ],
    [
      "429 (rate limited: not verified)",
      { status: 429, body: { error: { message: "Rate Limit Exceeded" } } },
      ["warn", "warn"],
      /^api\.pagerduty\.com answered 429 \(Rate Limit Exceeded\): not verified$/,
    ],
    [
      "500 (PagerDuty failing)",
      { status: 500, body: "oops" },
      ["fail", "warn"],
      /^api\.pagerduty\.com answered 500 \(oops\): not verified$/,
    ],
    [
      "401",
      { status: 401, body: { error: { message: "Invalid Credentials", code: 2006 } } },
      ["fail", "warn"],
      /^PagerDuty at api\.pagerduty\.com refused the API token \(401 Invalid Credentials\): check PAGERDUTY_API_TOKEN$/,
    ],
  ])("%s", async (_case, answer, statuses, message) => {
    const { checks } = await check(answer);
    expect(checks.map((c) => c[0])).toEqual(statuses);
    expect(checks[0][1]).toMatch(message);
  });

  test("no credentials fails without a request", async () => {
    const { requests, checks } = await check({}, account({ credentials: undefined }));
    expect(requests).toHaveLength(0);
    expect(checks[0]).toEqual(["fail", "no PagerDuty credentials: set PAGERDUTY_API_TOKEN"]);
  });

  test("OAuth client credentials PagerDuty refuses fail with its reason, never the secret", async () => {
    const { checks } = await check(
      { status: 401, body: { error: "invalid_client", error_description: "bad secret" } },
      account({
        name: "ops",
        credentials: {
          kind: "oauth_client_credentials",
          clientId: "client-1",
          clientSecret: SECRET,
        },
      }),
    );
    expect(checks[0][0]).toBe("fail");
    expect(checks[0][1]).toContain("bad secret");
    expect(checks[0][1]).toContain("(OAuth client, api.pagerduty.com)");
    expect(JSON.stringify(checks)).not.toContain(SECRET);
  });
});
