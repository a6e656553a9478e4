/** A PagerDuty reference as the API writes it inside other objects. */
export interface Reference {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
  role: string;
  job_title: string;
  time_zone: string;
  team_ids: string[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description: string;
  /** Each rule targets schedules or users, in order. */
  rules: Array<{
    id: string;
    delay: number;
    targets: Array<{ type: "schedule" | "user"; id: string }>;
  }>;
  team_ids: string[];
  num_loops: number;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  status: string;
  escalation_policy_id: string;
  team_ids: string[];
  auto_resolve_timeout: number | null;
  acknowledgement_timeout: number | null;
  created_at: string;
}

export interface Schedule {
  id: string;
  name: string;
  description: string;
  time_zone: string;
  team_ids: string[];
  /** One rotation layer: users take turns for `turn_seconds`, starting at `start`. */
  rotation: { start: string; turn_seconds: number; user_ids: string[] };
}

export interface Override {
  id: string;
  schedule_id: string;
  user_id: string;
  start: string;
  end: string;
}

export interface Alert {
  id: string;
  incident_id: string;
  status: string;
  severity: string;
  summary: string;
  alert_key: string;
  created_at: string;
  body: {
    type: string;
    contexts: unknown[];
    details: Record<string, unknown>;
    cef_details: Record<string, unknown>;
  };
}

export interface Incident {
  id: string;
  incident_number: number;
  title: string;
  description: string;
  status: "triggered" | "acknowledged" | "resolved";
  urgency: "high" | "low";
  service_id: string;
  escalation_policy_id: string;
  priority_id: string | null;
  assignee_ids: string[];
  acknowledgements: Array<{ user_id: string; at: string }>;
  incident_key: string;
  details: string | null;
  created_at: string;
  updated_at: string;
  last_status_change_at: string;
  resolved_at: string | null;
}

export interface Note {
  id: string;
  incident_id: string;
  user_id: string;
  content: string;
  created_at: string;
}

export interface LogEntry {
  id: string;
  type: string;
  incident_id: string;
  created_at: string;
  summary: string;
  agent_user_id: string | null;
  channel: string;
}

export interface MaintenanceWindow {
  id: string;
  sequence_number: number;
  description: string;
  start_time: string;
  end_time: string;
  service_ids: string[];
  created_by_user_id: string;
}

export interface ChangeEvent {
  id: string;
  summary: string;
  timestamp: string;
  service_ids: string[];
  source: string;
  custom_details: Record<string, unknown>;
}

export interface AuditRecord {
  id: string;
  execution_time: string;
  action: string;
  root_resource: { id: string; type: string; summary: string };
  actor_user_id: string;
}

export interface Priority {
  id: string;
  name: string;
  description: string;
  order: number;
}

/**
 * Everything the simulator knows, in memory. Tests read it to check what a tool really changed
 * (e.g. `state.notes.get(incidentId)`).
 */
export interface SimulatorState {
  users: Map<string, User>;
  teams: Map<string, Team>;
  escalationPolicies: Map<string, EscalationPolicy>;
  services: Map<string, Service>;
  schedules: Map<string, Schedule>;
  overrides: Map<string, Override>;
  priorities: Map<string, Priority>;
  incidents: Map<string, Incident>;
  alerts: Map<string, Alert>;
  /** Notes by incident id, oldest first. */
  notes: Map<string, Note[]>;
  logEntries: LogEntry[];
  maintenanceWindows: Map<string, MaintenanceWindow>;
  changeEvents: ChangeEvent[];
  auditRecords: AuditRecord[];
  /** The user /users/me answers with (whose API token this is). */
  currentUserId: string;
  nextIncidentNumber: number;
}

export function emptyState(): SimulatorState {
  return {
    users: new Map(),
    teams: new Map(),
    escalationPolicies: new Map(),
    services: new Map(),
    schedules: new Map(),
    overrides: new Map(),
    priorities: new Map(),
    incidents: new Map(),
    alerts: new Map(),
    notes: new Map(),
    logEntries: [],
    maintenanceWindows: new Map(),
    changeEvents: [],
    auditRecords: [],
    currentUserId: "",
    nextIncidentNumber: 1,
  };
}
