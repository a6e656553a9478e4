import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_ACCOUNT, type Account } from "./config/accounts.js";
import { createApiTokenVerifier } from "./config/api-tokens/index.js";
import { ConfigStore } from "./config/config-store.js";
import { loadAccounts } from "./config/load-accounts.js";
import { loadConfig, type ConfigSources } from "./config/load-config.js";
import { saveParsedExpressions, trustSavedExpressions } from "./config/expression-cache.js";
import { createReloader, watchConfig, type ReloadOutcome } from "./config/watch-config.js";
import type { JsonFile } from "./config/read-json-files.js";
import { newServerToken, serverUrl } from "./config/server-token.js";
import type { ServerFile } from "./config/types/server.js";
import { ConfigError } from "./errors.js";
import { createGuardrailRuntime } from "./guardrails/runtime.js";
import { createApp } from "./http/create-app.js";
import { createDrain, type DrainReport } from "./http/drain.js";
import type { Metrics } from "./http/metrics.js";
import { createMetricsRoute } from "./http/metrics-route.js";
import { startMetricsServer } from "./http/metrics-server.js";
import { allowedHostsFrom, createOriginCheck } from "./http/origin-check.js";
import { listen } from "./listen.js";
import { toolCallLogger, type Logger } from "./logger.js";
import { usesSimulator, type Settings } from "./settings.js";
import { preloadSdk } from "./mcp/sdk.js";
import { preloadHttpClient } from "./upstream/http-client.js";
import { checkCredentialsAtStart } from "./startup-credential-check.js";

/** A running service. */
export interface RunningService {
  /** Base URL the HTTP server listens on. */
  url: string;
  /** Base of connector URLs (PUBLIC_URL, or url). */
  publicUrl: string;
  /** Base URL of the METRICS_PORT listener, when there is one. */
  metricsUrl?: string;
  store: ConfigStore;
  /** Re-reads and applies the configuration now (the watcher does this on file changes). */
  reload: () => Promise<ReloadOutcome>;
  /**
   * Graceful stop, first half: stops accepting connections, answers new requests on open ones
   * 503 with Retry-After, and waits for requests in flight, at most `graceMs`. Then call close().
   */
  drain(graceMs: number): Promise<DrainReport>;
  /** Set in simulator mode: the embedded PagerDuty and the demo server's connector URL. */
  simulator?: { url: string; demoUrl: string };
  close(): Promise<void>;
}

/**
 * Starts the whole service: the simulator when no PagerDuty credentials are set, accounts,
 * config (refusing to start when any file is invalid), and the HTTP server.
 * Throws ConfigError with every problem when the configuration is invalid.
 */
