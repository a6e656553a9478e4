import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { REPO_ROOT } from "../helpers/config-dir.js";

// scripts/build.mjs on a small copy of the layout (its own src/, tsconfig and dist/), so the
// staleness rules are checked without touching the repository's dist/.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "pd-mcp-build-"));
  await cp(join(REPO_ROOT, "tsconfig.json"), join(root, "tsconfig.json"));
  await mkdir(join(root, "src/lib"), { recursive: true });
  await writeFile(
    join(root, "src/main.ts"),
    'import { two } from "./lib/two.js";\nconsole.log(two satisfies number);\n',
  );
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = 2;\n");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const build = (ifStale = true) => ensureBuilt({ root, ifStale, quiet: true });
const output = (file: string) => readFile(join(root, "dist/src", file), "utf8");

test("builds ESM that node runs, with source maps; then skips while nothing changed", async () => {
  expect(await build()).toBe("built");
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [join(root, "dist/src/main.js")], (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  expect(stdout).toBe("2\n");
  expect(existsSync(join(root, "dist/src/lib/two.js.map"))).toBe(true);
  expect(await build()).toBe("fresh");
  expect(await build(false)).toBe("built");
});

test("says what it built on stderr unless quiet", async () => {
  const say = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    await ensureBuilt({ root });
    expect(say).toHaveBeenCalledWith(
      expect.stringMatching(/^built dist\/ from 2 files in \d+ ms$/),
    );
  } finally {
    say.mockRestore();
  }
});

test("a changed source is rebuilt, even with the same size and an older mtime (a checkout)", async () => {
  await build();
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = 3;\n");
  const past = new Date("2020-01-01T00:00:00Z");
  await utimes(join(root, "src/lib/two.ts"), past, past);
  expect(await build()).toBe("built");
  expect(await output("lib/two.js")).toContain("const two = 3;");
});

test("the output of a deleted source is removed, so it cannot be imported by mistake", async () => {
  await writeFile(join(root, "src/lib/old.ts"), "export const old = 1;\n");
  await build();
  expect(existsSync(join(root, "dist/src/lib/old.js"))).toBe(true);
  await rm(join(root, "src/lib/old.ts"));
  expect(await build()).toBe("built");
  expect(existsSync(join(root, "dist/src/lib/old.js"))).toBe(false);
  expect(existsSync(join(root, "dist/src/lib/old.js.map"))).toBe(false);
  expect(existsSync(join(root, "dist/src/lib/two.js"))).toBe(true);
});

test("without sources (an image holding dist/ only) nothing is built; without either it says so", async () => {
  await build();
  await rm(join(root, "src"), { recursive: true });
  expect(await build()).toBe("prebuilt");
  await rm(join(root, "dist"), { recursive: true });
  await expect(build()).rejects.toThrow(`Nothing to run: neither src/ nor dist/ exists in ${root}`);
});

test("a syntax error fails the build with esbuild's message and keeps the previous output", async () => {
  await build();
  await writeFile(join(root, "src/lib/two.ts"), "export const two: number = ;\n");
  await expect(build()).rejects.toThrow(/two\.ts:1:\d+: ERROR: Unexpected ";"/);
  expect(await output("lib/two.js")).toContain("const two = 2;");
  await expect(build(), "a failed build is not taken for a fresh one").rejects.toThrow();
});
