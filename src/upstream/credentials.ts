import { LRUCache } from "lru-cache";
import type { Account } from "../config/accounts.js";
import type { IntegrationFile } from "../config/types/integration.js";
import { AuthError, UpstreamError } from "../errors.js";
import type { HttpClient } from "./http-client.js";

interface AccessToken {
  token: string;
  /** Epoch ms after which it must not be used. */
  expiresAt: number;
}

/** Produces the Authorization header of an account, fetching OAuth tokens as needed. */
export interface Credentials {
  header(account: Account, integration: IntegrationFile): Promise<[string, string]>;
}

/**
 * API tokens become `Token token=…`; OAuth client credentials are exchanged for an access token
 * that is cached (lru-cache, which also shares one in-flight fetch between concurrent calls) and
 * refreshed `refresh_before_seconds` before it expires.
 */
export function createCredentials(http: HttpClient, now: () => number = Date.now): Credentials {
  const tokens = new LRUCache<
    string,
    AccessToken,
    { account: Account; integration: IntegrationFile }
  >({
    max: 1000,
    fetchMethod: async (_key, _stale, { context }) =>
      fetchToken(http, context.account, context.integration, now),
  });

  return {
    async header(account, integration) {
      const creds = account.credentials;
      if (!creds) {
        throw new AuthError(
          "unauthorized",
          `Account "${account.name}" has no PagerDuty credentials: set PAGERDUTY_API_TOKEN or add them to the accounts file`,
        );
      }
      if (creds.kind === "api_token") {
        const a = integration.auth.api_token;
        return [a.header, a.format.replace("{token}", creds.token)];
      }
      const oauth = integration.auth.oauth_client_credentials;
      if (!oauth)
        throw new AuthError(
          "unauthorized",
          `Integration ${integration.name} does not support OAuth accounts`,
        );
      const margin = (oauth.refresh_before_seconds ?? 60) * 1000;
      const key = `${account.name}\0${creds.clientId}`;
      let token = tokens.get(key);
      if (!token || now() >= token.expiresAt - margin) {
        token = await tokens.fetch(key, { forceRefresh: true, context: { account, integration } });
      }
      if (!token)
        throw new UpstreamError(
          "upstream_error",
          0,
          `Could not get an OAuth access token for account "${account.name}"`,
        );
      return [oauth.header, oauth.format.replace("{token}", token.token)];
    },
  };
}

async function fetchToken(
  http: HttpClient,
  account: Account,
  integration: IntegrationFile,
  now: () => number,
): Promise<AccessToken> {
  const creds = account.credentials;
  if (creds?.kind !== "oauth_client_credentials") throw new Error("not an OAuth account");
  const region = account.region ?? integration.default_region;
  const url = account.tokenUrl ?? integration.auth.oauth_client_credentials?.token_urls[region];
  if (!url)
    throw new AuthError(
      "unauthorized",
      `No OAuth token URL for region "${region}" of account "${account.name}"`,
    );
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: creds.clientId,
    client_secret: creds.clientSecret,
  });
  if (creds.scope) form.set("scope", creds.scope);
  const res = await http({
    method: "POST",
    url: new URL(url),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: form.toString(),
    timeoutMs: integration.timeout_ms ?? 10000,
  });
  const body = res.body as
    | { access_token?: string; expires_in?: number; error?: string; error_description?: string }
    | undefined;
  if (res.status !== 200 || typeof body?.access_token !== "string") {
    const reason = body?.error_description ?? body?.error ?? `HTTP ${res.status}`;
    throw new UpstreamError(
      "upstream_error",
      res.status,
      `PagerDuty refused the OAuth client credentials of account "${account.name}" (${reason}): check the client ID, secret and scopes`,
    );
  }
  return { token: body.access_token, expiresAt: now() + (body.expires_in ?? 3600) * 1000 };
}
