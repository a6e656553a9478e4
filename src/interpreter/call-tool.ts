import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Account } from "../config/accounts.js";
import type { LoadedIntegration } from "../config/snapshot.js";
import { AppError, UpstreamBodyTooLargeError, UpstreamError } from "../errors.js";
import type { Credentials } from "../upstream/credentials.js";
import { adviceFor, readErrorBody } from "../upstream/describe-error.js";
import type { HttpClient, HttpResponse } from "../upstream/http-client.js";
import { readRateLimit, retryAfter, type RateLimitInfo } from "../upstream/rate-limit.js";
import { planRequest, renderQuery, type RequestPlan } from "./build-request.js";
import type { CompiledTool } from "./compiled-tool.js";
import {
  boundedResult,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESULT_BYTES,
  narrowingAdvice,
} from "./result-size.js";
import { withDerivedKey, type KeyScope } from "./idempotency-key.js";
import { errorResult } from "./tool-result.js";
import { upstreamTarget } from "./upstream-target.js";

/** What a tool call needs besides its arguments. */
export interface CallContext {
  account: Account;
  integration: LoadedIntegration;
  http: HttpClient;
  credentials: Credentials;
  /** Server and time an idempotency key is derived for (none is derived without it). */
  keyScope?: KeyScope;
}

/** A tool result plus the upstream facts the HTTP layer and logs report. */
export interface CallOutcome {
  result: CallToolResult;
  /** Upstream HTTP status; undefined when nothing was sent. */
  upstreamStatus?: number;
  rateLimit?: RateLimitInfo;
}

/**
 * Runs one tool call: validate and plan (nothing invalid goes upstream), send once (never
 * retried), map the body with the resource's JSONata. Every failure becomes an isError result
 * that says what happened and what to change; only programming errors throw.
 */
export async function callTool(
  tool: CompiledTool,
  args: Record<string, unknown>,
  ctx: CallContext,
): Promise<CallOutcome> {
  const planned = await planCall(tool, args, ctx);
  return "plan" in planned ? sendPlan(tool, planned.plan, args, ctx) : planned.refused;
}

/**
 * Validates and plans a call without sending it: the plan, or the invalid-arguments result.
 * Guardrails plan first (to preview, count and audit a write), then send the same plan.
 */
export async function planCall(
  tool: CompiledTool,
  args: Record<string, unknown>,
  ctx: CallContext,
): Promise<{ plan: RequestPlan } | { refused: CallOutcome; problems: string[] }> {
  const planned = await planRequest(tool, args, {
    defaultFromEmail: ctx.account.fromEmail,
    fromHeader: ctx.integration.config.from_header,
    keyScope: ctx.keyScope,
  });
  if ("plan" in planned) return planned;
  const message = `Invalid arguments for ${tool.name}:\n${planned.problems.map((p) => `- ${p}`).join("\n")}`;
  return {
    refused: {
      result: errorResult(message, { type: "invalid_arguments", problems: planned.problems }),
    },
    problems: planned.problems,
  };
}

