import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Account } from "../config/accounts.js";
import type { LoadedIntegration } from "../config/snapshot.js";
import { AppError, UpstreamError } from "../errors.js";
import type { Credentials } from "../upstream/credentials.js";
import { adviceFor, readErrorBody } from "../upstream/describe-error.js";
import type { HttpClient } from "../upstream/http-client.js";
import { readRateLimit, retryAfter, type RateLimitInfo } from "../upstream/rate-limit.js";
import { planRequest, renderQuery } from "./build-request.js";
import type { CompiledTool } from "./compiled-tool.js";
import { errorResult, successResult } from "./tool-result.js";
import { upstreamTarget } from "./upstream-target.js";

/** What a tool call needs besides its arguments. */
export interface CallContext {
  account: Account;
  integration: LoadedIntegration;
  http: HttpClient;
  credentials: Credentials;
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
  const integration = ctx.integration.config;
  const planned = await planRequest(tool, args, {
    defaultFromEmail: ctx.account.fromEmail,
    fromHeader: integration.from_header,
  });
  if ("problems" in planned) {
    const message = `Invalid arguments for ${tool.name}:\n${planned.problems.map((p) => `- ${p}`).join("\n")}`;
    return {
      result: errorResult(message, { type: "invalid_arguments", problems: planned.problems }),
    };
  }
  const { plan } = planned;
  const isWrite = plan.method !== "GET";

  let response;
  try {
    const target = await upstreamTarget(tool, ctx.account, ctx.integration, ctx.credentials);
    response = await ctx.http({
      method: plan.method,
      url: new URL(target.base + plan.path + renderQuery(plan.query)),
      headers: { ...target.headers, ...plan.headers },
      body: plan.body === undefined ? undefined : JSON.stringify(plan.body),
      timeoutMs: integration.timeout_ms ?? 10000,
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const advice =
      isWrite && e instanceof UpstreamError
        ? " The write was not retried: check whether it took effect before calling again."
        : "";
    return {
      result: errorResult(`${e.message}.${advice}`, {
        type: e.code,
        status: e instanceof UpstreamError ? e.status : undefined,
      }),
    };
  }

  const rateLimit = readRateLimit(response.headers, integration.rate_limit_headers);
  if (response.status >= 200 && response.status < 300) {
    return {
      result: successResult(await mapBody(tool, response.body, args)),
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
  const message = `PagerDuty answered HTTP ${response.status} to ${tool.name}: ${said}. ${adviceFor(response.status, isWrite)}`;
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
  return { result: items, next_cursor: tool.paginator.nextCursor(body, args) };
}
