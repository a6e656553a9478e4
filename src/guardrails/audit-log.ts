import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { ToolInputSchema } from "../interpreter/input-schema.js";
import type { Logger } from "../logger.js";

/** The audit file's name inside the state directory. */
export const AUDIT_FILE = "audit.jsonl";

/** What happened to one write call. */
export type AuditOutcome = "succeeded" | "failed" | "refused" | "previewed";

/** One audited write call: one JSON line. Never holds a secret or (by default) free text. */
export interface AuditEntry {
  time: string;
  server: string;
  tool: string;
  outcome: AuditOutcome;
  /** Why a call was refused: constraint, write_limit, confirmation, invalid_arguments, state_store. */
  reason?: string;
  /** The refusal or failure in words. */
  message?: string;
  /** The call carried a valid confirmation code. */
  confirmed?: boolean;
  upstream_status?: number;
  /** PagerDuty's id of what the write created or changed. */
  id?: string;
  arguments: Record<string, unknown>;
  client?: { name: string; version: string };
}

/** Where audit entries go. */
export interface AuditSink {
  /** Resolves once the entry is written (a failure to write is logged, never thrown). */
  record(entry: AuditEntry): Promise<void>;
}

/**
 * Arguments as the audit keeps them: values with a fixed shape (enums, patterns such as IDs,
 * formats such as dates and emails, numbers, booleans) and the server's fixed values as they
 * are; free text as its length only, unless `includeText`. The confirmation code is left out
 * (the entry says `confirmed`).
 */
export function auditArguments(
  args: Record<string, unknown>,
  schema: ToolInputSchema,
  options: { includeText: boolean; fixed: string[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name === "confirm") continue;
    if (options.fixed.includes(name)) {
      out[name] = value;
      continue;
    }
    const property = schema.properties[name] as Record<string, unknown> | undefined;
    const shape = (property?.type === "array" ? property.items : property) as
      Record<string, unknown> | undefined;
    const free = !shape || !(shape.enum || shape.pattern || shape.format || shape.const);
    if (options.includeText || !free) out[name] = value;
    else if (typeof value === "string") out[name] = { length: value.length };
    else if (Array.isArray(value))
      out[name] = value.map((v) => (typeof v === "string" ? { length: v.length } : v));
    else if (value !== null && typeof value === "object")
      out[name] = { length: JSON.stringify(value).length };
    else out[name] = value;
  }
  return out;
}

/**
 * The audit trail: each entry is appended as one line to `file` (JSON lines; opened per entry,
 * so the file can be rotated by moving it away) and logged as event write_audit. Appends are
 * single writes in O_APPEND mode, whole lines even when replicas share the file on a local disk.
 */
export function createAuditLog(options: { file?: string; logger?: Logger }): AuditSink {
  let ready: Promise<unknown> | undefined;
  return {
    async record(entry) {
      options.logger?.info({ event: "write_audit", ...entry }, `write ${entry.outcome}`);
      if (!options.file) return;
      try {
        await (ready ??= mkdir(dirname(options.file), { recursive: true, mode: 0o700 }));
        await appendFile(options.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      } catch (e) {
        options.logger?.error(
          { event: "audit_write_error", error: (e as Error).message },
          "could not append to the audit file",
        );
      }
    },
  };
}
