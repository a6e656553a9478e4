/**
 * The simulator's in-memory account. Records hold ids, not embedded objects: the routes render
 * PagerDuty's verbose shapes (references with summary/self/html_url) from them on every answer,
 * so a change is visible everywhere at once. Timestamps are ISO 8601 strings in UTC.
 */

/** A PagerDuty user; `email` is what the From header must name. */
export interface User {
  id: string;
  name: string;
  email: string;
  /** admin, user, limited_user, observer, owner, ... */
  role: string;
  job_title: string;
  time_zone: string;
  color: string;
  team_ids: string[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
}

export interface EscalationTarget {
  type: "user" | "schedule";
  id: string;
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description: string;
  /** Levels in order (level 1 first). */
  rules: Array<{ id: string; delay_minutes: number; targets: EscalationTarget[] }>;
  team_ids: string[];
  num_loops: number;
}

export interface Service {
  id: string;
  name: string;
  description: string;
  /** active, warning, critical, maintenance or disabled. */
  status: string;
  escalation_policy_id: string;
  team_ids: string[];
  /** Seconds, or null for never. */
  auto_resolve_timeout: number | null;
  /** Seconds, or null for never. */
  acknowledgement_timeout: number | null;
  /** The constant urgency of new incidents. */
  urgency: "high" | "low";
  created_at: string;
}

/** One rotation: users take turns of `turn_seconds` from `rotation_virtual_start`. */
export interface ScheduleLayer {
  id: string;
  name: string;
  start: string;
  end: string | null;
  rotation_virtual_start: string;
  turn_seconds: number;
  user_ids: string[];
}

export interface Schedule {
  id: string;
  name: string;
  description: string;
  time_zone: string;
  team_ids: string[];
  /** Lowest first: a later layer wins where it has someone on call (as in PagerDuty). */
  layers: ScheduleLayer[];
}

export interface Override {
  id: string;
  schedule_id: string;
  user_id: string;
  start: string;
  end: string;
}

export interface Priority {
  id: string;
  name: string;
  description: string;
  order: number;
  color: string;
}

export interface Alert {
  id: string;
  incident_id: string;
  status: "triggered" | "resolved";
  severity: "critical" | "error" | "warning" | "info";
  summary: string;
  alert_key: string;
  created_at: string;
  resolved_at: string | null;
  body: {
    type: "alert_body";
    contexts: unknown[];
    details: Record<string, unknown>;
    cef_details: Record<string, unknown>;
  };
}

/** Who did something: a user, or the service itself (integrations, timeouts). */
export interface Agent {
  type: "user" | "service";
  id: string;
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
  /** 1-based level of the policy the incident is at. */
  escalation_level: number;
  priority_id: string | null;
  /** Current assignees; PagerDuty clears them on resolve. */
  assignments: Array<{ user_id: string; at: string }>;
  acknowledgements: Array<{ user_id: string; at: string }>;
  incident_key: string;
  /** `body.details` as given at creation (a string or an object). */
  details: unknown;
  conference_bridge: { conference_number: string; conference_url: string } | null;
  created_at: string;
  updated_at: string;
  last_status_change_at: string;
  last_status_change_by: Agent;
  resolved_at: string | null;
  /** While set and in the future, the incident stays acknowledged; then it triggers again. */
  snoozed_until: string | null;
}

export interface Note {
  id: string;
  incident_id: string;
  user_id: string;
  content: string;
  created_at: string;
  updated_at: string;
}

export interface LogEntry {
  id: string;
  /** trigger_log_entry, assign_log_entry, notify_log_entry, acknowledge_log_entry, ... */
  type: string;
  incident_id: string;
  created_at: string;
  summary: string;
  agent: Agent;
  /** The channel type: api, web_trigger, auto, email, timeout, ... */
  channel: string;
  /** Users assigned (assign and escalate entries). */
  assignee_ids?: string[];
  /** Free text attached to the entry (the resolution of a resolve). */
  note?: string | null;
  event_details?: Record<string, unknown>;
}

export interface StatusUpdate {
  id: string;
  incident_id: string;
  user_id: string;
  message: string;
  subject: string | null;
  html_message: string | null;
  created_at: string;
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
  links: Array<{ href: string; text: string }>;
}

export interface AuditRecord {
  id: string;
  /** ISO timestamp with milliseconds, as PagerDuty writes audit records. */
  execution_time: string;
  action: "create" | "update" | "delete";
  /** type is a reference type such as service_reference or user_reference. */
  root_resource: { id: string; type: string; summary: string };
  actor_user_id: string;
  /** api_token, browser, oauth, identity_provider, ... */
  method_type: string;
  fields: Array<{ name: string; value: string; before_value?: string }>;
}

/** One way to reach a user. */
export interface ContactMethod {
  id: string;
  user_id: string;
  type:
    | "email_contact_method"
    | "phone_contact_method"
    | "sms_contact_method"
    | "push_notification_contact_method"
    | "whatsapp_contact_method";
  label: string;
  /** Email address, phone number (digits) or device. */
  address: string;
  /** Phone and SMS only. */
  country_code: number | null;
}

/** When and how a user is notified of an incident assigned to them. */
export interface NotificationRule {
  id: string;
  user_id: string;
  start_delay_in_minutes: number;
  urgency: "high" | "low";
  contact_method_id: string;
}

/** A request for more people (users or escalation policies) to join an incident. */
export interface ResponderRequest {
  incident_id: string;
  requester_id: string;
  message: string;
  requested_at: string;
  targets: Array<{ type: "user" | "escalation_policy"; id: string }>;
}

/** A business service: what customers see, supported by technical services. */
export interface BusinessService {
  id: string;
  name: string;
  description: string;
  point_of_contact: string;
  team_id: string | null;
}

export interface Tag {
  id: string;
  label: string;
}

export interface IncidentWorkflow {
  id: string;
  name: string;
  description: string;
  team_id: string | null;
  created_at: string;
}

export interface StatusPage {
  id: string;
  name: string;
  status_page_type: "public" | "private";
  url: string;
  published_at: string;
}

/**
 * Everything the simulator knows. Tests read it to check what really changed, e.g.
 * `state.incidents.get(id).status` or `state.notes.get(incidentId)`.
 */
export interface SimulatorState {
  users: Map<string, User>;
  teams: Map<string, Team>;
  escalationPolicies: Map<string, EscalationPolicy>;
  services: Map<string, Service>;
  schedules: Map<string, Schedule>;
  /** Schedule overrides by override id. */
  overrides: Map<string, Override>;
  priorities: Map<string, Priority>;
  /** Incidents by id, in creation order. */
  incidents: Map<string, Incident>;
  /** Alerts by id; `incident_id` says where each one is (merges move them). */
  alerts: Map<string, Alert>;
  /** Notes by incident id, oldest first. */
  notes: Map<string, Note[]>;
  /** Status updates by incident id, oldest first. */
  statusUpdates: Map<string, StatusUpdate[]>;
  /** Every incident's timeline, in the order things happened. */
  logEntries: LogEntry[];
  maintenanceWindows: Map<string, MaintenanceWindow>;
  changeEvents: ChangeEvent[];
  auditRecords: AuditRecord[];
  /** The user /users/me answers with (the owner of the API token). */
  currentUserId: string;
  nextIncidentNumber: number;
  nextMaintenanceWindowNumber: number;
  /** Contact methods and notification rules by id (each names its user). */
  contactMethods: Map<string, ContactMethod>;
  notificationRules: Map<string, NotificationRule>;
  /** Responder requests in the order they were made. */
  responderRequests: ResponderRequest[];
  /** A team member's role by `<team id>/<user id>` (membership itself is User.team_ids). */
  teamRoles: Map<string, "observer" | "responder" | "manager">;
  businessServices: Map<string, BusinessService>;
  tags: Map<string, Tag>;
  incidentWorkflows: Map<string, IncidentWorkflow>;
  statusPages: Map<string, StatusPage>;
}

/** A state with nothing in it (the simulator with `seed: false`). */
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
    statusUpdates: new Map(),
    logEntries: [],
    maintenanceWindows: new Map(),
    changeEvents: [],
    auditRecords: [],
    currentUserId: "",
    nextIncidentNumber: 1,
    nextMaintenanceWindowNumber: 1,
    contactMethods: new Map(),
    notificationRules: new Map(),
    responderRequests: [],
    teamRoles: new Map(),
    businessServices: new Map(),
    tags: new Map(),
    incidentWorkflows: new Map(),
    statusPages: new Map(),
  };
}
