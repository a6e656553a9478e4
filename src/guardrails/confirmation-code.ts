import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a confirmation code is valid. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

/** What a code is bound to. */
export interface CodeBinding {
  /** The server's name and token hash: a code of one server never works on another. */
  server: string;
  serverTokenSha256: string;
  tool: string;
  /** The call's arguments without `confirm`, const values filled in. */
  args: Record<string, unknown>;
}

/** A verified code: when it was issued and the id it is claimed under (single use). */
export interface VerifiedCode {
  issuedAt: number;
  expiresAt: number;
  id: string;
}

/**
 * Stateless confirmation codes: `<issued-at, base 36>.<HMAC-SHA256, base64url>` over the server,
 * the tool, the canonical JSON of the arguments and the issue time, with a server-side key. Any
 * replica with the same key verifies them; single use is the store's job (it remembers the ids
 * of used codes until they expire).
 */
export function createConfirmationCodes(key: Buffer, ttlMs = CONFIRMATION_TTL_MS) {
  const sign = (binding: CodeBinding, issuedAt: number): string =>
    createHmac("sha256", key)
      .update(
        JSON.stringify([
          "pd-mcp confirmation v1",
          binding.server,
          binding.serverTokenSha256,
          binding.tool,
          canonicalJson(binding.args),
          issuedAt,
        ]),
      )
      .digest("base64url");
  return {
    ttlMs,
    issue(binding: CodeBinding, now: number): { code: string; expiresAt: number } {
      return { code: `${now.toString(36)}.${sign(binding, now)}`, expiresAt: now + ttlMs };
    },
    /** The code's facts, or why it does not confirm this call. */
    verify(code: string, binding: CodeBinding, now: number): VerifiedCode | { problem: string } {
      const match = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/.exec(code);
      const issuedAt = match ? parseInt(match[1], 36) : NaN;
      const mismatch = {
        problem:
          "does not confirm this call: a code works only for the exact arguments, tool and server it was issued for. Call again without confirm to get a new preview and code",
      };
      if (!match || !Number.isSafeInteger(issuedAt)) return mismatch;
      const expected = Buffer.from(sign(binding, issuedAt));
      const given = Buffer.from(match[2]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return mismatch;
      // A minute of clock difference between replicas is tolerated.
      if (issuedAt > now + 60_000) return mismatch;
      const expiresAt = issuedAt + ttlMs;
      if (now >= expiresAt)
        return {
          problem: `expired at ${new Date(expiresAt).toISOString()} (codes are valid ${ttlMs / 60_000} minutes). Call again without confirm to get a new preview and code`,
        };
      return { issuedAt, expiresAt, id: match[2] };
    },
  };
}

export type ConfirmationCodes = ReturnType<typeof createConfirmationCodes>;

/** JSON with object keys sorted at every level, so equal arguments sign equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}
