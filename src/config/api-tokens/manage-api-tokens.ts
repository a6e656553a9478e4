import { randomBytes } from "node:crypto";
import type { ConfigProblem } from "../../errors.js";
import { displayPath } from "../read-json-files.js";
import { hashToken } from "../server-token.js";
import {
  API_TOKEN_NAME,
  API_TOKEN_SCOPES,
  isRevoked,
  readApiTokensFile,
  writeApiTokensFile,
  type ApiTokenRecord,
  type ApiTokenScope,
} from "./api-tokens-file.js";

/** Every API token starts with this, so a leaked one is recognisable (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = "pdmcp_";

/** A fresh API token (prefix + 32 random bytes, base64url) and the hash stored in its place. */
export function newApiToken(): { token: string; sha256: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, sha256: hashToken(token) };
}

/** What a change to the tokens file produced: the record, or why it was refused. */
export type ApiTokenChange<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "invalid_file" | "refused"; problems: ConfigProblem[] };

/**
 * Creates an API token and stores its hash. The token is returned exactly once, here. Refuses an
 * invalid name or scope and a name that a live token already has.
 */
export async function createApiToken(
  path: string,
  input: { name: string; scopes: string[]; now?: Date },
): Promise<ApiTokenChange<{ record: ApiTokenRecord; token: string }>> {
  const file = displayPath(path);
  const { tokens, problems } = await readApiTokensFile(path);
  if (problems.length > 0) return { ok: false, kind: "invalid_file", problems };
  const refused: ConfigProblem[] = [];
  if (!API_TOKEN_NAME.test(input.name))
    refused.push({
      file,
      pointer: "/name",
      message: `"${input.name}" must be letters, digits, dots, dashes or underscores (at most 64), starting with a letter or digit`,
    });
  else if (tokens.tokens.some((t) => t.name === input.name && !isRevoked(t)))
    refused.push({
      file,
      pointer: "/name",
      message: `a live API token is already named "${input.name}": choose another --name, or revoke that one first`,
    });
  const unknown = input.scopes.filter((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0)
    refused.push({
      file,
      pointer: "/scopes",
      message: `must be a comma-separated list of ${API_TOKEN_SCOPES.join(", ")}${unknown.length ? ` (not ${unknown.join(", ")})` : ""}`,
    });
  if (refused.length > 0) return { ok: false, kind: "refused", problems: refused };

  const { token, sha256 } = newApiToken();
  const record: ApiTokenRecord = {
    id: `at_${randomBytes(6).toString("hex")}`,
    name: input.name,
    sha256,
    scopes: API_TOKEN_SCOPES.filter((s) => input.scopes.includes(s)),
    created_at: (input.now ?? new Date()).toISOString(),
  };
  await writeApiTokensFile(path, { version: 1, tokens: [...tokens.tokens, record] });
  return { ok: true, value: { record, token } };
}

/**
 * Revokes a live API token by id or name (it stays in the file, with revoked_at). A name that
 * several live tokens share is refused: use the id.
 */
export async function revokeApiToken(
  path: string,
  idOrName: string,
  now: Date = new Date(),
): Promise<ApiTokenChange<ApiTokenRecord>> {
  const file = displayPath(path);
  const { tokens, problems } = await readApiTokensFile(path);
  if (problems.length > 0) return { ok: false, kind: "invalid_file", problems };
  const byId = tokens.tokens.find((t) => t.id === idOrName);
  const byName = tokens.tokens.filter((t) => t.name === idOrName && !isRevoked(t));
  const refuse = (message: string): ApiTokenChange<ApiTokenRecord> => ({
    ok: false,
    kind: "refused",
    problems: [{ file, pointer: "", message }],
  });
  if (byId && isRevoked(byId))
    return refuse(`API token ${byId.id} (${byId.name}) was already revoked at ${byId.revoked_at}`);
  if (!byId && byName.length > 1)
    return refuse(
      `${byName.length} live API tokens are named "${idOrName}": revoke by id (${byName.map((t) => t.id).join(", ")})`,
    );
  const target = byId ?? byName[0];
  if (!target)
    return refuse(
      `has no live API token with id or name "${idOrName}": see npx pd-mcp api-tokens list`,
    );
  const revoked: ApiTokenRecord = { ...target, revoked_at: now.toISOString() };
  await writeApiTokensFile(path, {
    version: 1,
    tokens: tokens.tokens.map((t) => (t === target ? revoked : t)),
  });
  return { ok: true, value: revoked };
}