/** Sends a planned call once (never retried) and shapes the answer; `args` serve the paginator. */
export async function sendPlan(
  tool: CompiledTool,
  plan: RequestPlan,
  args: Record<string, unknown>,
  ctx: CallContext,
): Promise<CallOutcome> {
  const integration = ctx.integration.config;
  const isWrite = plan.method !== "GET";

  let response;
  try {
    const target = await upstreamTarget(tool, ctx.account, ctx.integration, ctx.credentials);
    response = await ctx.http({
      method: plan.method,
      url: new URL(target.base + plan.path + renderQuery(plan.query)),
      headers: { ...target.headers, ...plan.headers },
      body: serializeBody(tool, plan.body),
      timeoutMs: integration.timeout_ms ?? 10000,
      maxBodyBytes: integration.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const advice = [
      e instanceof UpstreamBodyTooLargeError ? narrowingAdvice(tool) : "",
      isWrite && e instanceof UpstreamError ? WRITE_NOT_RETRIED : "",
    ]
      .filter(Boolean)
      .join(" ");
    return {
      result: errorResult(`${e.message}.${advice ? ` ${advice}` : ""}`, {
        type: e.code,
        status: e instanceof UpstreamError ? e.status : undefined,
        ...e.details,
      }),
      upstreamStatus: e instanceof UpstreamBodyTooLargeError ? e.status : undefined,
    };
  }

  const rateLimit = readRateLimit(response.headers, integration.rate_limit_headers);
  if (response.status >= 200 && response.status < 300) {
    const unexpected = unexpectedBody(tool, response);
    if (unexpected) {
      const message = `${unexpected}. It cannot be read as an answer (a proxy or maintenance page?), so nothing can be concluded from it.${isWrite ? ` ${WRITE_NOT_RETRIED}` : " Try again later."}`;
      return {
        result: errorResult(message, { type: "upstream_error", status: response.status }),
        upstreamStatus: response.status,
        rateLimit,
      };
    }
    const structured = await mapBody(tool, response.body, args);
    return {
      result: boundedResult(
        tool,
        structured,
        integration.max_result_bytes ?? DEFAULT_MAX_RESULT_BYTES,
      ),
      upstreamStatus: response.status,
      rateLimit,
    };
  }

  const facts = await readErrorBody(response.status, response.body, ctx.integration);
  const said = [facts.message, ...facts.details].join(": ");
  if (response.status === 429) {
    const seconds = retryAfter(rateLimit);
    const message = `PagerDuty's rate limit was reached (HTTP 429: ${said}). Nothing was retried. Wait ${seconds} seconds before calling PagerDuty again.`;
    return {
      result: errorResult(message, {
        type: "rate_limited",
        status: 429,
        retry_after_seconds: seconds,
        limit: rateLimit?.limit,
        remaining: rateLimit?.remaining,
        reset_seconds: rateLimit?.resetSeconds,
      }),
      upstreamStatus: 429,
      rateLimit,
    };
  }
  const message = `PagerDuty answered HTTP ${response.status} to ${tool.name}: ${said}. ${adviceFor(response.status, isWrite)}${derivedKeyHint(tool, args, ctx)}`;
  return {
    result: errorResult(message, {
      type: "upstream_error",
      status: response.status,
      upstream_code: facts.code,
      upstream_errors: facts.details,
    }),
    upstreamStatus: response.status,
    rateLimit,
  };
}

const WRITE_NOT_RETRIED =
  "The write was not retried: check whether it took effect before calling again.";

/**
 * Says why a 2xx body is not the JSON the mapping expects: not JSON at all, JSON null or a
 * scalar, or nothing where the method promises a body. Undefined when it is fine.
 */
function unexpectedBody(tool: CompiledTool, response: HttpResponse): string | undefined {
  const { body, status } = response;
  const said = `PagerDuty answered HTTP ${status} to ${tool.name}`;
  if (body === undefined || body === "")
    return status === 204 || tool.emptyResult !== undefined
      ? undefined
      : `${said} with an empty body, not the JSON expected`;
  if (typeof body === "string") {
    const type = String(response.headers["content-type"] ?? "no Content-Type");
    return `${said} with a body that is not JSON (${type.slice(0, 60)}, ${response.bytes} bytes)`;
  }
  if (typeof body !== "object" || body === null)
    return `${said} with JSON ${body === null ? "null" : `of type ${typeof body}`}, not the object expected`;
  return undefined;
}

/** On a refused call that carried a derived key: that an identical earlier call may have succeeded. */
function derivedKeyHint(
  tool: CompiledTool,
  args: Record<string, unknown>,
  ctx: CallContext,
): string {
  const spec = tool.idempotencyKey;
  if (!spec || args[spec.argument] !== undefined) return "";
  const key = withDerivedKey(tool, args, ctx.keyScope)[spec.argument];
  if (key === undefined) return "";
  return ` This call carried ${spec.argument} "${key}", derived from the same ${spec.from.join(" and ")} within a ${spec.windowSeconds}-second window: if PagerDuty refused it as a duplicate, an identical call a moment ago already succeeded; find that result (e.g. list with ${spec.argument}) instead of calling again.`;
}

/** Shapes a 2xx body: lists become {result: [...], next_cursor}, everything else {result}. */
async function mapBody(
  tool: CompiledTool,
  body: unknown,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (body === undefined || body === "") return { result: tool.emptyResult ?? null };
  const mapped = await tool.mapping.evaluate(body);
  if (!tool.isList) return { result: mapped ?? null };
  const items = mapped === undefined ? [] : Array.isArray(mapped) ? mapped : [mapped];
  const page = { result: items, next_cursor: tool.paginator.nextCursor(body, args) };
  return tool.paginator.truncated?.(body) ? { ...page, truncated: true } : page;
}

/** JSON, or the text itself for a method with a non-JSON content_type (e.g. CSV). */
function serializeBody(tool: CompiledTool, body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return tool.contentType !== undefined && typeof body === "string" ? body : JSON.stringify(body);
}
