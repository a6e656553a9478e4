import { randomBytes } from "node:crypto";
import { link, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError, ConfigError, type ConfigProblem } from "../errors.js";
import type { Account } from "./accounts.js";
import { loadIntegrations } from "./load-integrations.js";
import { resolveServers } from "./load-servers.js";
import { parseExpiry, SERVER_NAME } from "./server-meaning.js";
import { validateStructure } from "./file-schemas.js";
import { displayPath, listJsonFiles, readJsonFiles, serverFileReading } from "./read-json-files.js";
import type { ServerFile } from "./types/server.js";

/** Servers must be created to live at least this long. */
export const MIN_EXPIRY_AHEAD_MS = 60_000;

export { SERVER_NAME } from "./server-meaning.js";

/** The path of a server's file. */
export function serverFilePath(serversDir: string, name: string): string {
  return join(serversDir, `${name}.json`);
}

/**
 * Checks a server file before it is written: the schema, the integration's methods and tags, the
 * account, and (for new or changed expiries) that expires_at is at least a minute ahead.
 */
export async function checkServerFile(
  config: ServerFile,
  options: {
    integrationsDir: string;
    serversDir: string;
    accounts: Map<string, Account>;
    checkExpiry: boolean;
    now?: number;
  },
): Promise<ConfigProblem[]> {
  const path = serverFilePath(options.serversDir, config.name);
  const { integrations, problems: integrationProblems } = await loadIntegrations(
    options.integrationsDir,
  );
  if (integrationProblems.length > 0) return integrationProblems;
  const { problems } = resolveServers(
    [{ file: displayPath(path), path, text: "", doc: config }],
    integrations,
    options.accounts,
  );
  if (options.checkExpiry && config.expires_at) {
    const at = parseExpiry(config.expires_at) ?? NaN;
    if (!Number.isNaN(at) && at - (options.now ?? Date.now()) < MIN_EXPIRY_AHEAD_MS) {
      problems.push({
        file: displayPath(path),
        pointer: "/expires_at",
        message: "must be at least 60 seconds in the future (or null for never)",
      });
    }
  }
  return problems;
}

/** Key order of written server files (the schema's), so diffs in git stay small. */
const KEY_ORDER: Array<keyof ServerFile> = [
  "$schema",
  "version",
  "name",
  "description",
  "integration",
  "account",
  "token_sha256",
  "config",
  "require_api_token_auth",
  "expires_at",
  "created_at",
  "updated_at",
];

/**
 * Writes a server file atomically (temporary file, then rename), so the watcher never reads a
 * half-written file. Keys are written in the schema's order. With `create`, the file must not
 * exist yet: the complete file is hard-linked into place, which fails if the name is taken, so of
 * two creators (CLI and admin API, or two replicas) exactly one wins and the other gets
 * ServerNameTakenError, never a silent overwrite.
 */
export async function writeServerFile(
  serversDir: string,
  config: ServerFile,
  options: { create?: boolean } = {},
): Promise<string> {
  await mkdir(serversDir, { recursive: true });
  const path = serverFilePath(serversDir, config.name);
  const tmp = join(serversDir, `.${config.name}.${randomBytes(4).toString("hex")}.tmp`);
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (key in config) ordered[key] = config[key];
  Object.assign(ordered, config);
  await writeFile(tmp, `${JSON.stringify(ordered, null, 2)}\n`, { mode: 0o644 });
  if (!options.create) {
    await rename(tmp, path);
    return path;
  }
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new ServerNameTakenError(config.name);
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
  return path;
}

/** A create found the name taken (its file appeared first). */
export class ServerNameTakenError extends AppError {
  constructor(name: string) {
    super(
      "conflict",
      `An MCP server named "${name}" already exists: choose another name (names are unique across accounts).`,
    );
  }
}

/**
 * Reads one server file by name; undefined when it does not exist (or the name is not one).
 * Throws ConfigError when it cannot be read as one (a link, a directory, too big, not JSON).
 */
export async function readServerFile(
  serversDir: string,
  name: string,
): Promise<ServerFile | undefined> {
  if (!SERVER_NAME.test(name)) return undefined;
  const { files, problems } = await readJsonFiles(
    [serverFilePath(serversDir, name)],
    serverFileReading(serversDir),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return files[0]?.doc as ServerFile | undefined;
}

/** Deletes a server file (revokes its URL); false when there was none (or the name is not one). */
export async function removeServerFile(serversDir: string, name: string): Promise<boolean> {
  if (!SERVER_NAME.test(name)) return false;
  try {
    await rm(serverFilePath(serversDir, name));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

/**
 * Reads every server file of a directory, sorted by name. Files that are not valid JSON or do not
 * match the schema are left out and reported as problems; meaning (accounts, tags) is not checked.
 */
export async function listServerFiles(
  serversDir: string,
): Promise<{ servers: ServerFile[]; problems: ConfigProblem[] }> {
  const { files, problems } = await readJsonFiles(
    await listJsonFiles(serversDir),
    serverFileReading(serversDir),
  );
  const servers: ServerFile[] = [];
  for (const f of files) {
    const structural = validateStructure("server", f.doc);
    if (structural.length === 0) servers.push(f.doc as ServerFile);
    else problems.push(...structural.map((p) => ({ file: f.file, ...p })));
  }
  return { servers: servers.sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** Is a server's expiry in the past at `now` (epoch ms)? Servers without one never expire. */
export function isExpired(config: ServerFile, now: number): boolean {
  const at = parseExpiry(config.expires_at);
  // An expiry that cannot be read fails closed, as the service does (it serves no such file).
  return at !== null && !(at > now);
}
