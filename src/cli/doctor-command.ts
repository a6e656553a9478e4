import type { Command } from "commander";
import { DEFAULT_ACCOUNT, type Account } from "../config/accounts.js";
import { loadConfig, type LoadResult } from "../config/load-config.js";
import { loadIntegrations } from "../config/load-integrations.js";
import { usesSimulator, type Settings } from "../settings.js";
import { checkAccount, type Check } from "../upstream/check-account.js";
import { createCredentials } from "../upstream/credentials.js";
import { createHttpClient } from "../upstream/http-client.js";
import { cliContext } from "./context.js";
import {
  accountsFileCheck,
  apiTokensFileCheck,
  configCheck,
  publicUrlCheck,
} from "./doctor-checks.js";
import { EXIT, print } from "./output.js";

/**
 * `pd-mcp doctor`: checks what the first tool call depends on, one line each (config files,
 * credentials accepted by PagerDuty, default From user, PUBLIC_URL, secrets files), and exits 1
 * when anything would make that call fail.
 */
export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description(
      "Check config files, each account's PagerDuty credentials and From user (one read each), PUBLIC_URL and the secrets files; exit 1 if the first call would fail",
    )
    .option("--timeout <ms>", "how long to wait for PagerDuty per account", "5000")
    .option("--json", "print one JSON object {ok, checks: [{name, status, message}]}")
    .action(async (opts: { timeout: string; json?: boolean }) => {
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
        console.error(
          `--timeout must be milliseconds between 100 and 120000, not "${opts.timeout}"`,
        );
        process.exitCode = EXIT.refused;
        return;
      }
      const { settings, accounts } = await cliContext();
      const config = await loadConfig({
        integrationsDir: settings.integrationsDir,
        serversDir: settings.serversDir,
        accounts: accounts.accounts,
      });
      const servers = config.ok ? [...config.snapshot.serversByName.values()] : [];
      const checks: Check[] = [
        configCheck(config),
        await accountsFileCheck(settings, accounts.problems, accounts.accounts),
        await apiTokensFileCheck(
          settings,
          servers.filter((s) => s.config.require_api_token_auth).length,
        ),
        publicUrlCheck(settings),
        ...(await accountChecks(settings, accounts.accounts, config, timeoutMs)),
      ];
      const failed = checks.filter((c) => c.status === "fail").length;
      const warned = checks.filter((c) => c.status === "warn").length;
      print(!!opts.json, { ok: failed === 0, checks }, () =>
        [
          ...checks.map((c) => `${c.status.padEnd(4)}  ${c.name}: ${c.message}`),
          failed > 0
            ? `${failed} check(s) failed: the first tool call would fail. Fix the "fail" lines above.`
            : `No check failed${warned > 0 ? ` (${warned} warning(s))` : ""}.`,
        ].join("\n"),
      );
      if (failed > 0) process.exitCode = EXIT.invalidConfig;
    });
}

/** One read per account with credentials, in parallel; the simulator's default is not checked. */
async function accountChecks(
  settings: Settings,
  accounts: Map<string, Account>,
  config: LoadResult,
  timeoutMs: number,
): Promise<Check[]> {
  const { integrations } = await loadIntegrations(settings.integrationsDir);
  const fallback = integrations.values().next().value;
  const checks: Check[] = [];
  if (usesSimulator(settings) && !accounts.has(DEFAULT_ACCOUNT))
    checks.push({
      name: `account ${DEFAULT_ACCOUNT} credentials`,
      status: "warn",
      message:
        "no PagerDuty credentials (PAGERDUTY_API_TOKEN): npm start serves the embedded simulator with made-up data",
    });
  if (!fallback) {
    if (accounts.size > 0)
      checks.push({
        name: "accounts",
        status: "fail",
        message: "not checked: no integration could be loaded (see the config line)",
      });
    return checks;
  }
  const http = createHttpClient({ maxSockets: 4 });
  const credentials = createCredentials(http);
  const names = [...accounts.keys()].sort((a, b) =>
    a === DEFAULT_ACCOUNT ? -1 : b === DEFAULT_ACCOUNT ? 1 : a.localeCompare(b),
  );
  const results = await Promise.all(
    names.map((name) => {
      // An account is checked through the integration its servers use (the first one otherwise).
      const server = config.ok
        ? [...config.snapshot.serversByName.values()].find((s) => s.config.account === name)
        : undefined;
      return checkAccount(accounts.get(name)!, server?.integration ?? fallback, {
        http,
        credentials,
        timeoutMs,
      });
    }),
  );
  return [...checks, ...results.flat()];
}
