import { resolve } from "node:path";
import type { AccountEnv } from "./config/load-accounts.js";

/** Everything the service reads from its environment. Each variable is documented in the README. */
export interface Settings {
  /** PORT, default 3000. */
  port: number;
  /** HOST, default 127.0.0.1. */
  host: string;
  /** PUBLIC_URL: base of the connector URLs shown to people. Default http://<host>:<port>. */
  publicUrl?: string;
  /** INTEGRATIONS_DIR, default ./integrations. */
  integrationsDir: string;
  /** SERVERS_DIR, default ./servers.d. */
  serversDir: string;
  /** ACCOUNTS_FILE, default ./.pd-mcp/accounts.json (git-ignored). */
  accountsFile: string;
  /** API_TOKENS_FILE, default ./.pd-mcp/api-tokens.json (git-ignored). */
  apiTokensFile: string;
  /** STATE_DIR: write budgets, used confirmation codes, the audit file. Default ./.pd-mcp/state. */
  stateDir: string;
  /** CONFIRMATION_KEY: key of the confirmation codes; default a generated STATE_DIR/confirmation.key. */
  confirmationKey?: string;
  /** ALLOWED_HOSTS: extra comma-separated Host names accepted besides localhost and PUBLIC_URL's. */
  allowedHosts: string[];
  /** MCP_MAX_BATCH: most JSON-RPC messages in one POST, default 20. */
  maxBatch: number;
  /** MCP_BATCH_CONCURRENCY: most tool calls of one batch running upstream at once, default 4. */
  batchConcurrency: number;
  /** SHUTDOWN_GRACE_SECONDS (default 10) in ms: how long SIGTERM waits for calls in flight. */
  shutdownGraceMs: number;
  /** LOG_LEVEL, default info. */
  logLevel: string;
  /** The PAGERDUTY_* variables. */
  accountEnv: AccountEnv;
  /** METRICS_PORT: serve /metrics on this port (and only there). Default: on PORT, local only. */
  metricsPort?: number;
  /** METRICS_HOST: address of the METRICS_PORT listener. Default HOST. */
  metricsHost: string;
  /** METRICS_TOKEN: /metrics requires `Authorization: Bearer <token>` (from any Host). */
  metricsToken?: string;
  /**
   * Variables that config files name, such as a host's base_url_env (PAGERDUTY_EVENTS_BASE_URL).
   * readSettings keeps the whole environment here; absent means none.
   */
  configEnv?: Readonly<Record<string, string | undefined>>;
}

/** Reads settings from an environment (process.env by default). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = portFrom(env, "PORT") ?? 3000;
  const host = env.HOST || "127.0.0.1";
  return {
    port,
    host,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, "") || undefined,
    integrationsDir: resolve(env.INTEGRATIONS_DIR || "integrations"),
    serversDir: resolve(env.SERVERS_DIR || "servers.d"),
    accountsFile: resolve(env.ACCOUNTS_FILE || ".pd-mcp/accounts.json"),
    apiTokensFile: resolve(env.API_TOKENS_FILE || ".pd-mcp/api-tokens.json"),
    stateDir: resolve(env.STATE_DIR || ".pd-mcp/state"),
    confirmationKey: env.CONFIRMATION_KEY || undefined,
    allowedHosts: (env.ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    maxBatch: wholeNumber(env, "MCP_MAX_BATCH", 20, 1),
    batchConcurrency: wholeNumber(env, "MCP_BATCH_CONCURRENCY", 4, 1),
    shutdownGraceMs: wholeNumber(env, "SHUTDOWN_GRACE_SECONDS", 10, 0) * 1000,
    logLevel: env.LOG_LEVEL || "info",
    configEnv: env,
    accountEnv: {
      PAGERDUTY_API_TOKEN: env.PAGERDUTY_API_TOKEN || undefined,
      PAGERDUTY_BASE_URL: env.PAGERDUTY_BASE_URL || undefined,
      PAGERDUTY_FROM_EMAIL: env.PAGERDUTY_FROM_EMAIL || undefined,
      PAGERDUTY_REGION: env.PAGERDUTY_REGION || undefined,
      PAGERDUTY_OAUTH_CLIENT_ID: env.PAGERDUTY_OAUTH_CLIENT_ID || undefined,
      PAGERDUTY_OAUTH_CLIENT_SECRET: env.PAGERDUTY_OAUTH_CLIENT_SECRET || undefined,
      PAGERDUTY_OAUTH_SCOPE: env.PAGERDUTY_OAUTH_SCOPE || undefined,
      PAGERDUTY_OAUTH_TOKEN_URL: env.PAGERDUTY_OAUTH_TOKEN_URL || undefined,
    },
    metricsPort: portFrom(env, "METRICS_PORT"),
    metricsHost: env.METRICS_HOST || host,
    metricsToken: env.METRICS_TOKEN || undefined,
  };
}

/** A port variable: undefined when unset or empty, else a number 0-65535 (0 = any free port). */
function portFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535)
    throw new Error(`${name} must be a port number (0-65535), not "${text}"`);
  return port;
}

/** True when no PagerDuty credentials are configured: npm start then runs the simulator. */
export function usesSimulator(settings: Settings): boolean {
  const e = settings.accountEnv;
  return (
    !e.PAGERDUTY_API_TOKEN && !(e.PAGERDUTY_OAUTH_CLIENT_ID && e.PAGERDUTY_OAUTH_CLIENT_SECRET)
  );
}

/** A whole number >= `min` from the environment, or its default when unset. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return n;
}