export async function startService(settings: Settings, logger: Logger): Promise<RunningService> {
  // API tokens (second factor and admin API) are re-read when API_TOKENS_FILE changes.
  const apiTokens = createApiTokenVerifier(settings.apiTokensFile, {
    onReload: ({ tokens, problems }) =>
      problems.length > 0
        ? logger.error(
            { event: "api_tokens_reload", problems },
            "API tokens file invalid: no API token is accepted until it is fixed",
          )
        : logger.info({ event: "api_tokens_reload", tokens }, "API tokens reloaded"),
  });
  if (apiTokens.problems().length > 0) throw new ConfigError(apiTokens.problems());
  let publicUrl = settings.publicUrl ?? "";
  const closers: Array<() => Promise<void>> = [];
  let simulatorAccount: Account | undefined;
  let simulator: { url: string; token: string } | undefined;
  const extraServers: JsonFile[] = [];
  let loadSimulator: (() => Promise<unknown>) | undefined;
  // The simulator stands in for the default account only when no credentials name one: neither
  // the PAGERDUTY_* variables nor an account "default" in ACCOUNTS_FILE (as pd-mcp doctor says).
  const simulate =
    usesSimulator(settings) &&
    !(await loadAccounts(settings.accountsFile, settings.accountEnv)).accounts.has(DEFAULT_ACCOUNT);
  if (simulate) {
    // Loaded only in simulator mode: a real deployment never pays for it at start-up. It listens
    // now and loads its data once the service listens (or at its first request).
    const { listenEmbeddedSimulator, SIMULATED_HOSTS } = await import("./simulator/embedded.js");
    const listening = await listenEmbeddedSimulator();
    closers.push(listening.close);
    loadSimulator = listening.load;
    simulatorAccount = {
      name: DEFAULT_ACCOUNT,
      baseUrl: listening.url,
      hostBaseUrls: Object.fromEntries(SIMULATED_HOSTS.map((h) => [h, listening.url])),
      credentials: { kind: "api_token", token: "simulator" },
      fromEmail: listening.currentUserEmail,
    };
    const demo = newServerToken();
    extraServers.push(demoServerFile(demo.sha256));
    simulator = { url: listening.url, token: demo.token };
  }

  // Accounts are re-read on every reload (a broken accounts file keeps the previous accounts); in
  // simulator mode the default account is the simulator.
  const sources = async (): Promise<ConfigSources> => {
    const { accounts, problems } = await loadAccounts(settings.accountsFile, settings.accountEnv);
    if (simulatorAccount) accounts.set(DEFAULT_ACCOUNT, simulatorAccount);
    return {
      integrationsDir: settings.integrationsDir,
      serversDir: settings.serversDir,
      accounts,
      accountProblems: problems,
      extraServers,
      env: settings.configEnv,
    };
  };
  if (!existsSync(settings.serversDir))
    logger.warn(
      { event: "servers_dir_missing", dir: settings.serversDir },
      "SERVERS_DIR does not exist: no server files are served until it is created (it is picked up within seconds)",
    );
  // Expressions an earlier run parsed are parsed on first use (see expression-cache.ts).
  await trustSavedExpressions(settings.stateDir);
  let loaded;
  try {
    loaded = await loadConfig(await sources());
  } catch (e) {
    await Promise.all(closers.map((c) => c()));
    throw e;
  }
  if (!loaded.ok) {
    await Promise.all(closers.map((c) => c()));
    throw new ConfigError(loaded.problems);
  }
  const store = new ConfigStore(loaded.snapshot);
  let guardrails;
  try {
    guardrails = await createGuardrailRuntime({
      stateDir: settings.stateDir,
      confirmationKey: settings.confirmationKey,
      logger,
    });
  } catch (e) {
    await Promise.all(closers.map((c) => c()));
    throw e;
  }
  // prom-client is loaded after start-up (a second after listening, or at the first event):
  // importing it cost 60 ms of cold start.
  let metricsModule: Promise<Metrics> | undefined;
  // Once loaded, tool calls update the metrics directly (no promise and microtask per call).
  let loadedMetrics: Metrics | undefined;
  const metrics = () =>
    (metricsModule ??= import("./http/metrics.js").then(
      (m) => (loadedMetrics = m.createMetrics()),
    ));
  const callLog = toolCallLogger(logger);
  const saveExpressions = () =>
    void saveParsedExpressions(settings.stateDir).catch((e: unknown) =>
      logger.warn(
        { event: "expression_cache_write_failed", error: (e as Error).message },
        "could not save which JSONata expressions parse (STATE_DIR): start-up parses them all again",
      ),
    );
  const reload = createReloader({
    store,
    sources,
    logger,
    onReload: (outcome) => {
      void metrics().then((m) => m.reload(outcome));
      saveExpressions();
    },
  });

  const app = createApp({
    store,
    maxBatch: settings.maxBatch,
    batchConcurrency: settings.batchConcurrency,
    apiTokens,
    guardrails,
    checkOrigin: createOriginCheck(allowedHostsFrom(settings.publicUrl, settings.allowedHosts)),
    onToolCall: (event) => {
      if (loadedMetrics) loadedMetrics.toolCall(event);
      else void metrics().then((m) => m.toolCall(event));
      callLog.info(
        { event: "tool_call", ...event, durationMs: Math.round(event.durationMs * 10) / 10 },
        "tool call",
      );
    },
    extend: async (express) => {
      const { createAdminApi } = await import("./http/admin-api.js");
      // With METRICS_PORT, /metrics lives on that port only.
      if (settings.metricsPort === undefined)
        express.get("/metrics", createMetricsRoute({ metrics, token: settings.metricsToken }));
      express.use(
        createAdminApi({
          integrationsDir: settings.integrationsDir,
          serversDir: settings.serversDir,
          store,
          apiTokens,
          reload,
          logger,
          publicUrl: () => publicUrl,
        }),
      );
    },
  });
  const drainer = createDrain(app);
  const server = http.createServer({ keepAlive: true }, drainer.handle);
  let metricsUrl: string | undefined;
  try {
    await listen(server, {
      host: settings.host,
      port: settings.port,
      portVariable: "PORT",
      hostVariable: "HOST",
    });
    closers.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    if (settings.metricsPort !== undefined) {
      const listener = await startMetricsServer({
        metrics,
        host: settings.metricsHost,
        port: settings.metricsPort,
        token: settings.metricsToken,
      });
      closers.push(listener.close);
      metricsUrl = listener.url;
    }
  } catch (e) {
    await Promise.all(closers.map((c) => c()));
    throw e;
  }
  setTimeout(() => void metrics(), 1000).unref();
  // Listening (and the banner) first; what the first calls need loads while we wait for them:
  // the MCP SDK, the upstream client's library, the simulator's data.
  setTimeout(() => {
    preloadSdk();
    preloadHttpClient();
    saveExpressions();
    loadSimulator?.().catch((e: unknown) =>
      logger.error(
        { event: "simulator_load_failed", error: (e as Error).message },
        "simulator failed to load",
      ),
    );
  }, 0);
  const watcher = watchConfig({
    // A missing accounts file is not watched: chokidar would watch its whole parent directory
    // (lstat on every unrelated change there). Create it, then restart or send SIGHUP.
    paths: [
      settings.integrationsDir,
      settings.serversDir,
      ...(existsSync(settings.accountsFile) ? [settings.accountsFile] : []),
    ],
    reload,
    onError: (e) =>
      logger.error(
        { event: "config_watch_error", error: e.message },
        "config watcher failed: changes may not be picked up until a restart or SIGHUP",
      ),
  });
  closers.push(watcher.close);
  // Watching starts after the service answers; one reload once it is ready catches a change made
  // in between (it does nothing when nothing changed).
  void watcher.ready.then(() => reload());
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`;
  publicUrl = settings.publicUrl ?? url;
  // A wrong token or From email shows in the log at start, not at a user's first call.
  void checkCredentialsAtStart(store.current(), { logger, skip: simulatorAccount });
  return {
    url,
    publicUrl,
    metricsUrl,
    store,
    reload,
    drain: async (graceMs) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const report = await drainer.drain(graceMs);
      server.closeAllConnections();
      await closed;
      return report;
    },
    simulator: simulator && { url: simulator.url, demoUrl: serverUrl(publicUrl, simulator.token) },
    close: async () => {
      for (const close of closers) await close();
    },
  };
}

/** The in-memory demo server of simulator mode: every tool, never written to disk. */
function demoServerFile(sha256: string): JsonFile {
  const config: ServerFile = {
    version: 1,
    name: "demo",
    description: "Demo server on the embedded simulator (npm start without credentials).",
    integration: "pagerduty",
    account: DEFAULT_ACCOUNT,
    token_sha256: sha256,
    config: { methods: [], tags: [] },
    require_api_token_auth: false,
    expires_at: null,
  };
  return { file: "(simulator demo server)", path: "", text: JSON.stringify(config), doc: config };
}
