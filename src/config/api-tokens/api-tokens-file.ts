import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ConfigProblem } from "../../errors.js";
import { parseJson } from "../parse-json.js";
import { displayPath } from "../read-json-files.js";

/** What an API token may do: `mcp` = second factor on MCP servers, `admin` = the admin API. */
export const API_TOKEN_SCOPES = ["mcp", "admin"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** One API token as stored: never the token itself, only its SHA-256. */
export interface ApiTokenRecord {
  /** Stable public identifier (`at_` + 12 hex digits), safe to log and show. */
  id: string;
  /** Name chosen by whoever created it, e.g. who or what holds it. */
  name: string;
  /** Lowercase hex SHA-256 of the token. */
  sha256: string;
  scopes: ApiTokenScope[];
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601 time of revocation; absent or null while the token works. */
  revoked_at?: string | null;
}

/** The API tokens file (API_TOKENS_FILE, git-ignored): `{"version": 1, "tokens": [...]}`. */
export interface ApiTokensFile {
  version: 1;
  tokens: ApiTokenRecord[];
}

/** Names of API tokens: letters, digits, dots, dashes and underscores, at most 64 characters. */
export const API_TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const EMPTY: ApiTokensFile = { version: 1, tokens: [] };

/** Reads the API tokens file; a missing file has no tokens, a malformed one is a problem. */
export async function readApiTokensFile(
  path: string,
): Promise<{ tokens: ApiTokensFile; problems: ConfigProblem[] }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  return parseApiTokensFile(text, displayPath(path));
}

/** Synchronous readApiTokensFile, for the per-request verifier (the file is small). */
export function readApiTokensFileSync(path: string): {
  tokens: ApiTokensFile;
  problems: ConfigProblem[];
} {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  return parseApiTokensFile(text, displayPath(path));
}

function missingOrUnreadable(path: string, e: unknown) {
  if ((e as NodeJS.ErrnoException).code === "ENOENT") return { tokens: EMPTY, problems: [] };
  return {
    tokens: EMPTY,
    problems: [
      { file: displayPath(path), pointer: "", message: `cannot be read: ${(e as Error).message}` },
    ],
  };
}

/**
 * Parses and checks the file's text: every problem at once, as `<pointer> <message>`. Problems
 * never quote a hash.
 */
export function parseApiTokensFile(
  text: string,
  file: string,
): { tokens: ApiTokensFile; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const at = (pointer: string, message: string) => problems.push({ file, pointer, message });
  const parsed = parseJson(text);
  if (!parsed.ok) {
    at("", `is not valid JSON: ${parsed.message}`);
    return { tokens: EMPTY, problems };
  }
  const doc = parsed.value;
  if (!isObject(doc)) {
    at("", 'must be an object {"version": 1, "tokens": [...]}');
    return { tokens: EMPTY, problems };
  }
  if (doc.version !== 1) at("/version", "must be 1");
  if (!Array.isArray(doc.tokens)) {
    at("/tokens", "must be an array");
    return { tokens: EMPTY, problems };
  }
  const ids = new Set<string>();
  const hashes = new Set<string>();
  doc.tokens.forEach((t: unknown, i: number) => {
    const p = `/tokens/${i}`;
    if (!isObject(t)) return at(p, "must be an object");
    if (typeof t.id !== "string" || t.id === "") at(`${p}/id`, "must be a non-empty string");
    else if (ids.has(t.id)) at(`${p}/id`, `repeats the id ${t.id}: ids must be unique`);
    else ids.add(t.id);
    if (typeof t.name !== "string" || !API_TOKEN_NAME.test(t.name))
      at(`${p}/name`, `must match the pattern ${API_TOKEN_NAME.source}`);
    if (typeof t.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(t.sha256))
      at(`${p}/sha256`, "must be the lowercase hex SHA-256 of the token (64 characters)");
    else if (hashes.has(t.sha256))
      at(`${p}/sha256`, "is the same as an earlier token's: revoke one and create a new one");
    else hashes.add(t.sha256);
    if (
      !Array.isArray(t.scopes) ||
      t.scopes.length === 0 ||
      !t.scopes.every((s) => (API_TOKEN_SCOPES as readonly unknown[]).includes(s))
    )
      at(`${p}/scopes`, `must be a non-empty list of ${API_TOKEN_SCOPES.join(", ")}`);
    if (typeof t.created_at !== "string" || Number.isNaN(Date.parse(t.created_at)))
      at(`${p}/created_at`, "must be an ISO 8601 date-time");
    if (
      t.revoked_at !== undefined &&
      t.revoked_at !== null &&
      (typeof t.revoked_at !== "string" || Number.isNaN(Date.parse(t.revoked_at)))
    )
      at(`${p}/revoked_at`, "must be an ISO 8601 date-time or null");
  });
  if (problems.length > 0) return { tokens: EMPTY, problems };
  return { tokens: doc as unknown as ApiTokensFile, problems };
}

/**
 * Writes the file atomically (temporary file, then rename) with mode 0600; a directory that does
 * not exist yet is created with mode 0700. The file holds only hashes, but who may read it is
 * still nobody's business but the owner's.
 */
export async function writeApiTokensFile(path: string, tokens: ApiTokensFile): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // A dot-name ending in .tmp is ignored by the config watcher.
  const tmp = join(dir, `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Is a stored token revoked? */
export function isRevoked(record: ApiTokenRecord): boolean {
  return record.revoked_at !== undefined && record.revoked_at !== null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
