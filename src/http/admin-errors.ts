import type { ErrorRequestHandler } from "express";
import { AppError, type ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";

/** One problem with a request body: where (JSON pointer into the body) and what to change. */
export interface RequestProblem {
  pointer: string;
  message: string;
}

/** HTTP status of each error code on the JSON (non-MCP) routes. */
const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_request: 400,
  invalid_arguments: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  config_invalid: 409,
  rate_limited: 429,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_too_large: 502,
};

/** A 400 listing every problem of a request body. */
export function invalidRequest(problems: RequestProblem[]): AppError {
  const noun = problems.length === 1 ? "problem" : "problems";
  return new AppError(
    "invalid_request",
    `The request body has ${problems.length} ${noun}: fix each one and send it again.`,
    { details: { problems } },
  );
}

/**
 * The admin API's error handler: AppErrors become `{"error": {"code", "message", ...details}}`
 * with the status of their code; malformed JSON is an invalid_request; anything else is a 500
 * that is logged and not described to the caller.
 */
export function adminErrorHandler(logger?: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError) {
      res.status(STATUS[err.code]).json({
        error: { code: err.code, message: err.message, ...err.details },
      });
      return;
    }
    if (isBadUrl(err)) {
      res.status(400).json(BAD_URL);
      return;
    }
    const type = (err as { type?: unknown }).type;
    if (type === "entity.parse.failed") {
      const e = invalidRequest([{ pointer: "", message: "is not valid JSON" }]);
      res.status(400).json({ error: { code: e.code, message: e.message, ...e.details } });
      return;
    }
    if (type === "entity.too.large") {
      res.status(413).json({
        error: { code: "invalid_request", message: "The request body is too large." },
      });
      return;
    }
    logger?.error({ event: "admin_api_error", err }, "admin API request failed");
    res.status(500).json({ error: { code: "internal", message: "Internal error." } });
  };
}

/** The answer to a URL whose path does not decode (e.g. `%ZZ`): the caller's mistake, not ours. */
export const BAD_URL = {
  error: {
    code: "bad_request",
    message: "The URL is not valid: a part of its path is not correctly percent-encoded (%XX).",
  },
};

/** Is this the router's failure to decode a path parameter? */
export function isBadUrl(err: unknown): boolean {
  return err instanceof URIError && (err as { status?: unknown }).status === 400;
}
