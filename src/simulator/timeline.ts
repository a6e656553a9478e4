import type { SimContext } from "./context.js";
import type { Agent, Incident, LogEntry } from "./state.js";
import { iso } from "./time.js";

/** What a new log entry says; the id, incident and time are filled in. */
export type LogEntryInput = Omit<LogEntry, "id" | "incident_id" | "created_at">;

/** Appends an entry to an incident's timeline at `at` (epoch ms). */
export function addLogEntry(
  ctx: SimContext,
  incident: Incident,
  at: number,
  entry: LogEntryInput,
): LogEntry {
  const full: LogEntry = {
    id: ctx.newId("R", 13),
    incident_id: incident.id,
    created_at: iso(at),
    ...entry,
  };
  ctx.state.logEntries.push(full);
  return full;
}

/** Logs an assignment and the notification PagerDuty sends each new assignee. */
export function logAssignment(
  ctx: SimContext,
  incident: Incident,
  at: number,
  userIds: string[],
  agent: Agent,
  channel: string,
  type: "assign_log_entry" | "escalate_log_entry" = "assign_log_entry",
): void {
  if (userIds.length === 0) return;
  const names = userIds.map((id) => ctx.state.users.get(id)?.name ?? id).join(", ");
  addLogEntry(ctx, incident, at, {
    type,
    summary:
      type === "assign_log_entry"
        ? `Assigned to ${names}.`
        : `Escalated to level ${incident.escalation_level}: ${names}.`,
    agent,
    channel,
    assignee_ids: userIds,
  });
  for (const id of userIds) {
    const user = ctx.state.users.get(id);
    addLogEntry(ctx, incident, at, {
      type: "notify_log_entry",
      summary: `Notified ${user?.name ?? id} by email (${user?.email ?? "unknown"}).`,
      agent: { type: "user", id },
      channel: "auto",
    });
  }
}
