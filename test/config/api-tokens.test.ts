import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  createApiToken,
  createApiTokenVerifier,
  readApiTokensFile,
  revokeApiToken,
} from "../../src/config/api-tokens/index.js";
import { hashToken } from "../../src/config/server-token.js";

let root: string;
let file: string;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "pd-mcp-api-tokens-"));
  file = join(root, "secrets", "api-tokens.json");
  clock = 1_000_000;
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function create(name: string, scopes = ["mcp"]) {
  const created = await createApiToken(file, { name, scopes });
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  return created.value;
}

describe("createApiToken", () => {
  test("returns a prefixed token once and stores only its hash, in a 0600 file in a 0700 directory", async () => {
    const { token, record } = await create("ci-bot", ["admin", "mcp"]);
    expect(token).toMatch(/^pdmcp_[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({
      id: expect.stringMatching(/^at_[0-9a-f]{12}$/),
      name: "ci-bot",
      sha256: hashToken(token),
      scopes: ["mcp", "admin"],
      created_at: expect.any(String),
    });
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(token);
    expect(JSON.parse(text)).toEqual({ version: 1, tokens: [record] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, "secrets"))).mode & 0o777).toBe(0o700);
  });

  test.each([
    ["a name with spaces", "ci bot", ["mcp"], "/name"],
    ["an unknown scope", "ci", ["mcp", "root"], "/scopes"],
    ["no scope", "ci", [], "/scopes"],
  ])("refuses %s", async (_intent, name, scopes, pointer) => {
    const result = await createApiToken(file, { name, scopes });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("refused");
    expect(result.problems.map((p) => p.pointer)).toEqual([pointer]);
  });

  test("refuses a name a live token already has, and allows it again after revocation", async () => {
    const first = await create("ci");
    const again = await createApiToken(file, { name: "ci", scopes: ["mcp"] });
    expect(again).toMatchObject({
      ok: false,
      kind: "refused",
      problems: [
        {
          pointer: "/name",
          message:
            'a live API token is already named "ci": choose another --name, or revoke that one first',
        },
      ],
    });
    await revokeApiToken(file, first.record.id);
    expect((await createApiToken(file, { name: "ci", scopes: ["mcp"] })).ok).toBe(true);
  });
});

describe("revokeApiToken", () => {
  test("by name sets revoked_at and keeps the record", async () => {
    const { record } = await create("laptop");
    const revoked = await revokeApiToken(file, "laptop", new Date("2026-11-25T12:00:00Z"));
    expect(revoked).toEqual({
      ok: true,
      value: { ...record, revoked_at: "2026-11-25T12:00:00.000Z" },
    });
    expect((await readApiTokensFile(file)).tokens.tokens).toEqual([
      { ...record, revoked_at: "2026-11-25T12:00:00.000Z" },
    ]);
  });

  test.each([
    [
      "an unknown name",
      "nobody",
      'has no live API token with id or name "nobody": see npx pd-mcp api-tokens list',
    ],
    ["an already revoked id", "$id", "was already revoked at"],
  ])("refuses %s", async (_intent, target, message) => {
    const { record } = await create("laptop");
    await revokeApiToken(file, record.id);
    const result = await revokeApiToken(file, target.replace("$id", record.id));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].message).toContain(message);
  });
});

describe("createApiTokenVerifier", () => {
  test("accepts a live token for its scopes only; scopes do not imply each other", async () => {
    const mcp = await create("mcp-only", ["mcp"]);
    const admin = await create("admin-only", ["admin"]);
    const verifier = createApiTokenVerifier(file, { now });
    expect(verifier.verify(mcp.token)).toBe(true);
    expect(verifier.verify(mcp.token, "mcp")).toBe(true);
    expect(verifier.verify(mcp.token, "admin")).toBe(false);
    expect(verifier.verify(admin.token, "admin")).toBe(true);
    expect(verifier.verify(admin.token, "mcp")).toBe(false);
    expect(verifier.verify("pdmcp_not-a-token")).toBe(false);
    expect(verifier.verify(hashToken(mcp.token))).toBe(false);
    expect(verifier.lookup(admin.token)).toEqual({
      id: admin.record.id,
      name: "admin-only",
      scopes: ["admin"],
    });
  });

  test("a missing file means no tokens and no problems", () => {
    const verifier = createApiTokenVerifier(file, { now });
    expect(verifier.verify("pdmcp_anything")).toBe(false);
    expect(verifier.problems()).toEqual([]);
  });

  test("notices a revocation and a new token within the check interval, without a restart", async () => {
    const { token } = await create("laptop");
    const reloads: number[] = [];
    const verifier = createApiTokenVerifier(file, {
      now,
      onReload: (r) => reloads.push(r.tokens),
    });
    expect(verifier.verify(token)).toBe(true);
    await revokeApiToken(file, "laptop");
    const later = await create("desktop");
    clock += 999;
    expect(verifier.verify(token)).toBe(true); // the file is looked at once per second at most
    clock += 1;
    expect(verifier.verify(token)).toBe(false);
    expect(verifier.verify(later.token)).toBe(true);
    expect(reloads).toEqual([1]);
  });

  test("with the real clock, a revoked token stops working within a second", async () => {
    const { token } = await create("laptop");
    const verifier = createApiTokenVerifier(file);
    expect(verifier.verify(token)).toBe(true);
    await revokeApiToken(file, "laptop");
    await new Promise((r) => setTimeout(r, 1050));
    expect(verifier.verify(token)).toBe(false);
  });

  test("a malformed file fails closed and lists every problem", async () => {
    const { token } = await create("laptop");
    const verifier = createApiTokenVerifier(file, { now });
    await writeFile(
      file,
      JSON.stringify({
        version: 2,
        tokens: [{ id: "at_1", name: "laptop", sha256: hashToken(token), scopes: ["root"] }],
      }),
    );
    clock += 1000;
    expect(verifier.verify(token)).toBe(false);
    expect(verifier.problems().map((p) => `${p.pointer} ${p.message}`)).toEqual([
      "/version must be 1",
      "/tokens/0/scopes must be a non-empty list of mcp, admin",
      "/tokens/0/created_at must be an ISO 8601 date-time",
    ]);
  });

  test("invalid JSON is one problem", async () => {
    await create("laptop");
    await writeFile(file, "{ nope");
    const verifier = createApiTokenVerifier(file, { now });
    expect(verifier.problems()).toHaveLength(1);
    expect(verifier.problems()[0].message).toMatch(/^is not valid JSON/);
  });
});
