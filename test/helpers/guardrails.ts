import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AUDIT_FILE, createAuditLog, type AuditEntry } from "../../src/guardrails/audit-log.js";
import { createConfirmationCodes } from "../../src/guardrails/confirmation-code.js";
import { createFileStore } from "../../src/guardrails/file-store.js";
import type { GuardrailRuntime } from "../../src/guardrails/runtime.js";
import type { Simulator } from "../../src/simulator/index.js";

/** Guardrails as the service runs them (file store, audit file) in `stateDir`, with an optional clock. */
export function fileGuardrails(
  stateDir: string,
  options: { now?: () => number; key?: Buffer } = {},
): GuardrailRuntime {
  return {
    store: createFileStore(stateDir),
    codes: createConfirmationCodes(options.key ?? randomBytes(32)),
    audit: createAuditLog({ file: join(stateDir, AUDIT_FILE) }),
    now: options.now,
  };
}

/** The audit file's entries. */
export async function auditEntries(stateDir: string): Promise<AuditEntry[]> {
  const text = await readFile(join(stateDir, AUDIT_FILE), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

/** How many requests the simulator received with this method and path. */
export function received(sim: Simulator, method: string, path: string): number {
  return sim.requests.filter((r) => r.method === method && r.path === path).length;
}

/** A tool call's result, typed. */
export async function callRaw(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The first text content of a result. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}
