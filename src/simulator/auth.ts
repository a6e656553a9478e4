import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { unauthorized } from "./errors.js";

/** OAuth access tokens issued by POST /oauth/token, with their expiry (epoch ms). */
export type IssuedTokens = Map<string, number>;

/** Compares secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * PagerDuty's REST authentication: `Authorization: Token token=<api key>` (any non-empty key,
 * or exactly `apiToken` when one is configured) or `Authorization: Bearer <access token>` issued
 * by POST /oauth/token and not expired. Anything else is 401 Unauthorized (2006).
 */
export function requireAuth(options: { apiToken?: string; tokens: IssuedTokens; now: () => Date }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.header("authorization") ?? "";
    const apiKey = /^Token token=(.+)$/i
      .exec(header)?.[1]
      ?.replace(/^"(.*)"$/, "$1")
      .trim();
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    let ok = false;
    if (apiKey) ok = options.apiToken === undefined || sameSecret(apiKey, options.apiToken);
    else if (bearer) {
      const expires = options.tokens.get(bearer);
      ok = expires !== undefined && expires > options.now().getTime();
    }
    if (!ok) return unauthorized(res);
    next();
  };
}
