import { createHash, timingSafeEqual } from "node:crypto";
import { statSync } from "node:fs";
import type { ConfigProblem } from "../../errors.js";
import {
  isRevoked,
  readApiTokensFileSync,
  type ApiTokenRecord,
  type ApiTokenScope,
} from "./api-tokens-file.js";

/** Who a valid API token belongs to. No secret: safe to log. */
export interface ApiTokenIdentity {
  id: string;
  name: string;
  scopes: readonly ApiTokenScope[];
}

/** Checks API tokens against the tokens file. */
export interface ApiTokens {
  /**
   * True when `token` is a live API token carrying `scope` (default "mcp"). Scopes do not imply
   * each other: an admin-only token is not accepted by MCP servers.
   */
  verify(token: string, scope?: ApiTokenScope): boolean;
  /** The live token's identity (for logs and scope errors), or undefined. */
  lookup(token: string): ApiTokenIdentity | undefined;
  /** Re-reads the file now if it changed (verify does this at most once per interval). */
  refresh(): void;
  /** Problems of the last read; while there are any, no token is accepted. */
  problems(): ConfigProblem[];
}

export interface ApiTokenVerifierOptions {
  /** How often verify may look at the file's modification time, in ms. Default 1000. */
  checkIntervalMs?: number;
  now?: () => number;
  /** Called after each re-read of a changed file (not the first read). */
  onReload?: (result: { tokens: number; problems: ConfigProblem[] }) => void;
}

interface Entry {
  digest: Buffer;
  identity: ApiTokenIdentity;
}

/**
 * An in-memory verifier of the API tokens file: one SHA-256 and one map lookup per call. It
 * notices changes while running (a created or revoked token) by comparing the file's inode, size
 * and modification time at most once per `checkIntervalMs`, so a revocation takes effect within
 * that time without a restart. A malformed file fails closed: no token is accepted until it is
 * fixed.
 */
export function createApiTokenVerifier(
  path: string,
  options: ApiTokenVerifierOptions = {},
): ApiTokens {
  const interval = options.checkIntervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let byHash = new Map<string, Entry>();
  let problems: ConfigProblem[] = [];
  let stamp: string | undefined;
  let checkedAt = -Infinity;

  const load = (): void => {
    const read = readApiTokensFileSync(path);
    problems = read.problems;
    byHash = new Map(
      read.tokens.tokens.filter((t) => !isRevoked(t)).map((t) => [t.sha256, entryOf(t)]),
    );
  };

  const refresh = (): void => {
    checkedAt = now();
    const next = fileStamp(path);
    if (next === stamp) return;
    const first = stamp === undefined;
    stamp = next;
    load();
    if (!first) options.onReload?.({ tokens: byHash.size, problems });
  };

  const lookup = (token: string): ApiTokenIdentity | undefined => {
    if (now() - checkedAt >= interval) refresh();
    const digest = createHash("sha256").update(token).digest();
    const entry = byHash.get(digest.toString("hex"));
    // The map lookup finds the candidate; the constant-time comparison is what accepts it.
    return entry && timingSafeEqual(entry.digest, digest) ? entry.identity : undefined;
  };

  refresh();
  return {
    verify: (token, scope = "mcp") => lookup(token)?.scopes.includes(scope) ?? false,
    lookup,
    refresh,
    problems: () => problems,
  };
}

function entryOf(record: ApiTokenRecord): Entry {
  return {
    digest: Buffer.from(record.sha256, "hex"),
    identity: { id: record.id, name: record.name, scopes: [...record.scopes] },
  };
}

/** Identifies one version of the file; atomic writes change the inode, edits the time or size. */
function fileStamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    return `error:${(e as Error).message}`;
  }
}
