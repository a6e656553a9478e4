import type { LoadedIntegration } from "../config/snapshot.js";
import type { Expression } from "../interpreter/compile-expression.js";

/** What upstream said went wrong, read through the integration's error format. */
export interface UpstreamErrorFacts {
  status: number;
  message: string;
  code?: unknown;
  details: string[];
}

/** Reads upstream's error body (PagerDuty: {"error":{"message","code","errors"}}). */
export async function readErrorBody(
  status: number,
  body: unknown,
  integration: LoadedIntegration,
): Promise<UpstreamErrorFacts> {
  let message: unknown;
  let code: unknown;
  let details: unknown;
  if (body && typeof body === "object") {
    const f = integration.errorFormat;
    [message, code, details] = await Promise.all([
      safely(f.message, body),
      safely(f.code, body),
      safely(f.details, body),
    ]);
  } else if (typeof body === "string" && body.length > 0) {
    message = body;
  }
  const list = Array.isArray(details) ? details : details === undefined ? [] : [details];
  return {
    status,
    message: typeof message === "string" && message ? clip(message) : `HTTP ${status}`,
    code: typeof code === "string" ? clip(code) : typeof code === "number" ? code : undefined,
    details: list.slice(0, MAX_ERROR_DETAILS).map((d) => clip(String(d))),
  };
}

/** Upstream error texts are cut to this many characters, and to this many details. */
export const MAX_ERROR_TEXT = 300;
const MAX_ERROR_DETAILS = 10;

function clip(text: string): string {
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}… (cut)` : text;
}

/** An error body that does not fit the format must not turn one error into another. */
async function safely(expression: Expression | undefined, body: unknown): Promise<unknown> {
  try {
    return await expression?.evaluate(body);
  } catch {
    return undefined;
  }
}

/** What the caller should change, by status: the second half of every upstream error message. */
export function adviceFor(status: number, isWrite: boolean): string {
  if (status === 400) return "Fix the arguments PagerDuty names above and call again.";
  if (status === 401)
    return "The account's PagerDuty credentials are missing, wrong or revoked: the operator must fix the account; retrying will not help.";
  if (status === 402) return "The PagerDuty account's plan does not include this feature.";
  if (status === 403)
    return "The account's credentials are not allowed to do this (read-only key, missing scope or role): use another tool or ask the operator.";
  if (status === 404)
    return "Nothing has that ID: look the ID up with the matching list tool and call again.";
  if (status === 409)
    return "It conflicts with the current state (e.g. already resolved or a duplicate): read the current state first.";
  if (status >= 500) {
    return isWrite
      ? "PagerDuty failed on its side. The write was not retried: check whether it took effect before calling again."
      : "PagerDuty failed on its side; this is not caused by the arguments. Try again later.";
  }
  return "Check the arguments and call again.";
}
