import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { sameSecret, type IssuedTokens } from "./auth.js";

/**
 * POST /oauth/token, the client_credentials grant of PagerDuty's scoped OAuth apps. Takes a form
 * or JSON body (`grant_type`, `client_id`, `client_secret`, `scope`), or the client in HTTP Basic
 * auth. Answers `{access_token, token_type: "bearer", expires_in, scope}`; 401 `invalid_client`
 * for unknown clients or wrong secrets.
 */
export function oauthToken(options: {
  clients: Record<string, string>;
  ttlSeconds: number;
  tokens: IssuedTokens;
  now: () => Date;
}) {
  return (req: Request, res: Response): void => {
    const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<
      string,
      unknown
    >;
    let clientId = typeof body.client_id === "string" ? body.client_id : undefined;
    let secret = typeof body.client_secret === "string" ? body.client_secret : undefined;
    const basic = /^Basic\s+(.+)$/i.exec(req.header("authorization") ?? "")?.[1];
    if (basic && clientId === undefined) {
      const [id, ...rest] = Buffer.from(basic, "base64").toString("utf8").split(":");
      clientId = decodeURIComponent(id);
      secret = decodeURIComponent(rest.join(":"));
    }
    if (body.grant_type === undefined) {
      res.status(400).json({
        error: "invalid_request",
        error_description: "The request is missing the required parameter grant_type.",
      });
      return;
    }
    if (body.grant_type !== "client_credentials") {
      res.status(400).json({
        error: "unsupported_grant_type",
        error_description: "The authorization grant type is not supported.",
      });
      return;
    }
    const expected = clientId === undefined ? undefined : options.clients[clientId];
    if (expected === undefined || secret === undefined || !sameSecret(secret, expected)) {
      res.status(401).json({
        error: "invalid_client",
        error_description: "Client authentication failed.",
      });
      return;
    }
    const token = `pdus+_0X${randomBytes(24).toString("base64url")}`;
    options.tokens.set(token, options.now().getTime() + options.ttlSeconds * 1000);
    res.setHeader("cache-control", "no-store");
    res.json({
      access_token: token,
      token_type: "bearer",
      expires_in: options.ttlSeconds,
      scope: typeof body.scope === "string" && body.scope !== "" ? body.scope : "read write",
    });
  };
}
