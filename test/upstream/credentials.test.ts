import { describe, expect, test } from "vitest";
import type { Account } from "../../src/config/accounts.js";
import type { IntegrationFile } from "../../src/config/types/integration.js";
import { createCredentials } from "../../src/upstream/credentials.js";
import { stubUpstream } from "../helpers/stub-upstream.js";
import { readFileSync } from "node:fs";

const integration = JSON.parse(
  readFileSync(new URL("../../integrations/pagerduty/integration.json", import.meta.url), "utf8"),
) as IntegrationFile;
const oauthAccount: Account = {
  name: "acme-oauth",
  region: "eu",
  credentials: {
    kind: "oauth_client_credentials",
    clientId: "cid",
    clientSecret: "csecret",
    scope: "incidents.read",
  },
};
const tokenAnswer = (token: string, expiresIn = 3600) => ({
  status: 200,
  body: { access_token: token, token_type: "bearer", expires_in: expiresIn },
});

describe("credentials", () => {
  test("an API token becomes PagerDuty's Token header without any request", async () => {
    const upstream = stubUpstream();
    const creds = createCredentials(upstream.http);
    expect(
      await creds.header(
        { name: "a", credentials: { kind: "api_token", token: "u+abc" } },
        integration,
      ),
    ).toEqual(["Authorization", "Token token=u+abc"]);
    expect(upstream.requests).toHaveLength(0);
  });

  test("OAuth: fetched once from the region's token URL, then reused", async () => {
    const upstream = stubUpstream([tokenAnswer("first")]);
    const creds = createCredentials(upstream.http, () => 1_000_000);
    const headers = await Promise.all([
      creds.header(oauthAccount, integration),
      creds.header(oauthAccount, integration),
    ]);
    expect(headers).toEqual([
      ["Authorization", "Bearer first"],
      ["Authorization", "Bearer first"],
    ]);
    expect(await creds.header(oauthAccount, integration)).toEqual([
      "Authorization",
      "Bearer first",
    ]);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0].url.href).toBe("https://identity.eu.pagerduty.com/oauth/token");
    expect(Object.fromEntries(new URLSearchParams(upstream.requests[0].body))).toEqual({
      grant_type: "client_credentials",
      client_id: "cid",
      client_secret: "csecret",
      scope: "incidents.read",
    });
  });

  test("OAuth: refreshed refresh_before_seconds before expiry", async () => {
    let now = 1_000_000;
    const upstream = stubUpstream([tokenAnswer("first", 3600), tokenAnswer("second", 3600)]);
    const creds = createCredentials(upstream.http, () => now);
    expect(await creds.header(oauthAccount, integration)).toEqual([
      "Authorization",
      "Bearer first",
    ]);
    now += (3600 - 61) * 1000;
    expect(await creds.header(oauthAccount, integration)).toEqual([
      "Authorization",
      "Bearer first",
    ]);
    now += 2000; // now inside the 60 s refresh margin
    expect(await creds.header(oauthAccount, integration)).toEqual([
      "Authorization",
      "Bearer second",
    ]);
    expect(upstream.requests).toHaveLength(2);
  });

  test("OAuth: a refused token request is an error that names the account, not the secret", async () => {
    const upstream = stubUpstream([
      {
        status: 401,
        body: { error: "invalid_client", error_description: "client authentication failed" },
      },
    ]);
    const creds = createCredentials(upstream.http);
    const error = await creds.header(oauthAccount, integration).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'PagerDuty refused the OAuth client credentials of account "acme-oauth" (client authentication failed): check the client ID, secret and scopes',
    );
    expect((error as Error).message).not.toContain("csecret");
  });

  test("an account without credentials says how to fix it", async () => {
    const creds = createCredentials(stubUpstream().http);
    await expect(creds.header({ name: "default" }, integration)).rejects.toThrow(
      'Account "default" has no PagerDuty credentials: set PAGERDUTY_API_TOKEN or add them to the accounts file',
    );
  });
});
