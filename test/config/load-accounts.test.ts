import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadAccounts } from "../../src/config/load-accounts.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pd-mcp-accounts-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("loadAccounts", () => {
  test("the environment makes the default account; a missing file is fine", async () => {
    const { accounts, problems } = await loadAccounts(join(dir, "absent.json"), {
      PAGERDUTY_API_TOKEN: "u+secret",
      PAGERDUTY_FROM_EMAIL: "ops@example.com",
      PAGERDUTY_REGION: "eu",
    });
    expect(problems).toEqual([]);
    expect(accounts.get("default")).toEqual({
      name: "default",
      region: "eu",
      fromEmail: "ops@example.com",
      credentials: { kind: "api_token", token: "u+secret" },
    });
  });

  test("file accounts with API tokens and OAuth; PAGERDUTY_BASE_URL overrides every base URL", async () => {
    const file = join(dir, "accounts.json");
    await writeFile(
      file,
      JSON.stringify({
        accounts: {
          "acme-prod": { region: "us", api_token: "t1", from_email: "sre@acme.example" },
          "acme-eu": { region: "eu", oauth: { client_id: "c", client_secret: "s", scope: "read" } },
        },
      }),
    );
    const { accounts, problems } = await loadAccounts(file, {
      PAGERDUTY_BASE_URL: "http://127.0.0.1:9999/",
    });
    expect(problems).toEqual([]);
    expect(accounts.get("acme-prod")).toMatchObject({
      baseUrl: "http://127.0.0.1:9999",
      credentials: { kind: "api_token", token: "t1" },
      fromEmail: "sre@acme.example",
    });
    expect(accounts.get("acme-eu")).toMatchObject({
      region: "eu",
      credentials: {
        kind: "oauth_client_credentials",
        clientId: "c",
        clientSecret: "s",
        scope: "read",
      },
    });
  });

  test("problems name the file and pointer and never quote a credential", async () => {
    const file = join(dir, "accounts.json");
    await writeFile(
      file,
      JSON.stringify({
        accounts: {
          "Bad Name": { api_token: "t" },
          both: { api_token: "hunter2", oauth: { client_id: "c", client_secret: "s" } },
        },
      }),
    );
    const { problems } = await loadAccounts(file, {});
    expect(problems.map((p) => `${p.pointer} ${p.message}`)).toEqual([
      "/accounts/Bad Name must be named with lowercase letters, digits, - and _",
      "/accounts/both must have exactly one of api_token or oauth {client_id, client_secret, scope}",
    ]);
    expect(JSON.stringify(problems)).not.toContain("hunter2");
  });
});
