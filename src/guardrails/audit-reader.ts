import { readFile } from "node:fs/promises";
import type { AuditEntry } from "./audit-log.js";

/** Which audit entries to read. */
export interface AuditQuery {
  server?: string;
  /** Epoch ms: only entries at or after it. */
  since?: number;
}

/**
 * Reads the audit file back, oldest first, filtered. Lines that are not audit entries (a torn
 * last line, a hand edit) are counted, not fatal. A missing file is an empty audit.
 */
export async function readAudit(
  file: string,
  query: AuditQuery = {},
): Promise<{ entries: AuditEntry[]; unreadable: number }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], unreadable: 0 };
    throw e;
  }
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let entry: AuditEntry;
    try {
      entry = JSON.parse(line) as AuditEntry;
    } catch {
      unreadable++;
      continue;
    }
    if (typeof entry?.time !== "string" || typeof entry.server !== "string") {
      unreadable++;
      continue;
    }
    if (query.server !== undefined && entry.server !== query.server) continue;
    if (query.since !== undefined && Date.parse(entry.time) < query.since) continue;
    entries.push(entry);
  }
  return { entries, unreadable };
}

/**
 * Reads --since: a duration back from `now` (30m, 24h, 7d) or an ISO 8601 date-time. Undefined
 * when it is neither.
 */
export function parseSince(value: string, now: number): number | undefined {
  const duration = /^(\d+)\s*(m|h|d)$/.exec(value.trim());
  if (duration) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[duration[2] as "m" | "h" | "d"];
    return now - Number(duration[1]) * unit;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}
