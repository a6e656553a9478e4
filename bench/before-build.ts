import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Builds the product as it was at git ref `ref` into `<dir>/dist`, for a paired
 * measurement: the earlier build runs in the same run as the current one, alternated with it,
 * so a change is measured against what it replaced under the same neighbours' noise.
 * Returns the dist directory (what spawnProduct takes as distRoot).
 */
export async function buildBefore(repo: string, ref: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const archive = execFileSync("git", ["-C", repo, "archive", "--format=tar", ref], {
    maxBuffer: 1 << 30,
  });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  await symlink(join(repo, "node_modules"), join(dir, "node_modules"));
  // Refs since the esbuild build have scripts/build.mjs; earlier ones were built with tsc.
  if (existsSync(join(dir, "scripts", "build.mjs")))
    execFileSync(process.execPath, [join(dir, "scripts", "build.mjs")], {
      cwd: dir,
      stdio: "inherit",
    });
  else
    execFileSync(join(repo, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
      cwd: dir,
      stdio: "inherit",
    });
  return join(dir, "dist");
}
