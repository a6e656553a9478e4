import type { SimContext } from "../context.js";
import type { AuditRecord, Incident } from "../state.js";
import { DAY, HOUR, iso, MINUTE, ms } from "../time.js";
import { SEED_SERVICES, SEED_USERS } from "./directory.js";

const NOTES = [
  "Looking into it: the error rate started right after the 09:40 deploy.",
  "Rolled back to the previous release; watching the dashboards.",
  "Upstream provider confirmed a partial outage on their side.",
  "Customer support reports three tickets so far, all in eu-west-1.",
  "Failover done. Root cause still unknown, postmortem scheduled.",
  "Scaled the pool from 40 to 80 connections as a stopgap.",
];

/** Notes and status updates on a few incidents, written by their responders. */
export function seedNotes(ctx: SimContext, incidents: Incident[]): void {
  const s = ctx.state;
  const chosen = [
    ...incidents.filter((i) => i.status === "acknowledged"),
    ...incidents.filter((i) => i.status === "resolved").slice(-4),
  ].slice(0, NOTES.length);
  chosen.forEach((incident, n) => {
    const author = incident.acknowledgements[0]?.user_id ?? "PUSER01";
    const at = iso(ms(incident.created_at) + (12 + n) * MINUTE);
    s.notes.set(incident.id, [
      {
        id: `PNOTE${String(n + 1).padStart(2, "0")}`,
        incident_id: incident.id,
        user_id: author,
        content: NOTES[n],
        created_at: at,
        updated_at: at,
      },
    ]);
  });
  const open = chosen[0];
  if (open)
    s.statusUpdates.set(open.id, [
      {
        id: "PSTUP01",
        incident_id: open.id,
        user_id: open.acknowledgements[0]?.user_id ?? "PUSER01",
        message: "We are investigating elevated errors; next update in 30 minutes.",
        subject: null,
        html_message: null,
        created_at: iso(ms(open.created_at) + 20 * MINUTE),
      },
    ]);
}

/** Maintenance windows: one future, one past, one under way. */
export function seedMaintenanceWindows(ctx: SimContext, now: number): void {
  const s = ctx.state;
  const add = (
    id: string,
    description: string,
    start: number,
    hours: number,
    serviceId: string,
    userId: string,
  ) =>
    s.maintenanceWindows.set(id, {
      id,
      sequence_number: s.nextMaintenanceWindowNumber++,
      description,
      start_time: iso(start),
      end_time: iso(start + hours * HOUR),
      service_ids: [serviceId],
      created_by_user_id: userId,
    });
  add("PMW0002", "CDN provider migration", now - 5 * DAY, 3, "SNETEDG", "PUSER02");
  add("PMW0003", "Search cluster rolling upgrade", now - HOUR, 3, "SSEARCH", "PUSER04");
  add("PMW0001", "Database failover drill", now + 2 * DAY, 2, "SDBPRIM", "PUSER08");
}

/** Twelve deploys and config changes over the last three weeks. */
export function seedChangeEvents(ctx: SimContext, now: number): void {
  for (let n = 0; n < 12; n++) {
    const [serviceId, name] = SEED_SERVICES[n % SEED_SERVICES.length];
    const build = 4121 - n;
    ctx.state.changeEvents.push({
      id: ctx.newId("01", 24),
      summary:
        n % 4 === 3 ? `Config change: raise ${name} rate limits` : `Deploy ${name} build ${build}`,
      timestamp: iso(now - n * 1.7 * DAY - HOUR),
      service_ids: [serviceId],
      source: n % 4 === 3 ? "terraform-cloud" : "github-actions",
      custom_details: {
        build_number: build,
        build_state: "passed",
        commit: `a1b2c3d${n.toString(16)}`,
        author: SEED_USERS[n % SEED_USERS.length][2],
      },
      links: [
        {
          href: `https://github.com/acme/${serviceId.toLowerCase()}/actions/runs/${build}`,
          text: "Build",
        },
      ],
    });
  }
}

/** Thirty audit records over the last 20 hours (several cursor pages). */
export function seedAuditRecords(ctx: SimContext, now: number): void {
  const kinds: Array<
    [type: string, id: string, summary: string, field: string, before: string, after: string]
  > = [
    [
      "service_reference",
      "SAUTH1",
      "Authentication Service",
      "acknowledgement_timeout",
      "600",
      "1800",
    ],
    ["user_reference", "PUSER05", "Erin Evans", "job_title", "Engineer", "Backend engineer"],
    [
      "schedule_reference",
      "PNETINF",
      "Network Infrastructure",
      "description",
      "Network on-call",
      "Primary on-call for network and database incidents",
    ],
    ["escalation_policy_reference", "PEPNET", "Network Escalation", "num_loops", "0", "1"],
    [
      "team_reference",
      "PTEAMPL",
      "Platform",
      "description",
      "Platform",
      "Owns the customer-facing platform services",
    ],
  ];
  const actions: AuditRecord["action"][] = ["update", "update", "create", "update", "delete"];
  for (let n = 0; n < 30; n++) {
    const [type, id, summary, field, before, after] = kinds[n % kinds.length];
    const action = actions[n % actions.length];
    ctx.state.auditRecords.push({
      id: `PAUD${String(n + 1).padStart(4, "0")}`,
      execution_time: new Date(now - n * 40 * MINUTE - 60_000 - n * 137).toISOString(),
      action,
      root_resource: { id, type, summary },
      actor_user_id: SEED_USERS[n % 4][0],
      method_type: n % 3 === 0 ? "browser" : "api_token",
      fields:
        action === "update"
          ? [{ name: field, before_value: before, value: after }]
          : [{ name: "name", value: summary }],
    });
  }
}
