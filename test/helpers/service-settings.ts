import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { readSettings, type Settings } from "../../src/settings.js";

/**
 * Settings of a service on a temporary config dir (see tempConfigDir): a random port on
 * 127.0.0.1, and its accounts, API tokens and state files under the dir's root, so nothing is
 * read from or written to the checkout. `env` adds or overrides variables.
 */
export function settingsFor(
  dir: { root: string; integrationsDir: string; serversDir: string },
  env: Record<string, string> = {},
): Settings {
  return readSettings({
    PORT: "0",
    HOST: "127.0.0.1",
    INTEGRATIONS_DIR: dir.integrationsDir,
    SERVERS_DIR: dir.serversDir,
    ACCOUNTS_FILE: `${dir.root}/accounts.json`,
    API_TOKENS_FILE: `${dir.root}/api-tokens.json`,
    STATE_DIR: `${dir.root}/state`,
    ...env,
  });
}

/** A logger at `level` whose lines (one JSON object each) are collected in `lines`. */
export function collectingLogger(level = "info"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
