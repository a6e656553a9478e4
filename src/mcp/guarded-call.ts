import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ServerEntry } from "../config/snapshot.js";
import { applyRules } from "../guardrails/argument-rules.js";
import { auditArguments, type AuditEntry } from "../guardrails/audit-log.js";
import type { VerifiedCode } from "../guardrails/confirmation-code.js";
import { CONFIRM_ARGUMENT } from "../guardrails/narrow-tool.js";
import { describeRequest, plannedRequest } from "../guardrails/preview.js";
import type { GuardrailRuntime } from "../guardrails/runtime.js";
import type { ToolGuardrails } from "../guardrails/server-guardrails.js";
import type { Admission } from "../guardrails/write-budget.js";
import {
  callTool,
  planCall,
  sendPlan,
  type CallContext,
  type CallOutcome,
} from "../interpreter/call-tool.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import { targetBase } from "../interpreter/upstream-target.js";
import { errorResult } from "../interpreter/tool-result.js";

/** One call on its way through the guardrails. */
export interface GuardedCall {
  entry: ServerEntry;
  tool: CompiledTool;
  args: Record<string, unknown>;
  ctx: CallContext;
  client?: { name: string; version: string };
}

/**
 * Runs a call through the server's guardrails, in the order that sends nothing it should not:
 * argument rules (const values filled in), the confirmation code, validation and planning, then
 * for a write without a code the preview, else the budgets and the code's single use (one atomic
 * step of the store), and only then the request. Every write is audited, whatever its outcome.
 */
export async function guardedCall(
  call: GuardedCall,
  runtime: GuardrailRuntime,
): Promise<CallOutcome> {
  const { entry, tool } = call;
  const now = (runtime.now ?? Date.now)();
  const server = entry.config.name;
  const guard = entry.guardrails.tools.get(tool.name);
  if (!guard) return callTool(tool, call.args, { ...call.ctx, keyScope: { server, at: now } });

  let args = call.args;
  let code: unknown;
  if (guard.confirm) ({ [CONFIRM_ARGUMENT]: code, ...args } = call.args);
  let confirmed: VerifiedCode | undefined;
  const audit = (outcome: AuditEntry["outcome"], extra: Partial<AuditEntry> = {}) =>
    guard.isWrite
      ? runtime.audit.record({
          time: new Date(now).toISOString(),
          server,
          tool: tool.name,
          outcome,
          ...(confirmed ? { confirmed: true } : {}),
          ...extra,
          arguments: auditArguments(args, guard.ownSchema, {
            includeText: entry.guardrails.includeText,
            fixed: guard.rules.filter((r) => r.rule.const !== undefined).map((r) => r.argument),
          }),
          ...(call.client ? { client: call.client } : {}),
        })
      : Promise.resolve();
  const refuse = async (reason: string, message: string, facts: Record<string, unknown> = {}) => {
    const text = `${message}${message.includes("\n") ? "\n" : " "}Nothing was sent to PagerDuty.`;
    await audit("refused", { reason, message });
    return { result: errorResult(text, { type: "guardrail_refused", reason, ...facts }) };
  };

  const ruled = applyRules(guard.rules, args);
  if ("violations" in ruled)
    return refuse(
      "constraint",
      `This server's rules refuse the call to ${tool.name}:\n${ruled.violations.map((v) => `- ${v}`).join("\n")}`,
      { problems: ruled.violations },
    );
  args = ruled.args;

  const binding = {
    server,
    serverTokenSha256: entry.config.token_sha256,
    tool: tool.name,
    args,
  };
  if (code !== undefined) {
    const verified =
      typeof code === "string"
        ? runtime.codes.verify(code, binding, now)
        : { problem: "must be the code (a string) from the preview" };
    if ("problem" in verified)
      return refuse("confirmation", `The confirm code ${verified.problem}.`);
    confirmed = verified;
  }

  // A confirmed call derives its idempotency key as of its preview, so both plan the same request.
  const ctx: CallContext = { ...call.ctx, keyScope: { server, at: confirmed?.issuedAt ?? now } };
  const planned = await planCall(tool, args, ctx);
  if ("refused" in planned) {
    await audit("refused", { reason: "invalid_arguments", message: planned.problems.join("; ") });
    return planned.refused;
  }
  if (!guard.isWrite) return sendPlan(tool, planned.plan, args, ctx);

  const pending = guard.confirm && !confirmed;
  let admission: Admission = { ok: true };
  if (guard.limits.length > 0 || confirmed) {
    try {
      admission = await runtime.store.admit({
        limits: guard.limits,
        once: confirmed && { id: confirmed.id, expiresAt: confirmed.expiresAt },
        now,
        dryRun: pending,
      });
    } catch (e) {
      return refuse(
        "state_store",
        `The write budget state could not be read or saved (${(e as Error).message}), so no write is allowed until it can.`,
      );
    }
  }
  if (!admission.ok && admission.reason === "used")
    return refuse(
      "confirmation",
      "The confirm code was already used: each code performs one call. Call again without confirm to get a new preview and code.",
    );
  if (!admission.ok) {
    const seconds = Math.max(1, Math.ceil((admission.retryAt - now) / 1000));
    const retryAt = new Date(admission.retryAt).toISOString();
    return refuse(
      "write_limit",
      `This server's write budget is spent: ${admission.limit.label} (rule ${admission.limit.source}). The call will be allowed again at ${retryAt} (in ${seconds} seconds).`,
      { rule: admission.limit.source, retry_at: retryAt, retry_after_seconds: seconds },
    );
  }

  if (pending) {
    const { code: issued, expiresAt } = runtime.codes.issue(binding, now);
    const base = targetBase(tool, ctx.account, ctx.integration);
    const request = plannedRequest(planned.plan, base);
    await audit("previewed");
    return { result: previewResult(tool, guard, request, issued, expiresAt) };
  }

  const outcome = await sendPlan(tool, planned.plan, args, ctx);
  const failed = outcome.result.isError === true;
  await audit(failed ? "failed" : "succeeded", {
    ...(outcome.upstreamStatus === undefined ? {} : { upstream_status: outcome.upstreamStatus }),
    ...(failed ? { message: textOf(outcome.result) } : idOf(outcome.result)),
  });
  return outcome;
}

