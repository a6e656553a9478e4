import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { Account } from "../src/config/accounts.js";
import { loadConfig } from "../src/config/load-config.js";
import { checkCredentialsAtStart } from "../src/startup-credential-check.js";
import { serverFile, tempConfigDir, writeServer } from "./helpers/config-dir.js";
import { strictSimulator } from "./helpers/strict-simulator.js";

const RIGHT = "right-token-abcdef";
const sim = strictSimulator(RIGHT);

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("a", "t1"), "a.json");
  await writeServer(dir.serversDir, { ...serverFile("b", "t2"), account: "ops" }, "b.json");
  await writeServer(dir.serversDir, serverFile("c", "t3"), "c.json");
});
afterEach(() => dir.cleanup());

/** Runs the check with these accounts and returns the JSON lines it logged. */
async function logged(accounts: Account[], skip?: Account) {
  const result = await loadConfig({
    integrationsDir: dir.integrationsDir,
    serversDir: dir.serversDir,
    accounts: new Map(accounts.map((a) => [a.name, a])),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  await checkCredentialsAtStart(result.snapshot, { logger: pino({ base: undefined }, sink), skip });
  return lines.map(({ level, event, account, check, status, msg }) => ({
    level,
    event,
    account,
    check,
    status,
    msg,
  }));
}

const account = (name: string, token: string, fromEmail?: string): Account => ({
  name,
  baseUrl: sim.url,
  credentials: { kind: "api_token", token },
  fromEmail,
});

test("each account servers use is checked once; a wrong token is a warning naming what to fix", async () => {
  const lines = await logged([
    account("default", RIGHT, "alice@example.com"),
    account("ops", "wrong-token-xyz", "alice@example.com"),
    account("unused", "also-wrong"),
  ]);
  const host = new URL(sim.url).host;
  expect(lines.sort((a, b) => String(a.check).localeCompare(String(b.check)))).toEqual([
    {
      level: 30,
      event: "credentials_check",
      account: "default",
      check: "account default credentials",
      status: "ok",
      msg: `API token accepted by ${host}`,
    },
    {
      level: 30,
      event: "credentials_check",
      account: "default",
      check: "account default From user",
      status: "ok",
      msg: "alice@example.com is a PagerDuty user",
    },
    {
      level: 40,
      event: "credentials_check",
      account: "ops",
      check: "account ops credentials",
      status: "fail",
      msg: `PagerDuty at ${host} refused the API token (401 Unauthorized): check /accounts/ops in ACCOUNTS_FILE`,
    },
    {
      level: 40,
      event: "credentials_check",
      account: "ops",
      check: "account ops From user",
      status: "warn",
      msg: "not checked: the credentials check did not pass",
    },
  ]);
  expect(JSON.stringify(lines)).not.toContain("wrong-token-xyz");
});

test("the skipped account (the simulator's) is not checked", async () => {
  const simulator = account("default", RIGHT, "alice@example.com");
  const lines = await logged([simulator, account("ops", RIGHT, "bob@example.com")], simulator);
  expect(new Set(lines.map((l) => l.account))).toEqual(new Set(["ops"]));
});
