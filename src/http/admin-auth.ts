import type { RequestHandler } from "express";
import type { ApiTokenIdentity } from "../config/api-tokens/index.js";
import { AuthError } from "../errors.js";

/** Finds the live API token behind a bearer token (see createApiTokenVerifier). */
export interface AdminTokenLookup {
  lookup(token: string): ApiTokenIdentity | undefined;
}

const REALM = 'Bearer realm="pd-mcp-admin"';

/**
 * Requires `Authorization: Bearer <api token>` with the admin scope. 401 with WWW-Authenticate
 * when the token is missing or not a live API token; 403 (insufficient_scope) when it lacks the
 * admin scope. The token's identity (never the token) is left in `res.locals.apiToken` for logs.
 */
export function requireAdminToken(tokens: AdminTokenLookup): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      res.setHeader("WWW-Authenticate", REALM);
      throw new AuthError(
        "unauthorized",
        "The admin API requires an API token with the admin scope: send Authorization: Bearer <api token> (create one with npx pd-mcp api-tokens create --name <name> --scopes admin).",
      );
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const identity = match ? tokens.lookup(match[1]) : undefined;
    if (!identity) {
      res.setHeader("WWW-Authenticate", `${REALM}, error="invalid_token"`);
      throw new AuthError(
        "unauthorized",
        "The API token is not valid: check it (it may have been revoked), or create one with npx pd-mcp api-tokens create --name <name> --scopes admin.",
      );
    }
    if (!identity.scopes.includes("admin")) {
      res.setHeader("WWW-Authenticate", `${REALM}, error="insufficient_scope", scope="admin"`);
      throw new AuthError(
        "forbidden",
        `The API token ${identity.name} (${identity.id}) lacks the admin scope: create one with npx pd-mcp api-tokens create --name <name> --scopes admin.`,
      );
    }
    res.locals.apiToken = identity;
    next();
  };
}