/** The answer to a write that needs confirmation: what would be sent, and the code. */
function previewResult(
  tool: CompiledTool,
  guard: ToolGuardrails,
  request: ReturnType<typeof plannedRequest>,
  code: string,
  expiresAt: number,
): CallToolResult {
  const until = new Date(expiresAt).toISOString();
  const words = [
    "PREVIEW ONLY: nothing was sent to PagerDuty. This server asks a person to approve each write.",
    "",
    describeRequest(tool.definition.title ?? tool.name, request),
    "",
    `Show this to the person. Only if they approve, call ${tool.name} again with exactly the same arguments plus confirm: "${code}". The code works once, for these arguments on this server only, until ${until}.`,
    ...(guard.limits.length > 0 ? [`The write budget is checked again when confirmed.`] : []),
  ].join("\n");
  const structured = {
    result: null,
    confirmation_required: true,
    preview: { tool: tool.name, request },
    confirm: code,
    expires_at: until,
  };
  return {
    content: [
      { type: "text", text: words },
      { type: "text", text: JSON.stringify(structured) },
    ],
    structuredContent: structured,
  };
}

/** PagerDuty's id of what a write created or changed, from the mapped result. */
function idOf(result: CallToolResult): { id?: string } {
  const mapped = (result.structuredContent as { result?: { id?: unknown } } | undefined)?.result;
  return mapped && typeof mapped === "object" && typeof mapped.id === "string"
    ? { id: mapped.id }
    : {};
}

function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text.slice(0, 500) : "";
}
