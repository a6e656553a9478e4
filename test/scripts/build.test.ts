import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/config-dir.js";

// scripts/build.mjs run in a small copy of the layout (its own src/, tsconfig and dist/), so the
// staleness rules are checked without touching the repository's dist/.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "pd-mcp-build-"));
  await mkdir(join(root, "scripts"));
  await cp(join(REPO_ROOT, "scripts/build.mjs"), join(root, "scripts/build.mjs"));
  await cp(join(REPO_ROOT, "tsconfig.json"), join(root, "tsconfig.json"));
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  await mkdir(join(root, "src/lib"), { recursive: true });
  await writeFile(
    join(root, "src/main.ts"),
    'import { two } from "./lib/two.js";\nconsole.log(two satisfies number);\n',
  );
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = 2;\n");
});
afterEach(() => rm(root, { recursive: true, force: true }));

function build(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/build.mjs", ...args],
      { cwd: root },
      (error, _out, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

function run(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["dist/src/main.js"], { cwd: root }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

test("builds runnable ESM into dist/ with source maps, then skips while nothing changed", async () => {
  const first = await build("--if-stale");
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/^built dist\/ from 2 files in \d+ ms\n$/);
  expect(await run()).toBe("2\n");
  expect(existsSync(join(root, "dist/src/lib/two.js.map"))).toBe(true);

  const second = await build("--if-stale");
  expect(second).toEqual({ code: 0, stderr: "" });
});

test("a changed source is rebuilt, even when its mtime goes back in time (a checkout)", async () => {
  await build("--if-stale");
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = 3;\n");
  const past = new Date("2020-01-01T00:00:00Z");
  await utimes(join(root, "src/lib/two.ts"), past, past);
  expect((await build("--if-stale")).stderr).toMatch(/^built /);
  expect(await run()).toBe("3\n");
});

test("the output of a deleted source is removed, so it cannot be imported by mistake", async () => {
  await writeFile(join(root, "src/lib/old.ts"), "export const old = 1;\n");
  await build("--if-stale");
  expect(existsSync(join(root, "dist/src/lib/old.js"))).toBe(true);
  await rm(join(root, "src/lib/old.ts"));
  await build("--if-stale");
  expect(existsSync(join(root, "dist/src/lib/old.js"))).toBe(false);
  expect(existsSync(join(root, "dist/src/lib/old.js.map"))).toBe(false);
  expect(existsSync(join(root, "dist/src/lib/two.js"))).toBe(true);
});

test("without sources (an image holding dist/ only) nothing is built; without either it says so", async () => {
  await build();
  await rm(join(root, "src"), { recursive: true });
  const stamp = await readFile(join(root, "dist/.build-stamp"), "utf8");
  expect(await build("--if-stale")).toEqual({ code: 0, stderr: "" });
  expect(await readFile(join(root, "dist/.build-stamp"), "utf8")).toBe(stamp);
  expect(await run()).toBe("2\n");

  await rm(join(root, "dist"), { recursive: true });
  const none = await build("--if-stale");
  expect(none.code).toBe(1);
  expect(none.stderr).toContain("Nothing to run: neither src/ nor dist/ exists in");
});

test("a syntax error fails the build with esbuild's message and keeps the previous output", async () => {
  await build();
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = ;\n");
  const broken = await build("--if-stale");
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain("src/lib/two.ts:1:");
  expect(await run()).toBe("2\n");
});
