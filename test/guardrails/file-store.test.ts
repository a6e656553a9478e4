import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createFileStore, STATE_FILE } from "../../src/guardrails/file-store.js";
import { createMemoryStore, type GuardrailStore } from "../../src/guardrails/guardrail-store.js";
import { limitsFor } from "../../src/guardrails/write-budget.js";
import { REPO_ROOT } from "../helpers/config-dir.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pd-mcp-state-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const limits = limitsFor("oncall", "create_a_pager_duty_incident", { per_hour: 10 }, undefined);
const now = Date.parse("2026-11-25T09:00:00Z");

async function admitted(stores: GuardrailStore[], callers: number): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: callers }, (_, i) =>
      stores[i % stores.length].admit({ limits, now: now + i }),
    ),
  );
  return answers.filter((a) => a.ok).length;
}

describe.each([
  ["memory", () => createMemoryStore()],
  ["file", () => createFileStore(dir)],
])("%s store", (_name, make) => {
  test("16 concurrent callers against a budget of 10: exactly 10 are admitted", async () => {
    expect(await admitted([make()], 16)).toBe(10);
  });
});

describe("file store", () => {
  test("two replicas sharing the directory keep one exact budget under 16 concurrent callers", async () => {
    expect(await admitted([createFileStore(dir), createFileStore(dir)], 16)).toBe(10);
    const state = JSON.parse(await readFile(join(dir, STATE_FILE), "utf8"));
    expect(state.windows["writes/oncall"]).toHaveLength(10);
  });

  test("two processes sharing the directory, 8 concurrent callers each: exactly 10 in all", async () => {
    const replica = () =>
      new Promise<number>((resolve, reject) =>
        execFile(
          process.execPath,
          [
            "--import",
            "tsx",
            join(REPO_ROOT, "test/helpers/admit-writes.ts"),
            dir,
            "8",
            String(now),
          ],
          { cwd: REPO_ROOT },
          (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))),
        ),
      );
    const [a, b] = await Promise.all([replica(), replica()]);
    expect(a + b).toBe(10);
  });

  test("counts survive a restart (a new store on the same directory)", async () => {
    expect(await admitted([createFileStore(dir)], 7)).toBe(7);
    expect(await admitted([createFileStore(dir)], 7)).toBe(3);
  });

  test("a lock left by a crashed process is removed once stale", async () => {
    const lock = join(dir, `${STATE_FILE}.lock`);
    await writeFile(lock, "12345 crashed\n");
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await createFileStore(dir).admit({ limits, now })).toEqual({ ok: true });
  });

  test("a fresh lock that is never released makes the write fail, not pass", async () => {
    await writeFile(join(dir, `${STATE_FILE}.lock`), "1 busy\n");
    await expect(createFileStore(dir, { timeoutMs: 50 }).admit({ limits, now })).rejects.toThrow(
      /stayed locked/,
    );
  });

  test("a damaged state file refuses writes and says how to recover", async () => {
    await writeFile(join(dir, STATE_FILE), "{not json");
    await expect(createFileStore(dir).admit({ limits, now })).rejects.toThrow(
      /is not a guardrail state file: fix it, or delete it to restart every write budget from zero/,
    );
  });
});
