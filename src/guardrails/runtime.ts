import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Logger } from "../logger.js";
import { AUDIT_FILE, createAuditLog, type AuditSink } from "./audit-log.js";
import { createConfirmationCodes, type ConfirmationCodes } from "./confirmation-code.js";
import { loadConfirmationKey } from "./confirmation-key.js";
import { createFileStore } from "./file-store.js";
import { createMemoryStore, type GuardrailStore } from "./guardrail-store.js";

/** What guardrails need from the running process: shared state, the code key, the audit. */
export interface GuardrailRuntime {
  store: GuardrailStore;
  codes: ConfirmationCodes;
  audit: AuditSink;
  /** Clock, epoch ms. Default Date.now. */
  now?: () => number;
}

/**
 * The service's guardrails: budgets and used codes in STATE_DIR (shared by replicas that share
 * it), codes signed with CONFIRMATION_KEY or the generated key file, the audit appended to
 * STATE_DIR/audit.jsonl and logged.
 */
export async function createGuardrailRuntime(options: {
  stateDir: string;
  confirmationKey?: string;
  logger?: Logger;
}): Promise<GuardrailRuntime> {
  const key = await loadConfirmationKey(options.stateDir, options.confirmationKey);
  return {
    store: createFileStore(options.stateDir),
    codes: createConfirmationCodes(key),
    audit: createAuditLog({ file: join(options.stateDir, AUDIT_FILE), logger: options.logger }),
  };
}

/**
 * Guardrails kept in memory, with a random key: for tests and embedding (createApp's default).
 * Budgets and codes do not survive a restart and are not shared; the audit goes to `logger` only.
 */
export function createMemoryGuardrails(logger?: Logger): GuardrailRuntime {
  return {
    store: createMemoryStore(),
    codes: createConfirmationCodes(randomBytes(32)),
    audit: createAuditLog({ logger }),
  };
}
