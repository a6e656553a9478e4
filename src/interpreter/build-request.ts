import { describeAjvErrors } from "../config/ajv.js";
import { ensureArgumentValidation } from "./compile-tool.js";
import type { CompiledTool } from "./compiled-tool.js";
import { withDerivedKey, type KeyScope } from "./idempotency-key.js";
import { FROM_EMAIL_ARGUMENT } from "./input-schema.js";

/** The upstream request a tool call turns into, before base URL and credentials are added. */
export interface RequestPlan {
  method: string;
  /** Path with parameters substituted and percent-encoded. */
  path: string;
  /** Ordered query pairs; arrays repeat the key (key[]=a&key[]=b, or key=a&key=b for style repeat). */
  query: Array<[string, string]>;
  /** Operation-specific headers (http.headers, the From header); defaults and auth are added by the caller. */
  headers: Record<string, string>;
  body?: unknown;
}

export type PlanResult = { plan: RequestPlan } | { problems: string[] };

/** Options for planning a call. */
export interface PlanOptions {
  /** The account's default From email, used when the call gives no from_email. */
  defaultFromEmail?: string;
  /** Name of the From header. Default "From". */
  fromHeader?: string;
  /** Server and time a tool's idempotency key is derived for; without it none is derived. */
  keyScope?: KeyScope;
}

/**
 * Validates arguments against the tool's schema and plans the upstream request: path parameters
 * encoded, query arrays repeated, a left-out idempotency key derived (with `keyScope`), the
 * wrapped body built by the resource's JSONata mapping. Nothing invalid leaves this function: any problem returns the full list instead of a plan.
 */
export async function planRequest(
  tool: CompiledTool,
  given: Record<string, unknown>,
  options: PlanOptions = {},
): Promise<PlanResult> {
  await ensureArgumentValidation();
  const problems: string[] = [];
  if (!tool.validate(given))
    problems.push(...describeAjvErrors(tool.validate.errors).map(argumentProblem));
  for (const where of loneSurrogates(given, ""))
    problems.push(
      `${where} contains a lone UTF-16 surrogate (half of a character such as an emoji): send well-formed Unicode text`,
    );
  if (problems.length > 0) return { problems };
  const args = withDerivedKey(tool, given, options.keyScope);

  let path = tool.pathTemplate;
  for (const p of tool.pathParams) {
    const value = String(args[p.arg]);
    // An id like "../users" must never change the path: dot segments are refused, the rest encoded.
    if (value === "" || value === "." || value === "..") {
      problems.push(`${p.arg} must be an ID, not "${value}"`);
      continue;
    }
    path = path.replace(`{${p.name}}`, encodeURIComponent(value));
  }

  const query: Array<[string, string]> = [];
  for (const q of tool.queryParams) {
    const value = args[q.arg];
    // A nullable query value given as null is left out: there is nothing to send.
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (q.style === "comma") query.push([q.name, value.map(String).join(",")]);
      else {
        const key = q.style === "repeat" ? q.name : `${q.name}[]`;
        for (const item of value) query.push([key, String(item)]);
      }
    } else {
      query.push([q.name, String(value)]);
    }
  }
  const page = tool.paginator.pageQuery(args);
  if ("problems" in page) problems.push(...page.problems);
  else query.push(...page.query);
  const pageBody = "problems" in page ? undefined : page.body;

  const headers: Record<string, string> = { ...tool.headers };
  if (tool.fromHeader !== "none") {
    const from = (args[FROM_EMAIL_ARGUMENT] as string | undefined) ?? options.defaultFromEmail;
    if (from) headers[options.fromHeader ?? "From"] = from;
    else if (tool.fromHeader === "required") {
      problems.push(
        `${FROM_EMAIL_ARGUMENT} is required: PagerDuty needs the email of the user this action is taken as, and this account has no default From email`,
      );
    }
  }

  if (problems.length > 0) return { problems };
  let body = tool.body ? await tool.body.evaluate(args) : undefined;
  if (pageBody) {
    // Paging sent in the body (analytics) sits beside the fields the body mapping built.
    if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body)))
      return {
        problems: ["the body mapping must build an object when paging travels in the body"],
      };
    body = { ...(body as Record<string, unknown> | undefined), ...pageBody };
  }
  if (tool.contentType !== undefined) {
    // A non-JSON body (CSV upload) is the text the mapping built, sent with its own media type.
    if (typeof body !== "string")
      return {
        problems: [`the body must be text for ${tool.contentType}: check the body mapping`],
      };
    headers["Content-Type"] = tool.contentType;
  }
  return { plan: { method: tool.httpMethod, path, query, headers, body } };
}

/** Where (argument paths) strings hold a lone surrogate, which no URL or PagerDuty can carry. */
function loneSurrogates(value: unknown, at: string): string[] {
  if (typeof value === "string") return /\p{Cs}/u.test(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => loneSurrogates(v, `${at}/${i}`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => loneSurrogates(v, at ? `${at}/${k}` : k));
  return [];
}

/** Phrases an ajv problem about the arguments object in the model's terms. */
function argumentProblem(p: { pointer: string; message: string }): string {
  const where = p.pointer.replace(/^\//, "");
  if (p.message.startsWith("is not a known property")) {
    const parent = where.lastIndexOf("/");
    return parent < 0
      ? `${where} is not an argument of this tool: remove it`
      : `${where} is not a field of ${where.slice(0, parent)}: remove it`;
  }
  return where ? `${where} ${p.message}` : p.message;
}

/** Renders query pairs as a query string (keys keep their literal [] suffix). */
export function renderQuery(query: Array<[string, string]>): string {
  if (query.length === 0) return "";
  return (
    "?" +
    query
      .map(([k, v]) => `${encodeURIComponent(k).replace(/%5B%5D$/, "[]")}=${encodeURIComponent(v)}`)
      .join("&")
  );
}
