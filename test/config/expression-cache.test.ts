import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  EXPRESSION_CACHE_FILE,
  saveParsedExpressions,
  trustSavedExpressions,
} from "../../src/config/expression-cache.js";
import {
  compileExpression,
  jsonataVersion,
  trustParsed,
} from "../../src/interpreter/compile-expression.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pd-mcp-expr-"));
  trustParsed([]);
});
afterEach(async () => {
  trustParsed([]);
  await rm(dir, { recursive: true, force: true });
});

test("saves the hashes of the expressions parsed, then trusts them on the next start", async () => {
  compileExpression("{ 'cache_roundtrip': incident.id }");
  expect(await saveParsedExpressions(join(dir, "state"))).toBe(true);
  const saved = JSON.parse(await readFile(join(dir, "state", EXPRESSION_CACHE_FILE), "utf8"));
  expect(saved.jsonata).toBe(jsonataVersion());
  expect(saved.sha256.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
  // No configuration text in the file, no temporary file left beside it.
  expect(JSON.stringify(saved)).not.toContain("cache_roundtrip");
  expect(await readdir(join(dir, "state"))).toEqual([EXPRESSION_CACHE_FILE]);
  // Nothing new parsed since: nothing to write.
  expect(await saveParsedExpressions(join(dir, "state"))).toBe(false);
  trustParsed([]);
  expect(await trustSavedExpressions(join(dir, "state"))).toBe(saved.sha256.length);
});

test("a missing, corrupt or other-version file is ignored: everything is parsed at load", async () => {
  expect(await trustSavedExpressions(join(dir, "nowhere"))).toBe(0);
  await writeFile(join(dir, EXPRESSION_CACHE_FILE), "{ not json");
  expect(await trustSavedExpressions(dir)).toBe(0);
  const broken = "{ 'other_version': ";
  await writeFile(
    join(dir, EXPRESSION_CACHE_FILE),
    JSON.stringify({ jsonata: "0.0.1", sha256: ["a".repeat(64)] }),
  );
  expect(await trustSavedExpressions(dir)).toBe(0);
  expect(compileExpression(broken)).toEqual({
    problem: expect.stringMatching(/^is not a valid JSONata expression/),
  });
});
