import { readFileSync } from "node:fs";

let cached: string | undefined;

/**
 * The version in package.json, found from this file in src/ or in dist/src/ alike (the nearest
 * package.json above it).
 */
export function packageVersion(): string {
  if (cached) return cached;
  for (let dir = new URL("./", import.meta.url); ; dir = new URL("../", dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as {
        version?: string;
      };
      return (cached = pkg.version ?? "unknown");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      if (dir.pathname === "/") return "unknown";
    }
  }
}
