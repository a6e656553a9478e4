import { createHash, randomBytes } from "node:crypto";

/** sha256 hex of a secret token: only hashes are stored and compared. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh URL token (32 random bytes, base64url) and the hash that is stored in its place. */
export function newServerToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, sha256: hashToken(token) };
}

/** The connector URL of a token. */
export function serverUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/mcp/${token}`;
}
