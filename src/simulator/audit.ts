import type { SimContext } from "./context.js";
import type { AuditRecord } from "./state.js";

/**
 * Writes an audit record for a change made through the API, as PagerDuty does for users, teams,
 * schedules, escalation policies and services. The actor is the API token's user.
 */
export function recordAudit(
  ctx: SimContext,
  action: AuditRecord["action"],
  root: AuditRecord["root_resource"],
  fields: AuditRecord["fields"] = [],
): void {
  ctx.state.auditRecords.push({
    id: ctx.newId("PD", 12),
    execution_time: ctx.now().toISOString(),
    action,
    root_resource: root,
    actor_user_id: ctx.state.currentUserId,
    method_type: "api_token",
    fields,
  });
}
