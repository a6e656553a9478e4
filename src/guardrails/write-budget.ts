import type { ToolWriteBudget } from "../config/types/server.js";

/** One budget: at most `limit` writes under `key` in any `windowMs`. */
export interface WindowLimit {
  /** Store key the writes are counted under: the server, or the server and one tool. */
  key: string;
  limit: number;
  windowMs: number;
  /** The budget in words: "3 per hour for this tool". */
  label: string;
  /** Where it is written, for refusals: write_limits.per_hour. */
  source: string;
}

const WINDOWS = [
  ["per_minute", 60_000, "minute"],
  ["per_hour", 3_600_000, "hour"],
  ["per_day", 86_400_000, "day"],
] as const;

/** The budgets that apply to one write tool of a server: the server's own, then the tool's. */
export function limitsFor(
  server: string,
  tool: string,
  serverBudget: ToolWriteBudget | undefined,
  toolBudget: ToolWriteBudget | undefined,
): WindowLimit[] {
  const limits: WindowLimit[] = [];
  for (const [field, windowMs, unit] of WINDOWS) {
    const all = serverBudget?.[field];
    if (all !== undefined)
      limits.push({
        key: `writes/${server}`,
        limit: all,
        windowMs,
        label: `${all} per ${unit} for all writes`,
        source: `write_limits.${field}`,
      });
    const own = toolBudget?.[field];
    if (own !== undefined)
      limits.push({
        key: `writes/${server}/${tool}`,
        limit: own,
        windowMs,
        label: `${own} per ${unit} for this tool`,
        source: `write_limits.tools.${tool}.${field}`,
      });
  }
  return limits;
}

/** The shared state of budgets and single-use codes, as every store keeps it. */
export interface GuardrailState {
  /** Epoch ms of the writes counted under each key, oldest first. */
  windows: Record<string, number[]>;
  /** Claimed single-use ids and when they may be forgotten (epoch ms). */
  used: Record<string, number>;
}

/** What a write asks the store for. */
export interface AdmitRequest {
  limits: WindowLimit[];
  /** A single-use id (a confirmation code) to claim in the same step. */
  once?: { id: string; expiresAt: number };
  now: number;
  /** Check only, record nothing (a preview). */
  dryRun?: boolean;
}

/** The store's answer. */
export type Admission =
  | { ok: true }
  | { ok: false; reason: "used" }
  | { ok: false; reason: "budget"; limit: WindowLimit; retryAt: number };

/**
 * The one decision every store makes atomically: refuse a used code, refuse when any budget is
 * spent (saying when its oldest counted write leaves the window), else count the write under
 * each key and claim the code. Entries older than every window in use, and codes past their
 * expiry, are dropped, so the state stays as small as the budgets. Mutates `state`.
 */
export function admit(state: GuardrailState, request: AdmitRequest): Admission {
  const { now } = request;
  for (const [id, until] of Object.entries(state.used)) if (until <= now) delete state.used[id];
  if (request.once && state.used[request.once.id] !== undefined)
    return { ok: false, reason: "used" };

  const longest = new Map<string, number>();
  for (const l of request.limits) longest.set(l.key, Math.max(longest.get(l.key) ?? 0, l.windowMs));
  for (const [key, windowMs] of longest) {
    const kept = (state.windows[key] ?? []).filter((t) => t > now - windowMs);
    if (kept.length > 0) state.windows[key] = kept;
    else delete state.windows[key];
  }
  let refusal: Admission | undefined;
  for (const l of request.limits) {
    // Sorted: replicas append with their own clocks.
    const inWindow = (state.windows[l.key] ?? [])
      .filter((t) => t > now - l.windowMs)
      .sort((a, b) => a - b);
    if (inWindow.length < l.limit) continue;
    // The call fits again once enough of the counted writes have left the window.
    const retryAt = inWindow[inWindow.length - l.limit] + l.windowMs;
    if (
      !refusal ||
      (refusal.ok === false && refusal.reason === "budget" && retryAt > refusal.retryAt)
    )
      refusal = { ok: false, reason: "budget", limit: l, retryAt };
  }
  if (refusal) return refusal;
  if (request.dryRun) return { ok: true };
  for (const key of longest.keys()) (state.windows[key] ??= []).push(now);
  if (request.once) state.used[request.once.id] = request.once.expiresAt;
  return { ok: true };
}

/** A state with nothing counted. */
export function emptyState(): GuardrailState {
  return { windows: {}, used: {} };
}
