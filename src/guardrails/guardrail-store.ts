import { admit, emptyState, type Admission, type AdmitRequest } from "./write-budget.js";

/**
 * Where write budgets and used confirmation codes are kept. One operation, atomic across every
 * replica that shares the store: check the budgets and the code, then count and claim. A shared
 * store such as Redis fits behind it (a Lua script over sorted sets and SET NX PX).
 */
export interface GuardrailStore {
  admit(request: AdmitRequest): Promise<Admission>;
  /** Where the state lives, for logs ("memory", a directory). */
  readonly location: string;
}

/** A store in this process's memory: for tests and single-process use; forgotten on restart. */
export function createMemoryStore(): GuardrailStore {
  const state = emptyState();
  return {
    location: "memory",
    admit: async (request) => admit(state, request),
  };
}
