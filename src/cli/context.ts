import { loadAccounts } from "../config/load-accounts.js";
import { readSettings, type Settings } from "../settings.js";

/** Settings plus the accounts the CLI checks server files against. */
export async function cliContext(): Promise<{
  settings: Settings;
  accounts: Awaited<ReturnType<typeof loadAccounts>>;
}> {
  const settings = readSettings();
  return { settings, accounts: await loadAccounts(settings.accountsFile, settings.accountEnv) };
}

/** Base of the connector URLs the CLI prints: PUBLIC_URL, else the local listen address. */
export function publicBase(settings: Settings): string {
  return settings.publicUrl ?? `http://${settings.host}:${settings.port}`;
}
