import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { freePort } from "../../bench/processes.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";
import { strictSimulator } from "../helpers/strict-simulator.js";

// The simulator accepts exactly this API token, as PagerDuty accepts only real ones.
const RIGHT = "right-token-0123456789";
const WRONG = "wrong-token-9876543210";

const sim = strictSimulator(RIGHT);

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
  await writeServer(dir.serversDir, serverFile("oncall", "t1"), "oncall.json");
});
afterEach(() => dir.cleanup());

interface Doctor {
  code: number;
  ok: boolean;
  checks: Record<string, { status: string; message: string }>;
  stdout: string;
  stderr: string;
}

/** Runs `pd-mcp doctor --json` and indexes the checks by name. */
async function doctor(env: Record<string, string>, ...args: string[]): Promise<Doctor> {
  const run = await runCli(["doctor", "--json", ...args], dir, env);
  const doc = JSON.parse(run.stdout) as {
    ok: boolean;
    checks: Array<{ name: string; status: string; message: string }>;
  };
  return {
    code: run.code,
    ok: doc.ok,
    checks: Object.fromEntries(doc.checks.map((c) => [c.name, c])),
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

const real = (env: Record<string, string> = {}) => ({
  PAGERDUTY_BASE_URL: sim.url,
  PAGERDUTY_API_TOKEN: RIGHT,
  PAGERDUTY_FROM_EMAIL: "alice@example.com",
  ...env,
});

describe("pd-mcp doctor", () => {
  test("everything right: exit 0, credentials accepted, From user found, one line per check", async () => {
    const run = await runCli(["doctor"], dir, real());
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^ok {4}config: 1 integration\(s\), \d+ tool\(s\), 1 server\(s\), all valid$/,
      ),
      "ok    accounts file: .pd-mcp/accounts.json not present: only the default account (PAGERDUTY_* variables)",
      "ok    API tokens file: .pd-mcp/api-tokens.json not present: the admin API refuses every request",
      "ok    PUBLIC_URL: https://mcp.example.com, Host mcp.example.com allowed",
      `ok    account default credentials: API token accepted by ${new URL(sim.url).host}`,
      "ok    account default From user: alice@example.com is a PagerDuty user",
      "No check failed.",
    ]);
  });

  test("a wrong token fails the credentials check (exit 1) and never shows the token", async () => {
    const result = await doctor(real({ PAGERDUTY_API_TOKEN: WRONG }));
    expect(result.code).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.checks["account default credentials"]).toEqual({
      name: "account default credentials",
      status: "fail",
      message: `PagerDuty at ${new URL(sim.url).host} refused the API token (401 Unauthorized): check PAGERDUTY_API_TOKEN`,
    });
    expect(result.checks["account default From user"].status).toBe("warn");
    expect(result.stdout + result.stderr).not.toContain(WRONG);
    expect(result.stdout + result.stderr).not.toContain(WRONG.slice(0, 8));
  });

  test("a From email that is no PagerDuty user fails, naming the variable to change", async () => {
    const result = await doctor(real({ PAGERDUTY_FROM_EMAIL: "nobody@example.com" }));
    expect(result.code).toBe(1);
    expect(result.checks["account default From user"]).toMatchObject({
      status: "fail",
      message: expect.stringMatching(
        /^nobody@example\.com is not the email of any PagerDuty user at .*: writes would be refused; set PAGERDUTY_FROM_EMAIL to a user's login email$/,
      ),
    });
  });

  test("no From email is a warning only (exit 0)", async () => {
    const env = real();
    delete (env as Record<string, string>).PAGERDUTY_FROM_EMAIL;
    const result = await doctor(env);
    expect(result.code).toBe(0);
    expect(result.checks["account default From user"].status).toBe("warn");
  });

  test("PagerDuty out of reach fails within the timeout", async () => {
    const closed = await freePort();
    const result = await doctor(real({ PAGERDUTY_BASE_URL: `http://127.0.0.1:${closed}` }));
    expect(result.code).toBe(1);
    expect(result.checks["account default credentials"].message).toMatch(
      new RegExp(
        `^Could not reach PagerDuty at 127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED.* \\(API token, 127\\.0\\.0\\.1:${closed}\\)$`,
      ),
    );
  });

  test("an account of the accounts file is checked too, and a readable accounts file is a warning", async () => {
    const file = join(dir.root, ".pd-mcp/accounts.json");
    await mkdir(join(dir.root, ".pd-mcp"), { recursive: true });
    await writeFile(
      file,
      JSON.stringify({ accounts: { ops: { api_token: WRONG, base_url: sim.url } } }),
    );
    await chmod(file, 0o644);
    const result = await doctor(real());
    expect(result.checks["accounts file"]).toMatchObject({
      status: "warn",
      message:
        ".pd-mcp/accounts.json holds credentials but other users may read it (mode 0644): chmod 600 .pd-mcp/accounts.json",
    });
    expect(result.checks["account ops credentials"]).toMatchObject({
      status: "fail",
      message: expect.stringContaining("check /accounts/ops in ACCOUNTS_FILE"),
    });
    expect(result.checks["account default credentials"].status).toBe("ok");
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain(WRONG);
  });

  test("invalid config fails with the first problem and points to validate", async () => {
    await writeServer(
      dir.serversDir,
      { ...serverFile("b", "t2"), expires_at: "someday" },
      "b.json",
    );
    const result = await doctor(real());
    expect(result.code).toBe(1);
    expect(result.checks.config).toMatchObject({
      status: "fail",
      message: expect.stringMatching(
        /^servers\.d\/b\.json: \/expires_at cannot be read as a moment in time: write it like .* \(npx pd-mcp validate\)$/,
      ),
    });
  });

  test("a server that requires an API token while no token exists fails", async () => {
    await writeServer(
      dir.serversDir,
      { ...serverFile("guarded", "t3"), require_api_token_auth: true },
      "guarded.json",
    );
    const result = await doctor(real());
    expect(result.checks["API tokens file"]).toMatchObject({
      status: "fail",
      message: expect.stringContaining(
        "yet 1 server(s) require an API token: every call to them is refused",
      ),
    });
    expect(result.code).toBe(1);
  });

  test("an API tokens file readable by others is a warning with the chmod to run", async () => {
    const created = await runCli(["api-tokens", "create", "--name", "ci", "--json"], dir, real());
    expect(created.code).toBe(0);
    const file = join(dir.root, ".pd-mcp/api-tokens.json");
    expect((await doctor(real())).checks["API tokens file"]).toMatchObject({
      status: "ok",
      message: ".pd-mcp/api-tokens.json: 1 live token(s), mode 0600",
    });
    await chmod(file, 0o644);
    expect((await doctor(real())).checks["API tokens file"]).toMatchObject({
      status: "warn",
      message:
        ".pd-mcp/api-tokens.json may be read by other users (mode 0644): chmod 600 .pd-mcp/api-tokens.json",
    });
  });

  test.each([
    ["", "warn", /^not set: URLs are printed as http:\/\/127\.0\.0\.1:3000\/mcp\/…/],
    [
      "http://mcp.example.com",
      "warn",
      /^http:\/\/mcp\.example\.com is not HTTPS: hosted clients such as ChatGPT need https/,
    ],
    ["http://localhost:3000", "ok", /^http:\/\/localhost:3000, Host localhost:3000 allowed$/],
    ["not a url", "fail", /^"not a url" is not a URL/],
  ])("PUBLIC_URL=%j is %s", async (value, status, message) => {
    const result = await doctor(real({ PUBLIC_URL: value }));
    expect(result.checks.PUBLIC_URL).toMatchObject({
      status,
      message: expect.stringMatching(message),
    });
  });

  test("without credentials it says the simulator would serve, and fails nothing", async () => {
    const result = await doctor({});
    expect(result.checks["account default credentials"]).toMatchObject({
      status: "warn",
      message: expect.stringContaining("npm start serves the embedded simulator"),
    });
    expect(result.code).toBe(0);
  });

  test("a bad --timeout is refused with exit 2", async () => {
    const run = await runCli(["doctor", "--timeout", "soon"], dir, real());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--timeout must be milliseconds between 100 and 120000, not "soon"',
    );
  });
});
