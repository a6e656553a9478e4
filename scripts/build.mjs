// Builds dist/ from the TypeScript in src/ and bench/: one esbuild transpile per file, about a
// tenth of a second (types are checked by `npm run typecheck`, not here). Plain JavaScript so it
// runs before anything is built and with production dependencies only (esbuild is one of them).
//
//   node scripts/build.mjs             build now
//   node scripts/build.mjs --if-stale  build only when a source changed since the last build
//
// `npm install` / `npm ci` run it once (the `prepare` script); `npm start` and `pd-mcp` call
// ensureBuilt(), which costs a few milliseconds of stat() when nothing changed. A checkout without
// sources (a container image holding dist/ only) is never rebuilt.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
const SOURCE_DIRS = ["src", "bench"];

// The staleness check runs before every start: synchronous calls are the quickest here.

/**
 * The files to build, relative to the root, sorted: .ts sources (transpiled) and .json assets the
 * code reads beside itself (e.g. src/config/schemas/*.json, copied as they are).
 */
function sourceFiles(root) {
  const files = [];
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      const source = entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts");
      if (entry.isFile() && (source || entry.name.endsWith(".json")))
        files.push(relative(root, join(entry.parentPath ?? entry.path, entry.name)));
    }
  }
  return files.sort();
}

/** Hash of every source's path, size and mtime (and the tsconfig): changes when any source does. */
function fingerprint(root, files) {
  const hash = createHash("sha256");
  for (const file of [...files, "tsconfig.json"]) {
    const s = statSync(join(root, file));
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Writes a file through a temporary name, so a concurrent reader never sees half of it. */
async function writeAtomic(path, contents) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, path);
}

/**
 * Builds dist/ when needed. Returns "built", "fresh" (nothing changed) or "prebuilt" (no sources
 * beside dist/, as in a container image).
 * @param {{ ifStale?: boolean, quiet?: boolean, root?: string }} [options] ifStale (default true):
 *   skip when fresh; quiet: say nothing; root: the checkout (default: the one holding this script)
 */
export async function ensureBuilt({ ifStale = true, quiet = false, root = REPO_ROOT } = {}) {
  const dist = join(root, "dist");
  const stamp = join(dist, ".build-stamp");
  const files = sourceFiles(root);
  if (files.length === 0) {
    if (existsSync(join(dist, "src/main.js"))) return "prebuilt";
    throw new Error(`Nothing to run: neither src/ nor dist/ exists in ${root}`);
  }
  const print = fingerprint(root, files);
  if (ifStale) {
    const previous = await readFile(stamp, "utf8").catch(() => "");
    if (previous === print) return "fresh";
  }
  const started = performance.now();
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "dist/ is missing or older than src/, and esbuild (a dependency) is not installed: run npm ci",
    );
  }
  const result = await esbuild.build({
    entryPoints: files.filter((f) => f.endsWith(".ts")).map((f) => join(root, f)),
    outbase: root,
    outdir: dist,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    tsconfig: join(root, "tsconfig.json"),
    write: false,
    logLevel: "silent",
  });
  const written = new Set();
  for (const out of result.outputFiles) {
    await writeAtomic(out.path, out.contents);
    written.add(out.path);
  }
  for (const asset of files.filter((f) => f.endsWith(".json"))) {
    await writeAtomic(join(dist, asset), await readFile(join(root, asset)));
    written.add(join(dist, asset));
  }
  // Outputs of deleted sources would otherwise linger and stay importable.
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(dist, dir))) continue;
    for (const entry of await readdir(join(dist, dir), { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && /\.(js|js\.map|json)$/.test(entry.name) && !written.has(path))
        await rm(path, { force: true });
    }
  }
  await writeAtomic(stamp, print);
  if (!quiet)
    console.error(
      `built dist/ from ${files.length} files in ${Math.round(performance.now() - started)} ms`,
    );
  return "built";
}

/**
 * Builds dist/ if a source changed, then runs one of its modules (e.g. "dist/src/main.js"). A
 * failed build is printed as one message and exits 1.
 */
export async function runBuilt(entry) {
  try {
    await ensureBuilt({ quiet: true });
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  await import(pathToFileURL(join(REPO_ROOT, entry)).href);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuilt({ ifStale: process.argv.includes("--if-stale") }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
