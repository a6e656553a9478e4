import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  jsonataVersion,
  parsedExpressions,
  trustParsed,
} from "../interpreter/compile-expression.js";

/**
 * Which JSONata expressions of the configuration parse without error, kept in STATE_DIR between
 * runs: their SHA-256 and the jsonata version that parsed them. At start-up the service trusts
 * them and parses each on first use instead of at load (about a tenth of a second of start-up with
 * the whole API). The file holds no configuration text; losing it, or a jsonata upgrade, only
 * costs that time back. `pd-mcp validate` and the tests never use it: they parse everything.
 */
export const EXPRESSION_CACHE_FILE = "parsed-expressions.json";

const HASH = /^[0-9a-f]{64}$/;

/** Trusts the hashes saved by an earlier run with the same jsonata version; returns how many. */
export async function trustSavedExpressions(stateDir: string): Promise<number> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(join(stateDir, EXPRESSION_CACHE_FILE), "utf8"));
  } catch {
    return 0; // none yet, or unreadable: everything is parsed at load, as without it
  }
  const saved = doc as { jsonata?: unknown; sha256?: unknown };
  if (saved?.jsonata !== jsonataVersion() || !Array.isArray(saved.sha256)) return 0;
  const hashes = saved.sha256.filter((h): h is string => typeof h === "string" && HASH.test(h));
  trustParsed(hashes);
  return hashes.length;
}

/**
 * Saves the hashes of the expressions in use, when some were parsed since they were last trusted
 * (a new or edited file). Written through a temporary file: replicas sharing STATE_DIR, or a crash
 * mid-write, never leave half a file.
 */
export async function saveParsedExpressions(stateDir: string): Promise<boolean> {
  const { sha256, added } = parsedExpressions();
  if (added === 0) return false;
  await mkdir(stateDir, { recursive: true });
  const path = join(stateDir, EXPRESSION_CACHE_FILE);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify({ jsonata: jsonataVersion(), sha256 })}\n`);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  trustParsed(sha256);
  return true;
}
