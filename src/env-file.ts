import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Reads `.env` in the working directory into process.env when it exists, with Node's own loader
 * (process.loadEnvFile: `NAME=value` lines, `#` comments, quoted values). A variable already set
 * in the environment wins over the file. Returns the path read, or undefined when there is none.
 */
export function loadEnvFile(path = ".env"): string | undefined {
  const full = resolve(path);
  if (!existsSync(full)) return undefined;
  process.loadEnvFile(full);
  return full;
}
