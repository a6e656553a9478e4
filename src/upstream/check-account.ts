import { DEFAULT_ACCOUNT, type Account } from "../config/accounts.js";
import type { LoadedIntegration } from "../config/snapshot.js";
import { AppError } from "../errors.js";
import type { Credentials } from "./credentials.js";
import { readErrorBody } from "./describe-error.js";
import type { HttpClient } from "./http-client.js";

/** The outcome of one check, said in one line. */
export interface Check {
  /** What was checked, e.g. `account default: credentials`. */
  name: string;
  /** fail: the first call would fail; warn: works, but something is off; ok: checked and fine. */
  status: "ok" | "warn" | "fail";
  message: string;
}

/** Options of checkAccount. */
export interface CheckAccountOptions {
  http: HttpClient;
  credentials: Credentials;
  /** Milliseconds to wait for PagerDuty. Default 5000. */
  timeoutMs?: number;
}

// The cheapest authenticated read that every REST credential may make, and that also answers
// whether the default From user exists: PagerDuty's user search (`query` matches emails).
const USERS_PATH = "/users";
const USERS_PAGE = 25;

/**
 * Checks one account against PagerDuty with one request: are its credentials accepted, and does
 * its default From email name a user. Returns two checks (credentials, From). Never throws and
 * never says a credential's value.
 */
export async function checkAccount(
  account: Account,
  integration: LoadedIntegration,
  options: CheckAccountOptions,
): Promise<Check[]> {
  const config = integration.config;
  const base = account.baseUrl ?? config.regions[account.region ?? config.default_region];
  const label = `account ${account.name}`;
  const credentialsCheck = (status: Check["status"], message: string): Check => ({
    name: `${label} credentials`,
    status,
    message,
  });
  const fromCheck = (status: Check["status"], message: string): Check => ({
    name: `${label} From user`,
    status,
    message,
  });
  const notChecked = fromCheck("warn", "not checked: the credentials check did not pass");
  if (!account.credentials)
    return [
      credentialsCheck("fail", `no PagerDuty credentials: set ${whereCredentialsGo(account)}`),
      notChecked,
    ];
  if (!base)
    return [
      credentialsCheck(
        "fail",
        `region "${account.region}" has no base URL in ${integration.file}: use one of ${Object.keys(config.regions).join(", ")}`,
      ),
      notChecked,
    ];

  const kind = account.credentials.kind === "api_token" ? "API token" : "OAuth client";
  const host = new URL(base).host;
  const email = account.fromEmail;
  const query = new URLSearchParams({ limit: String(email ? USERS_PAGE : 1) });
  if (email) query.set("query", email);
  let response;
  try {
    const [authName, authValue] = await options.credentials.header(account, config);
    response = await options.http({
      method: "GET",
      url: new URL(`${base}${USERS_PATH}?${query}`),
      headers: { ...config.default_headers, [authName]: authValue },
      timeoutMs: options.timeoutMs ?? 5000,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return [credentialsCheck("fail", `${e.message} (${kind}, ${host})`), notChecked];
  }

  const { status } = response;
  if (status === 401) {
    const facts = await readErrorBody(status, response.body, integration);
    return [
      credentialsCheck(
        "fail",
        `PagerDuty at ${host} refused the ${kind} (401 ${facts.message}): check ${whereCredentialsGo(account)}`,
      ),
      notChecked,
    ];
  }
  if (status === 403)
    return [
      credentialsCheck(
        "warn",
        `the ${kind} is accepted by ${host} but may not read users (403): tools need the matching read scopes`,
      ),
      fromCheck("warn", "not checked: these credentials may not list users"),
    ];
  if (status < 200 || status >= 300) {
    const facts = await readErrorBody(status, response.body, integration);
    const severity = status === 429 ? "warn" : "fail";
    return [
      credentialsCheck(severity, `${host} answered ${status} (${facts.message}): not verified`),
      notChecked,
    ];
  }
  const ok = credentialsCheck("ok", `${kind} accepted by ${host}`);
  if (!email)
    return [
      ok,
      fromCheck(
        "warn",
        `no default From email: writes that need one fail unless the call gives from_email (set ${whereFromGoes(account)})`,
      ),
    ];
  const users = (response.body as { users?: Array<{ email?: unknown }> } | undefined)?.users;
  const found =
    Array.isArray(users) &&
    users.some((u) => typeof u.email === "string" && u.email.toLowerCase() === email.toLowerCase());
  return [
    ok,
    found
      ? fromCheck("ok", `${email} is a PagerDuty user`)
      : fromCheck(
          "fail",
          `${email} is not the email of any PagerDuty user at ${host}: writes would be refused; set ${whereFromGoes(account)} to a user's login email`,
        ),
  ];
}

/** Where an account's credentials are set, for messages. */
function whereCredentialsGo(account: Account): string {
  if (account.name !== DEFAULT_ACCOUNT) return `/accounts/${account.name} in ACCOUNTS_FILE`;
  return account.credentials?.kind === "oauth_client_credentials"
    ? "PAGERDUTY_OAUTH_CLIENT_ID and PAGERDUTY_OAUTH_CLIENT_SECRET"
    : "PAGERDUTY_API_TOKEN";
}

function whereFromGoes(account: Account): string {
  return account.name === DEFAULT_ACCOUNT
    ? "PAGERDUTY_FROM_EMAIL"
    : `/accounts/${account.name}/from_email in ACCOUNTS_FILE`;
}
