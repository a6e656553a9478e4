import type { Account } from "./config/accounts.js";
import type { Snapshot } from "./config/snapshot.js";
import type { Logger } from "./logger.js";
import { checkAccount } from "./upstream/check-account.js";
import { createCredentials } from "./upstream/credentials.js";
import { createHttpClient } from "./upstream/http-client.js";

/** Options of checkCredentialsAtStart. */
export interface StartupCheckOptions {
  logger: Logger;
  /** An account not to check (the embedded simulator's). */
  skip?: Account;
  /** Milliseconds to wait for PagerDuty per account. Default 5000. */
  timeoutMs?: number;
}

/**
 * Checks the accounts that servers use, one cheap read each (see checkAccount), and logs a
 * warning for each problem: a wrong token shows in the log at start instead of at a user's first
 * call. Runs after the service listens and never delays or stops it.
 */
export async function checkCredentialsAtStart(
  snapshot: Snapshot,
  options: StartupCheckOptions,
): Promise<void> {
  const used = new Map<string, Parameters<typeof checkAccount>[1]>();
  for (const server of snapshot.servers.values())
    if (!used.has(server.config.account)) used.set(server.config.account, server.integration);
  const http = createHttpClient({ maxSockets: 4 });
  const credentials = createCredentials(http);
  await Promise.all(
    [...used].map(async ([name, integration]) => {
      // A server's account without credentials gets the "no credentials" warning.
      const account = snapshot.accounts.get(name) ?? { name };
      if (account === options.skip) return;
      try {
        const checks = await checkAccount(account, integration, {
          http,
          credentials,
          timeoutMs: options.timeoutMs ?? 5000,
        });
        for (const c of checks)
          options.logger[c.status === "ok" ? "info" : "warn"](
            { event: "credentials_check", account: name, check: c.name, status: c.status },
            c.message,
          );
      } catch (e) {
        options.logger.warn(
          { event: "credentials_check", account: name, status: "error" },
          `credentials not checked: ${(e as Error).message}`,
        );
      }
    }),
  );
}
