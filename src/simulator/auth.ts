import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { sendError } from "./errors.js";

/** Issued OAuth access tokens and their expiry (epoch ms). */
export type AccessTokens = Map<string, number>;

/**
 * PagerDuty's auth: `Authorization: Token token=<api token>` (any non-empty token unless one is
 * configured) or `Bearer <access token>` issued by POST /oauth/token and not yet expired.
 */
export function requireAuth(options: { apiToken?: string; tokens: AccessTokens; now: () => Date }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.header("authorization") ?? "";
    const token = /^Token token=(.+)$/.exec(header)?.[1];
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    const ok =
      token !== undefined
        ? options.apiToken === undefined || token === options.apiToken
        : bearer !== undefined && (options.tokens.get(bearer) ?? 0) > options.now().getTime();
    if (!ok) return sendError(res, 401, "Unauthorized", 2006);
    next();
  };
}

/** POST /oauth/token: the client_credentials grant of PagerDuty's scoped OAuth apps. */
export function oauthToken(options: {
  clients: Record<string, string>;
  ttlSeconds: number;
  tokens: AccessTokens;
  now: () => Date;
}) {
  return (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, string>;
    if (body.grant_type !== "client_credentials") {
      return res.status(400).json({
        error: "unsupported_grant_type",
        error_description: "Only client_credentials is supported.",
      });
    }
    if (
      !body.client_id ||
      options.clients[body.client_id] === undefined ||
      options.clients[body.client_id] !== body.client_secret
    ) {
      return res
        .status(401)
        .json({ error: "invalid_client", error_description: "Client authentication failed." });
    }
    const token = `pdus+${randomBytes(24).toString("base64url")}`;
    options.tokens.set(token, options.now().getTime() + options.ttlSeconds * 1000);
    res.json({
      access_token: token,
      token_type: "bearer",
      expires_in: options.ttlSeconds,
      scope: body.scope ?? "read write",
    });
  };
}
