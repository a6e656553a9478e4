import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  canonicalJson,
  createConfirmationCodes,
  type CodeBinding,
} from "../../src/guardrails/confirmation-code.js";
import { KEY_FILE, loadConfirmationKey } from "../../src/guardrails/confirmation-key.js";

const key = Buffer.alloc(32, 7);
const T0 = Date.parse("2026-11-25T09:00:00Z");
const binding: CodeBinding = {
  server: "oncall",
  serverTokenSha256: "a".repeat(64),
  tool: "create_a_pager_duty_incident",
  args: { title: "Disk full", service_id: "SAUTH1", assignee_ids: ["P1", "P2"] },
};

describe("confirmation codes", () => {
  const codes = createConfirmationCodes(key);
  const { code, expiresAt } = codes.issue(binding, T0);

  test("a code verifies for its own call, whatever the key order, until it expires", () => {
    expect(expiresAt).toBe(T0 + 5 * 60_000);
    const reordered = {
      ...binding,
      args: { assignee_ids: ["P1", "P2"], service_id: "SAUTH1", title: "Disk full" },
    };
    expect(codes.verify(code, reordered, T0 + 1000)).toEqual({
      issuedAt: T0,
      expiresAt,
      id: code.split(".")[1],
    });
    expect(codes.verify(code, binding, expiresAt)).toEqual({
      problem: `expired at 2026-11-25T09:05:00.000Z (codes are valid 5 minutes). Call again without confirm to get a new preview and code`,
    });
  });

  test.each<[string, CodeBinding | string]>([
    ["other arguments", { ...binding, args: { ...binding.args, title: "Disk almost full" } }],
    ["an added argument", { ...binding, args: { ...binding.args, urgency: "high" } }],
    [
      "list items in another order",
      { ...binding, args: { ...binding.args, assignee_ids: ["P2", "P1"] } },
    ],
    ["another tool", { ...binding, tool: "update_a_pager_duty_incident_by_id" }],
    ["another server", { ...binding, server: "other" }],
    [
      "the same server name with a rotated token",
      { ...binding, serverTokenSha256: "b".repeat(64) },
    ],
    ["a changed issue time", `${(T0 + 60_000).toString(36)}.${code.split(".")[1]}`],
    ["a truncated code", code.slice(0, -1)],
  ])("does not confirm %s", (_intent, other) => {
    const [b, c] = typeof other === "string" ? [binding, other] : [other, code];
    expect(codes.verify(c, b, T0 + 1000)).toEqual({
      problem:
        "does not confirm this call: a code works only for the exact arguments, tool and server it was issued for. Call again without confirm to get a new preview and code",
    });
  });

  test("a code made with another key does not verify", () => {
    const other = createConfirmationCodes(Buffer.alloc(32, 8));
    expect(other.verify(code, binding, T0 + 1000)).toHaveProperty("problem");
  });

  test("canonical JSON sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"f":2}]},"b":1}',
    );
  });
});

describe("the confirmation key", () => {
  test("is generated once in the state directory (mode 0600) and read back by every replica", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pd-mcp-key-"));
    try {
      const keys = await Promise.all([1, 2, 3].map(() => loadConfirmationKey(dir, undefined)));
      expect(keys[0]).toHaveLength(32);
      expect(keys[1].equals(keys[0]) && keys[2].equals(keys[0])).toBe(true);
      expect((await readFile(join(dir, KEY_FILE), "utf8")).trim()).toBe(keys[0].toString("hex"));
      expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("CONFIRMATION_KEY must be long enough", async () => {
    await expect(loadConfirmationKey("/nonexistent", "short")).rejects.toThrow(
      "CONFIRMATION_KEY must be at least 32 characters",
    );
    expect(await loadConfirmationKey("/nonexistent", "k".repeat(32))).toEqual(
      Buffer.from("k".repeat(32)),
    );
  });
});
