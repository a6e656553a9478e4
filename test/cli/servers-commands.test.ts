import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { hashToken } from "../../src/config/server-token.js";
import type { ServerFile } from "../../src/config/types/server.js";
import { serverFile, tempConfigDir, writeServer } from "../helpers/config-dir.js";
import { runCli, TEST_PUBLIC_URL } from "../helpers/run-cli.js";

let dir: Awaited<ReturnType<typeof tempConfigDir>>;
beforeEach(async () => {
  dir = await tempConfigDir();
});
afterEach(() => dir.cleanup());

const cli = (...args: string[]) => runCli(args, dir);
const readServer = async (name: string) =>
  JSON.parse(await readFile(join(dir.serversDir, `${name}.json`), "utf8")) as ServerFile;
const URL_PATTERN = new RegExp(`^${TEST_PUBLIC_URL}/mcp/([A-Za-z0-9_-]{43})$`);

describe("pd-mcp --help", () => {
  test.each([
    [[], "Usage: pd-mcp [options] [command]"],
    [["servers"], "Usage: pd-mcp servers [options] [command]"],
    [["servers", "create"], "Usage: pd-mcp servers create [options]"],
    [["servers", "list"], "Usage: pd-mcp servers list [options]"],
    [["servers", "revoke"], "Usage: pd-mcp servers revoke [options] <name>"],
    [["servers", "rotate"], "Usage: pd-mcp servers rotate [options] <name>"],
    [["servers", "prune"], "Usage: pd-mcp servers prune [options]"],
    [["servers", "show"], "Usage: pd-mcp servers show [options] <name>"],
    [["doctor"], "Usage: pd-mcp doctor [options]"],
    [["tools"], "Usage: pd-mcp tools [options]"],
    [["validate"], "Usage: pd-mcp validate [options]"],
    [["api-tokens"], "Usage: pd-mcp api-tokens [options] [command]"],
    [["api-tokens", "create"], "Usage: pd-mcp api-tokens create [options]"],
    [["api-tokens", "list"], "Usage: pd-mcp api-tokens list [options]"],
    [["api-tokens", "revoke"], "Usage: pd-mcp api-tokens revoke [options] <id-or-name>"],
  ])("%j --help prints usage and exits 0", async (args, usage) => {
    const run = await cli(...args, "--help");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(usage);
  });

  test("a usage error exits 2 and says what is missing", async () => {
    const run = await cli("servers", "create");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: required option '--name <name>' not specified");
  });
});

describe("servers create", () => {
  test("writes the file with only the token's hash and prints the URL once", async () => {
    const run = await cli(
      "servers",
      "create",
      "--name",
      "oncall",
      "--methods",
      "read",
      "--tags",
      "incidents,schedules",
      "--json",
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const token = URL_PATTERN.exec(out.url)![1];
    const stored = await readServer("oncall");
    expect(stored.token_sha256).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(out).toEqual({
      version: 1,
      name: "oncall",
      integration: "pagerduty",
      account: "default",
      config: { methods: ["read"], tags: ["incidents", "schedules"] },
      require_api_token_auth: false,
      expires_at: null,
      created_at: stored.created_at,
      updated_at: stored.updated_at,
      file: "servers.d/oncall.json",
      url: out.url,
    });
  });

  test("--tool-exposure and --chatgpt-search are written to the server's config", async () => {
    const run = await cli(
      "servers",
      "create",
      "--name",
      "research",
      "--methods",
      "read",
      "--tool-exposure",
      "discovery",
      "--chatgpt-search",
      "--json",
    );
    expect(run.code).toBe(0);
    expect((await readServer("research")).config).toEqual({
      methods: ["read"],
      tags: [],
      tool_exposure: "discovery",
      chatgpt_search: true,
    });
  });

  test("an unknown --tool-exposure is refused with the allowed values", async () => {
    const run = await cli("servers", "create", "--name", "x", "--tool-exposure", "some");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "servers.d/x.json: /config/tool_exposure must be one of auto, all, discovery",
    );
  });

  test("refuses bad input with exit 2, listing every problem", async () => {
    const run = await cli(
      "servers",
      "create",
      "--name",
      "okay",
      "--methods",
      "raed",
      "--tags",
      "nope",
      "--expires-at",
      "2000-01-01T00:00:00Z",
    );
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("Not created: 3 problem(s)");
    expect(run.stderr).toContain(
      "servers.d/okay.json: /expires_at must be at least 60 seconds in the future (or null for never)",
    );
    expect(await readdir(dir.serversDir)).toEqual([]);
  });

  test("--json reports problems as JSON on stdout", async () => {
    const run = await cli("servers", "create", "--name", "Bad_Name", "--json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      problems: [
        {
          file: "servers.d/Bad_Name.json",
          pointer: "/name",
          message:
            "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)",
          text: "servers.d/Bad_Name.json: /name must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)",
        },
      ],
    });
  });
});

