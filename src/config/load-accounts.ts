import { readFile } from "node:fs/promises";
import type { ConfigProblem } from "../errors.js";
import { DEFAULT_ACCOUNT, type Account } from "./accounts.js";
import { parseJson } from "./parse-json.js";
import { displayPath } from "./read-json-files.js";

/** Environment variables that describe the default account (and override base URLs). */
export interface AccountEnv {
  PAGERDUTY_API_TOKEN?: string;
  PAGERDUTY_BASE_URL?: string;
  PAGERDUTY_FROM_EMAIL?: string;
  PAGERDUTY_REGION?: string;
  PAGERDUTY_OAUTH_CLIENT_ID?: string;
  PAGERDUTY_OAUTH_CLIENT_SECRET?: string;
  PAGERDUTY_OAUTH_SCOPE?: string;
  PAGERDUTY_OAUTH_TOKEN_URL?: string;
}

interface AccountFileEntry {
  region?: string;
  base_url?: string;
  /** Base URL per named host of the integration (e.g. {"events": "https://…"}). */
  host_base_urls?: Record<string, string>;
  api_token?: string;
  oauth?: { client_id: string; client_secret: string; scope?: string; token_url?: string };
  from_email?: string;
}

/**
 * Loads accounts from the accounts file (git-ignored; `{"accounts": {"<name>": {...}}}`) and the
 * environment (the `default` account). A missing file is fine; a malformed one is a problem.
 * Problems never quote credential values.
 */
export async function loadAccounts(
  file: string | undefined,
  env: AccountEnv,
): Promise<{ accounts: Map<string, Account>; problems: ConfigProblem[] }> {
  const accounts = new Map<string, Account>();
  const problems: ConfigProblem[] = [];
  if (file) {
    let text: string | undefined;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT")
        problems.push({
          file: displayPath(file),
          pointer: "",
          message: `cannot be read: ${(e as Error).message}`,
        });
    }
    if (text !== undefined) parseAccountsFile(displayPath(file), text, accounts, problems);
  }
  const envAccount = accountFromEnv(env);
  if (envAccount)
    accounts.set(DEFAULT_ACCOUNT, { ...accounts.get(DEFAULT_ACCOUNT), ...envAccount });
  if (env.PAGERDUTY_BASE_URL) {
    for (const a of accounts.values()) a.baseUrl = env.PAGERDUTY_BASE_URL.replace(/\/+$/, "");
  }
  return { accounts, problems };
}

function parseAccountsFile(
  file: string,
  text: string,
  accounts: Map<string, Account>,
  problems: ConfigProblem[],
): void {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    problems.push({ file, pointer: "", message: `is not valid JSON: ${parsed.message}` });
    return;
  }
  const doc = parsed.value as { accounts?: Record<string, AccountFileEntry> } | null;
  if (!doc || typeof doc.accounts !== "object" || doc.accounts === null) {
    problems.push({
      file,
      pointer: "/accounts",
      message:
        'must be an object of accounts by name: {"accounts": {"acme-prod": {"api_token": "…", "from_email": "…"}}}',
    });
    return;
  }
  for (const [name, entry] of Object.entries(doc.accounts)) {
    const pointer = `/accounts/${name}`;
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name))
      problems.push({
        file,
        pointer,
        message: "must be named with lowercase letters, digits, - and _",
      });
    const hasToken = typeof entry?.api_token === "string" && entry.api_token.length > 0;
    const hasOauth =
      typeof entry?.oauth?.client_id === "string" && typeof entry.oauth.client_secret === "string";
    if (hasToken === hasOauth) {
      problems.push({
        file,
        pointer,
        message: "must have exactly one of api_token or oauth {client_id, client_secret, scope}",
      });
      continue;
    }
    accounts.set(name, {
      name,
      region: entry.region,
      baseUrl: entry.base_url?.replace(/\/+$/, ""),
      hostBaseUrls: hostBaseUrls(entry.host_base_urls),
      tokenUrl: entry.oauth?.token_url,
      fromEmail: entry.from_email,
      credentials: hasToken
        ? { kind: "api_token", token: entry.api_token! }
        : {
            kind: "oauth_client_credentials",
            clientId: entry.oauth!.client_id,
            clientSecret: entry.oauth!.client_secret,
            scope: entry.oauth!.scope,
          },
    });
  }
}

function hostBaseUrls(
  urls: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!urls || typeof urls !== "object") return undefined;
  return Object.fromEntries(
    Object.entries(urls)
      .filter(([, url]) => typeof url === "string")
      .map(([host, url]) => [host, url.replace(/\/+$/, "")]),
  );
}

function accountFromEnv(env: AccountEnv): Account | undefined {
  const base = {
    name: DEFAULT_ACCOUNT,
    region: env.PAGERDUTY_REGION,
    fromEmail: env.PAGERDUTY_FROM_EMAIL,
  };
  if (env.PAGERDUTY_API_TOKEN)
    return { ...base, credentials: { kind: "api_token", token: env.PAGERDUTY_API_TOKEN } };
  if (env.PAGERDUTY_OAUTH_CLIENT_ID && env.PAGERDUTY_OAUTH_CLIENT_SECRET) {
    return {
      ...base,
      tokenUrl: env.PAGERDUTY_OAUTH_TOKEN_URL,
      credentials: {
        kind: "oauth_client_credentials",
        clientId: env.PAGERDUTY_OAUTH_CLIENT_ID,
        clientSecret: env.PAGERDUTY_OAUTH_CLIENT_SECRET,
        scope: env.PAGERDUTY_OAUTH_SCOPE,
      },
    };
  }
  return undefined;
}
