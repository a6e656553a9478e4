import { constants } from "node:fs";
import { open, readdir, realpath } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { ConfigProblem } from "../errors.js";
import { parseJson } from "./parse-json.js";

/** A parsed JSON file with the name used in error messages and its raw text. */
export interface JsonFile {
  /** Path as shown to people (relative to the working directory). */
  file: string;
  path: string;
  text: string;
  doc: unknown;
}

/** How strictly files are read. */
export interface ReadOptions {
  /**
   * Refuse, unread, anything that is not a regular file: symbolic links are not followed (a link
   * to /etc/passwd must never reach a log), directories, pipes and devices are reported.
   */
  regularFilesOnly?: boolean;
  /**
   * With regularFilesOnly: a symbolic link is followed only when its target is inside this
   * directory (a Kubernetes ConfigMap mounts each file as a link into the same directory); a link
   * anywhere else is refused unread.
   */
  linksWithin?: string;
  /** Files larger than this many bytes are refused unread. Default: no limit. */
  maxBytes?: number;
  /** Says what kind of file the limit applies to, in messages. Default "config files". */
  kind?: string;
  /**
   * The files as read last time, by path: a file whose text has not changed keeps its parsed
   * document instead of being parsed again (a hot reload reads every file, most unchanged).
   */
  previous?: ReadonlyMap<string, JsonFile>;
}

/** Server files larger than this are refused unread (a server file is well under 1 KiB). */
export const SERVER_FILE_MAX_BYTES = 256 * 1024;

/**
 * How the files of SERVERS_DIR are read everywhere (service, CLI, admin API): regular files (or
 * links to one inside the directory), at most SERVER_FILE_MAX_BYTES.
 */
export function serverFileReading(serversDir: string): ReadOptions {
  return {
    regularFilesOnly: true,
    linksWithin: serversDir,
    maxBytes: SERVER_FILE_MAX_BYTES,
    kind: "server files",
  };
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

/**
 * Reads and parses JSON files; unreadable or malformed ones become problems, not exceptions. A
 * file that vanished between listing and reading is left out (it was deleted), not reported.
 */
export async function readJsonFiles(
  paths: string[],
  options: ReadOptions = {},
): Promise<{ files: JsonFile[]; problems: ConfigProblem[] }> {
  const files: JsonFile[] = [];
  const problems: ConfigProblem[] = [];
  await Promise.all(
    paths.map(async (path) => {
      const file = displayPath(path);
      const read = await readText(path, options);
      if (read === undefined) return;
      if (typeof read !== "string") {
        problems.push({ file, pointer: "", message: read.problem });
        return;
      }
      const known = options.previous?.get(path);
      if (known?.text === read) {
        files.push(known);
        return;
      }
      const parsed = parseJson(read);
      if (parsed.ok) files.push({ file, path, text: read, doc: parsed.value });
      else problems.push({ file, pointer: "", message: `is not valid JSON: ${parsed.message}` });
    }),
  );
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}

/** The real path a link leads to, if it stays inside `dir`; undefined otherwise. */
async function linkTargetWithin(
  path: string,
  dir: string | undefined,
): Promise<string | undefined> {
  if (dir === undefined) return undefined;
  try {
    const [target, root] = await Promise.all([realpath(path), realpath(dir)]);
    return target.startsWith(root + sep) ? target : undefined;
  } catch {
    return undefined;
  }
}

/** The text of one file; undefined when it no longer exists; a problem when it may not be read. */
async function readText(
  path: string,
  options: ReadOptions,
): Promise<string | { problem: string } | undefined> {
  const strict = options.regularFilesOnly === true;
  // O_NONBLOCK: opening a pipe must not hang the reload; O_NOFOLLOW: a link is refused by open
  // itself, so it cannot be swapped in between a check and the read.
  const flags = strict ? constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK : "r";
  let handle;
  try {
    handle = await open(path, flags);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code !== "ELOOP") return { problem: `cannot be read (${code ?? (e as Error).message})` };
    const target = await linkTargetWithin(path, options.linksWithin);
    if (!target)
      return {
        problem:
          "is a symbolic link to outside its directory: it was not followed (make it a regular file)",
      };
    try {
      handle = await open(target, flags);
    } catch (e2) {
      return { problem: `cannot be read (${(e2 as NodeJS.ErrnoException).code ?? "error"})` };
    }
  }
  try {
    const st = await handle.stat();
    if (strict && st.isDirectory()) return { problem: "is a directory, not a file" };
    if (strict && !st.isFile())
      return { problem: "is not a regular file (a pipe, socket or device): it was not read" };
    const limit = options.maxBytes;
    const tooBig = (bytes: number) => ({
      problem: `is ${bytes} bytes, over the ${limit! / 1024} KiB limit of ${options.kind ?? "config files"}: it was not read`,
    });
    if (limit !== undefined && st.size > limit) return tooBig(st.size);
    const buf = await handle.readFile();
    // It may have grown since stat.
    if (limit !== undefined && buf.length > limit) return tooBig(buf.length);
    return buf.toString("utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { problem: "is a directory, not a file" };
    return { problem: `cannot be read (${code ?? (e as Error).message})` };
  } finally {
    await handle.close();
  }
}
