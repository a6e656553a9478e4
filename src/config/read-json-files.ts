import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ConfigProblem } from "../errors.js";

/** A parsed JSON file with the name used in error messages and its raw text. */
export interface JsonFile {
  /** Path as shown to people (relative to the working directory). */
  file: string;
  path: string;
  text: string;
  doc: unknown;
}

/** Shows paths relative to the working directory, as a reader typed them. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" ? path : rel;
}

/** Lists the *.json files of a directory, sorted; a missing directory has none. */
export async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names
      .filter((n) => n.endsWith(".json") && !n.startsWith("."))
      .sort()
      .map((n) => join(dir, n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** Reads and parses JSON files; unreadable or malformed ones become problems, not exceptions. */
export async function readJsonFiles(
  paths: string[],
): Promise<{ files: JsonFile[]; problems: ConfigProblem[] }> {
  const files: JsonFile[] = [];
  const problems: ConfigProblem[] = [];
  await Promise.all(
    paths.map(async (path) => {
      const file = displayPath(path);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (e) {
        problems.push({ file, pointer: "", message: `cannot be read: ${(e as Error).message}` });
        return;
      }
      try {
        files.push({ file, path, text, doc: JSON.parse(text) });
      } catch (e) {
        problems.push({ file, pointer: "", message: `is not valid JSON: ${(e as Error).message}` });
      }
    }),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}
