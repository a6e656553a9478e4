import { Router } from "express";
import type { SimContext } from "../context.js";
import { auditRecordRoutes } from "./audit-records.js";
import { catalogRoutes } from "./catalog.js";
import { changeEventRoutes } from "./change-events.js";
import { escalationPolicyRoutes } from "./escalation-policies.js";
import { escalationPolicyWriteRoutes } from "./escalation-policy-writes.js";
import { incidentAlertRoutes } from "./incident-alerts.js";
import { incidentCreateRoutes } from "./incident-create.js";
import { incidentMergeSnoozeRoutes } from "./incident-merge-snooze.js";
import { incidentNoteRoutes } from "./incident-notes.js";
import { incidentStatusUpdateRoutes } from "./incident-status-updates.js";
import { incidentUpdateRoutes } from "./incident-updates.js";
import { incidentRoutes } from "./incidents.js";
import { logEntryRoutes } from "./log-entries.js";
import { maintenanceWindowRoutes } from "./maintenance-windows.js";
import { onCallRoutes } from "./oncalls.js";
import { overrideRoutes } from "./overrides.js";
import { priorityRoutes } from "./priorities.js";
import { scheduleRoutes } from "./schedules.js";
import { serviceRoutes } from "./services.js";
import { teamRoutes } from "./teams.js";
import { responderRequestRoutes } from "./responder-requests.js";
import { teamMemberRoutes } from "./team-members.js";
import { userContactMethodRoutes } from "./user-contact-methods.js";
import { userNotificationRuleRoutes } from "./user-notification-rules.js";
import { userRoutes } from "./users.js";

/** Every REST route of the simulator, behind authentication. */
export function apiRoutes(ctx: SimContext): Router {
  const r = Router();
  for (const routes of [
    incidentRoutes,
    incidentCreateRoutes,
    incidentUpdateRoutes,
    incidentMergeSnoozeRoutes,
    incidentNoteRoutes,
    incidentAlertRoutes,
    incidentStatusUpdateRoutes,
    logEntryRoutes,
    serviceRoutes,
    userRoutes,
    teamRoutes,
    escalationPolicyRoutes,
    priorityRoutes,
    scheduleRoutes,
    overrideRoutes,
    onCallRoutes,
    maintenanceWindowRoutes,
    changeEventRoutes,
    auditRecordRoutes,
    // Generated tools the simulator serves (test/e2e/generated-tools.test.ts).
    userContactMethodRoutes,
    userNotificationRuleRoutes,
    responderRequestRoutes,
    escalationPolicyWriteRoutes,
    teamMemberRoutes,
    catalogRoutes,
  ])
    r.use(routes(ctx));
  return r;
}