describe("servers list", () => {
  beforeEach(async () => {
    await writeServer(
      dir.serversDir,
      serverFile("reader", "reader-token", {
        config: { methods: ["read"], tags: ["incidents"] },
        require_api_token_auth: true,
      }),
    );
    await writeServer(
      dir.serversDir,
      serverFile("gone", "gone-token", { expires_at: "2001-01-01T00:00:00Z" }),
    );
  });

  test("prints a table with expiry status and the second factor", async () => {
    const run = await cli("servers", "list");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "NAME    ACCOUNT  METHODS  TAGS       EXPIRES                         API TOKEN",
        "gone    default  all      all        2001-01-01T00:00:00Z (expired)  no",
        "reader  default  read     incidents  never                           required",
        "",
      ].join("\n"),
    );
  });

  test("--json lists every server without the token hash", async () => {
    const run = await cli("servers", "list", "--json");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(hashToken("reader-token"));
    expect(JSON.parse(run.stdout)).toEqual([
      {
        name: "gone",
        description: null,
        integration: "pagerduty",
        account: "default",
        methods: [],
        tags: [],
        expires_at: "2001-01-01T00:00:00Z",
        status: "expired",
        require_api_token_auth: false,
        created_at: null,
        updated_at: null,
        file: "servers.d/gone.json",
      },
      {
        name: "reader",
        description: null,
        integration: "pagerduty",
        account: "default",
        methods: ["read"],
        tags: ["incidents"],
        expires_at: null,
        status: "live",
        require_api_token_auth: true,
        created_at: null,
        updated_at: null,
        file: "servers.d/reader.json",
      },
    ]);
  });

  test("an unreadable file is reported on stderr with exit 1; the others are still listed", async () => {
    await writeServer(dir.serversDir, "{ nope", "broken.json");
    const run = await cli("servers", "list", "--json");
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).map((s: { name: string }) => s.name)).toEqual(["gone", "reader"]);
    expect(run.stderr).toMatch(
      /^Unreadable server files, not listed: 1 problem\(s\)\n {2}servers\.d\/broken\.json: \/ is not valid JSON/,
    );
  });
});

describe("servers rotate", () => {
  test("writes a new hash into the same file, keeps everything else, prints the new URL once", async () => {
    const before = serverFile("reader", "old-token", {
      description: "kept",
      config: { methods: ["read"], tags: [] },
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    });
    await writeServer(dir.serversDir, before);
    const run = await cli("servers", "rotate", "reader");
    expect(run.code).toBe(0);
    const urls: string[] = run.stdout.match(/https:\/\/\S+/g) ?? [];
    expect(urls).toHaveLength(1);
    const token = URL_PATTERN.exec(urls[0])![1];
    const after = await readServer("reader");
    expect(after).toEqual({
      ...before,
      token_sha256: hashToken(token),
      updated_at: expect.stringMatching(/^20\d\d-/),
    });
    expect(after.updated_at).not.toBe(before.updated_at);
    expect(run.stdout.split("\n")[0]).toBe(
      "Rotated servers.d/reader.json: the old URL no longer works. The new one:",
    );
  });

  test("an unknown server is refused with exit 2 and a hint", async () => {
    const run = await cli("servers", "rotate", "nope");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Refused: 1 problem(s)\n  servers.d/nope.json: / does not exist: no server is named "nope" (see npx pd-mcp servers list)\n',
    );
  });
});

describe("servers revoke", () => {
  test("deletes the file", async () => {
    await writeServer(dir.serversDir, serverFile("reader", "t"));
    const run = await cli("servers", "revoke", "reader", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      name: "reader",
      file: "servers.d/reader.json",
      revoked: true,
    });
    expect(await readdir(dir.serversDir)).toEqual([]);
  });

  test("a name that is not a server name never reaches the file system", async () => {
    const run = await cli("servers", "revoke", "../servers.d/x");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"../servers.d/x" is not a server name');
  });
});

describe("servers prune", () => {
  beforeEach(async () => {
    await writeServer(
      dir.serversDir,
      serverFile("old", "old-token", { expires_at: "2001-01-01T00:00:00Z" }),
    );
    await writeServer(
      dir.serversDir,
      serverFile("later", "later-token", { expires_at: "2999-01-01T00:00:00Z" }),
    );
  });

  test("--dry-run says what it would delete and deletes nothing", async () => {
    const run = await cli("servers", "prune", "--dry-run");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "Would delete 1 expired server file(s):\n  servers.d/old.json (expired 2001-01-01T00:00:00Z)\n",
    );
    expect((await readdir(dir.serversDir)).sort()).toEqual(["later.json", "old.json"]);
  });

  test("deletes only expired servers' files", async () => {
    const run = await cli("servers", "prune", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      dry_run: false,
      removed: [{ name: "old", file: "servers.d/old.json", expires_at: "2001-01-01T00:00:00Z" }],
    });
    expect(await readdir(dir.serversDir)).toEqual(["later.json"]);
  });
});
