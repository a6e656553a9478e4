import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { hashToken } from "../../src/config/server-token.js";
import { tempConfigDir } from "../helpers/config-dir.js";
import { runCli } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
let tokensFile: string;
beforeEach(async () => {
  dir = await tempConfigDir();
  tokensFile = join(dir.root, ".pd-mcp/api-tokens.json");
});
afterEach(() => dir.cleanup());

const cli = (...args: string[]) => runCli(args, dir);

describe("api-tokens create", () => {
  test("prints the token once and stores only its hash, in a 0600 file", async () => {
    const run = await cli("api-tokens", "create", "--name", "ci-bot", "--scopes", "admin,mcp");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^Created API token ci-bot \(at_[0-9a-f]{12}\), scopes mcp, admin; its hash is in \.pd-mcp\/api-tokens\.json$/,
    );
    const token = lines[2].trim();
    expect(token).toMatch(/^pdmcp_[A-Za-z0-9_-]{43}$/);
    expect(run.stdout.split(token)).toHaveLength(2);
    const text = await readFile(tokensFile, "utf8");
    expect(text).not.toContain(token);
    expect(JSON.parse(text).tokens).toEqual([
      {
        id: expect.stringMatching(/^at_/),
        name: "ci-bot",
        sha256: hashToken(token),
        scopes: ["mcp", "admin"],
        created_at: expect.any(String),
      },
    ]);
    expect((await stat(tokensFile)).mode & 0o777).toBe(0o600);
  });

  test("--json carries the token; scopes default to mcp", async () => {
    const run = await cli("api-tokens", "create", "--name", "laptop", "--json");
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({
      id: expect.stringMatching(/^at_[0-9a-f]{12}$/),
      name: "laptop",
      scopes: ["mcp"],
      created_at: expect.any(String),
      token: expect.stringMatching(/^pdmcp_/),
      file: ".pd-mcp/api-tokens.json",
    });
  });

  test("refuses an unknown scope with exit 2 and says what is allowed", async () => {
    const run = await cli("api-tokens", "create", "--name", "x", "--scopes", "root");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "Not created: 1 problem(s)\n  .pd-mcp/api-tokens.json: /scopes must be a comma-separated list of mcp, admin (not root)\n",
    );
  });
});

describe("api-tokens list and revoke", () => {
  test("list never shows a token or hash; revoke by name marks it revoked", async () => {
    const created = JSON.parse(
      (await cli("api-tokens", "create", "--name", "laptop", "--json")).stdout,
    );
    const listed = await cli("api-tokens", "list", "--json");
    expect(listed.stdout).not.toContain(created.token);
    expect(listed.stdout).not.toContain(hashToken(created.token));
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        id: created.id,
        name: "laptop",
        scopes: ["mcp"],
        created_at: created.created_at,
        revoked_at: null,
      },
    ]);

    const revoked = await cli("api-tokens", "revoke", "laptop");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(
      new RegExp(`^Revoked API token laptop \\(${created.id}\\) at 20\\d\\d-.*Z\\.\\n$`),
    );
    const human = await cli("api-tokens", "list");
    expect(human.stdout.split("\n")[0]).toBe(
      "ID               NAME    SCOPES  CREATED                   STATUS",
    );
    expect(human.stdout.split("\n")[1]).toMatch(
      new RegExp(`^${created.id}  laptop  mcp     \\S+  revoked 20`),
    );
  });

  test("revoking an unknown token exits 2 with a hint", async () => {
    const run = await cli("api-tokens", "revoke", "nobody");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Not revoked: 1 problem(s)\n  .pd-mcp/api-tokens.json: / has no live API token with id or name "nobody": see npx pd-mcp api-tokens list\n',
    );
  });

  test("a malformed tokens file exits 1 and fails validate too", async () => {
    await cli("api-tokens", "create", "--name", "laptop");
    await writeFile(tokensFile, '{"version": 1, "tokens": {}}');
    const list = await cli("api-tokens", "list");
    expect(list.code).toBe(1);
    expect(list.stderr).toBe(
      "Invalid API tokens file: 1 problem(s)\n  .pd-mcp/api-tokens.json: /tokens must be an array\n",
    );
    const validate = await cli("validate");
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain(".pd-mcp/api-tokens.json: /tokens must be an array");
  });
});
