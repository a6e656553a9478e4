import type { SpecOperation } from "./openapi-document.js";
import type { PlannedMethod } from "./resource-plan.js";

/**
 * Operations that reach people or systems outside PagerDuty: they page or notify responders,
 * publish to status pages or subscribers, or call out to a webhook. Their tools carry
 * openWorldHint so clients can ask before calling them.
 */
const REACHES_PEOPLE = new Set([
  "updateIncidents",
  "createIncidentResponderRequest",
  "createIncidentNotificationSubscribers",
  "createBusinessServiceNotificationSubscribers",
  "createTeamNotificationSubscriptions",
  "createUserNotificationSubscriptions",
  "createStatusPagePost",
  "updateStatusPagePost",
  "createStatusPagePostUpdate",
  "updateStatusPagePostUpdate",
  "createOrUpdateStatusPagePostmortem",
  "createIncidentWorkflowInstance",
  "createAutomationActionInvocation",
  "testWebhookSubscription",
  "createChangeEvent",
  "updateIncidentAlerts",
  "updateIncidentAlert",
]);

/** Custom verbs that lose or revoke something, beside HTTP DELETE. */
const DESTRUCTIVE_VERBS = new Set([
  "unsubscribe",
  "disassociate",
  "cancel",
  "regenerate_private_url_key",
  "dismiss",
  "delete_all",
  "merge",
]);

/** POST operations that only compute an answer. */
const POST_READS = new Set(["preview", "query", "render"]);

/** The kind the method key does not already imply, if any. */
export function kindOverride(plan: PlannedMethod): "read" | undefined {
  const implied = ["list", "get"].includes(plan.key);
  if (implied) return undefined;
  if (plan.op.method === "GET" || POST_READS.has(plan.key)) return "read";
  return undefined;
}

/** Whether the tool only reads (by method key or by override). */
export function isRead(plan: PlannedMethod): boolean {
  return ["list", "get"].includes(plan.key) || kindOverride(plan) === "read";
}

/** MCP hints beyond the interpreter's defaults (reads read-only, deletes destructive). */
export function annotationsFor(plan: PlannedMethod): Record<string, boolean> | undefined {
  const op: SpecOperation = plan.op;
  const hints: Record<string, boolean> = {};
  if (isRead(plan) && !["list", "get"].includes(plan.key)) {
    hints.readOnlyHint = true;
    hints.destructiveHint = false;
  }
  if (!isRead(plan) && (op.method === "DELETE" || DESTRUCTIVE_VERBS.has(plan.key)))
    hints.destructiveHint = true;
  if (op.method === "PUT" || op.method === "DELETE") hints.idempotentHint = true;
  if (REACHES_PEOPLE.has(op.operationId)) hints.openWorldHint = true;
  return Object.keys(hints).length > 0 ? hints : undefined;
}

/** Spec tags (Title Case) to the tags servers filter on; the rest become snake_case. */
const TAGS: Record<string, string[]> = {
  Incidents: ["incidents"],
  "Incident Types": ["incidents"],
  "Incident Custom Fields": ["incidents"],
  "Incident Workflows": ["incident_workflows"],
  Users: ["users"],
  "OAuth Delegations": ["users"],
  Teams: ["teams"],
  Schedules: ["schedules", "oncall"],
  Schedules_v3: ["schedules"],
  "On-Calls": ["oncall"],
  "Escalation Policies": ["escalation_policies", "oncall"],
  Services: ["services"],
  "Service Custom Fields": ["services"],
  "Service Dependencies": ["services", "business_services"],
  "Business Services": ["business_services"],
  "Log Entries": ["log_entries"],
  "Maintenance Windows": ["maintenance"],
  "Change Events": ["changes"],
  Audit: ["audit"],
  Priorities: ["priorities"],
  "Status Pages": ["status_pages"],
  "Status Dashboards": ["status_pages"],
};

/** Our tags for an operation. */
export function tagsFor(op: SpecOperation): string[] {
  return op.tags.flatMap(
    (t) =>
      TAGS[t] ?? [
        t
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "_")
          .replace(/^_|_$/g, ""),
      ],
  );
}
