import { log, type SimContext } from "./context.js";
import type { Incident, SimulatorState } from "./state.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator, so every start has the same demo data. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const USERS = [
  ["PUSER01", "Alice Admin", "alice@example.com", "admin", "SRE lead"],
  ["PUSER02", "Bob Builder", "bob@example.com", "user", "Network engineer"],
  ["PUSER03", "Carol Chen", "carol@example.com", "user", "Network engineer"],
  ["PUSER04", "Dan Diaz", "dan@example.com", "user", "Backend engineer"],
  ["PUSER05", "Erin Evans", "erin@example.com", "user", "Backend engineer"],
  ["PUSER06", "Frank Fu", "frank@example.com", "limited_user", "Support engineer"],
  ["PUSER07", "Grace Gomez", "grace@example.com", "user", "Payments engineer"],
  ["PUSER08", "Hiro Hayashi", "hiro@example.com", "observer", "Engineering manager"],
] as const;

const SERVICES = [
  ["SAUTH1", "Authentication Service", "Login, sessions and tokens", "PEPAUTH", ["PTEAMPL"]],
  ["SPAYMT1", "Payments API", "Card payments and refunds", "PEPPAY", ["PTEAMPL"]],
  ["SNETEDG", "Network Edge", "Load balancers, CDN and DNS", "PEPNET", ["PTEAMNW"]],
  ["SSEARCH", "Search", "Product search cluster", "PEPAUTH", ["PTEAMPL"]],
  ["SNOTIFY", "Notifications", "Email, SMS and push delivery", "PEPAUTH", ["PTEAMPL"]],
  ["SDBPRIM", "Primary Database", "PostgreSQL primary and replicas", "PEPNET", ["PTEAMNW"]],
] as const;

const TITLES: Record<string, string[]> = {
  SAUTH1: [
    "Login error rate above 5%",
    "Token refresh latency p99 > 2s",
    "SAML IdP timeouts",
    "Session store memory high",
  ],
  SPAYMT1: [
    "Card authorization failures spiking",
    "Refund queue backlog > 1000",
    "Payment provider webhook errors",
  ],
  SNETEDG: [
    "Packet loss on edge-lb-2",
    "BGP session down with upstream ISP",
    "CDN origin 5xx rate high",
    "DNS resolution failures in eu-west",
  ],
  SSEARCH: ["Search cluster yellow", "Indexing lag above 10 minutes"],
  SNOTIFY: ["SMS delivery failures", "Email bounce rate high"],
  SDBPRIM: [
    "Replication lag above 60s",
    "Disk usage above 90% on db-3",
    "Connection pool exhausted",
  ],
};

/** Fills the state with a realistic account relative to `now`. */
export function seed(ctx: SimContext): void {
  const s: SimulatorState = ctx.state;
  const now = ctx.now().getTime();
  const rnd = random(42);

  s.teams.set("PTEAMPL", {
    id: "PTEAMPL",
    name: "Platform",
    description: "Owns the customer-facing platform services",
  });
  s.teams.set("PTEAMNW", {
    id: "PTEAMNW",
    name: "Network Operations",
    description: "Owns the network and data stores",
  });
  USERS.forEach(([id, name, email, role, job]) => {
    s.users.set(id, {
      id,
      name,
      email,
      role,
      job_title: job,
      time_zone: "Europe/London",
      team_ids: ["PUSER02", "PUSER03", "PUSER08"].includes(id) ? ["PTEAMNW"] : ["PTEAMPL"],
    });
  });
  s.currentUserId = "PUSER01";

  // Rotations started on a Monday four weeks ago; the Network Infrastructure turn is a day.
  const rotationStart = new Date(Math.floor((now - 28 * DAY) / DAY) * DAY).toISOString();
  s.schedules.set("PNETINF", {
    id: "PNETINF",
    name: "Network Infrastructure",
    description: "Primary on-call for network and database incidents",
    time_zone: "Europe/London",
    team_ids: ["PTEAMNW"],
    rotation: {
      start: rotationStart,
      turn_seconds: 86400,
      user_ids: ["PUSER02", "PUSER03", "PUSER08"],
    },
  });
  s.schedules.set("PPLATFM", {
    id: "PPLATFM",
    name: "Platform Primary",
    description: "Primary on-call for platform services",
    time_zone: "Europe/London",
    team_ids: ["PTEAMPL"],
    rotation: {
      start: rotationStart,
      turn_seconds: 7 * 86400,
      user_ids: ["PUSER04", "PUSER05", "PUSER07"],
    },
  });
  s.schedules.set("PPLATSE", {
    id: "PPLATSE",
    name: "Platform Secondary",
    description: "Backup on-call for platform services",
    time_zone: "America/New_York",
    team_ids: ["PTEAMPL"],
    rotation: {
      start: rotationStart,
      turn_seconds: 7 * 86400,
      user_ids: ["PUSER05", "PUSER07", "PUSER04"],
    },
  });

  s.escalationPolicies.set("PEPAUTH", {
    id: "PEPAUTH",
    name: "Platform Escalation",
    description: "Platform primary, then secondary, then the SRE lead",
    team_ids: ["PTEAMPL"],
    num_loops: 2,
    rules: [
      { id: "PRULE11", delay: 15, targets: [{ type: "schedule", id: "PPLATFM" }] },
      { id: "PRULE12", delay: 15, targets: [{ type: "schedule", id: "PPLATSE" }] },
      { id: "PRULE13", delay: 30, targets: [{ type: "user", id: "PUSER01" }] },
    ],
  });
  s.escalationPolicies.set("PEPNET", {
    id: "PEPNET",
    name: "Network Escalation",
    description: "Network on-call, then the engineering manager",
    team_ids: ["PTEAMNW"],
    num_loops: 1,
    rules: [
      { id: "PRULE21", delay: 10, targets: [{ type: "schedule", id: "PNETINF" }] },
      { id: "PRULE22", delay: 20, targets: [{ type: "user", id: "PUSER08" }] },
    ],
  });
  s.escalationPolicies.set("PEPPAY", {
    id: "PEPPAY",
    name: "Payments Escalation",
    description: "Payments engineer, then platform primary",
    team_ids: ["PTEAMPL"],
    num_loops: 0,
    rules: [
      { id: "PRULE31", delay: 10, targets: [{ type: "user", id: "PUSER07" }] },
      { id: "PRULE32", delay: 15, targets: [{ type: "schedule", id: "PPLATFM" }] },
    ],
  });

  SERVICES.forEach(([id, name, description, policy, teams]) => {
    s.services.set(id, {
      id,
      name,
      description,
      status: "active",
      escalation_policy_id: policy,
      team_ids: [...teams],
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      created_at: new Date(now - 400 * DAY).toISOString(),
    });
  });
  [
    ["PPRIO1", "P1", "Critical: customer-facing outage"],
    ["PPRIO2", "P2", "High: major degradation"],
    ["PPRIO3", "P3", "Moderate"],
    ["PPRIO4", "P4", "Low"],
    ["PPRIO5", "P5", "Informational"],
  ].forEach(([id, name, description], i) => {
    s.priorities.set(id, { id, name, description, order: (5 - i) * 64 });
  });

  // 48 incidents over the last 25 days plus 6 older ones; the newest are still open.
  const total = 54;
  for (let n = 0; n < total; n++) {
    const [serviceId, , , policyId] = SERVICES[Math.floor(rnd() * SERVICES.length)];
    const titles = TITLES[serviceId];
    const ageDays = n < 6 ? 40 + n * 7 : ((total - 1 - n) / (total - 6)) * 25;
    const created = now - ageDays * DAY - rnd() * 3 * HOUR - 5 * 60_000;
    const status: Incident["status"] =
      n >= total - 4
        ? "triggered"
        : n >= total - 8
          ? n % 2 === 0
            ? "acknowledged"
            : "triggered"
          : rnd() < 0.12
            ? "acknowledged"
            : "resolved";
    createSeedIncident(ctx, {
      serviceId,
      policyId,
      title: titles[Math.floor(rnd() * titles.length)],
      status,
      urgency: rnd() < 0.65 ? "high" : "low",
      priority: rnd() < 0.4 ? `PPRIO${1 + Math.floor(rnd() * 3)}` : null,
      created,
      alerts: 1 + Math.floor(rnd() * 3),
    });
  }

  const firstIncident = [...s.incidents.values()].find((i) => i.status === "acknowledged");
  if (firstIncident) {
    s.notes.set(firstIncident.id, [
      {
        id: "PNOTE01",
        incident_id: firstIncident.id,
        user_id: "PUSER04",
        content: "Looking into it: error rate started after the 09:40 deploy.",
        created_at: new Date(Date.parse(firstIncident.created_at) + 10 * 60_000).toISOString(),
      },
    ]);
  }

  s.maintenanceWindows.set("PMW0001", {
    id: "PMW0001",
    sequence_number: 1,
    description: "Database failover drill",
    start_time: new Date(now + 2 * DAY).toISOString(),
    end_time: new Date(now + 2 * DAY + 2 * HOUR).toISOString(),
    service_ids: ["SDBPRIM"],
    created_by_user_id: "PUSER08",
  });
  s.maintenanceWindows.set("PMW0002", {
    id: "PMW0002",
    sequence_number: 2,
    description: "CDN provider migration",
    start_time: new Date(now - 5 * DAY).toISOString(),
    end_time: new Date(now - 5 * DAY + 3 * HOUR).toISOString(),
    service_ids: ["SNETEDG"],
    created_by_user_id: "PUSER02",
  });

  for (let i = 0; i < 12; i++) {
    const service = SERVICES[i % SERVICES.length][0];
    s.changeEvents.push({
      id: `PCE${String(i).padStart(4, "0")}`,
      summary: `Deploy ${4100 + i} of ${SERVICES[i % SERVICES.length][1]}`,
      timestamp: new Date(now - i * 1.7 * DAY - HOUR).toISOString(),
      service_ids: [service],
      source: "github-actions",
      custom_details: { commit: `a1b2c3${i}`, author: USERS[i % USERS.length][2] },
    });
  }
  for (let i = 0; i < 30; i++) {
    const [id, name] = SERVICES[i % SERVICES.length];
    s.auditRecords.push({
      id: `PAUD${String(i).padStart(4, "0")}`,
      execution_time: new Date(now - i * 40 * 60_000 - 60_000).toISOString(),
      action: ["create", "update", "delete"][i % 3],
      root_resource: { id, type: "service_reference", summary: name },
      actor_user_id: USERS[i % USERS.length][0],
    });
  }
}

interface SeedIncident {
  serviceId: string;
  policyId: string;
  title: string;
  status: Incident["status"];
  urgency: Incident["urgency"];
  priority: string | null;
  created: number;
  alerts: number;
}

function createSeedIncident(ctx: SimContext, x: SeedIncident): void {
  const s = ctx.state;
  const number = s.nextIncidentNumber++;
  const id = `Q${String(number).padStart(3, "0")}${x.serviceId}SIM`.slice(0, 14);
  const created = new Date(x.created).toISOString();
  const acked = new Date(x.created + 4 * 60_000).toISOString();
  const resolved = new Date(x.created + 47 * 60_000).toISOString();
  const policy = s.escalationPolicies.get(x.policyId)!;
  const firstTarget = policy.rules[0].targets[0];
  const assignee =
    firstTarget.type === "user"
      ? firstTarget.id
      : s.schedules.get(firstTarget.id)!.rotation.user_ids[number % 3];
  const incident: Incident = {
    id,
    incident_number: number,
    title: x.title,
    description: x.title,
    status: x.status,
    urgency: x.urgency,
    service_id: x.serviceId,
    escalation_policy_id: x.policyId,
    priority_id: x.priority,
    assignee_ids: [assignee],
    acknowledgements: x.status === "triggered" ? [] : [{ user_id: assignee, at: acked }],
    incident_key: `${x.serviceId.toLowerCase()}-${number}`,
    details: `${x.title}. Runbook: https://runbooks.example.com/${x.serviceId.toLowerCase()}`,
    created_at: created,
    updated_at: x.status === "resolved" ? resolved : x.status === "acknowledged" ? acked : created,
    last_status_change_at:
      x.status === "resolved" ? resolved : x.status === "acknowledged" ? acked : created,
    resolved_at: x.status === "resolved" ? resolved : null,
  };
  s.incidents.set(id, incident);
  for (let a = 0; a < x.alerts; a++) {
    const alertId = `A${id.slice(1)}${a}`;
    s.alerts.set(alertId, {
      id: alertId,
      incident_id: id,
      status: x.status === "resolved" ? "resolved" : "triggered",
      severity: x.urgency === "high" ? "critical" : "warning",
      summary: a === 0 ? x.title : `${x.title} (host ${a + 1})`,
      alert_key: `${incident.incident_key}-${a}`,
      created_at: new Date(x.created + a * 60_000).toISOString(),
      body: {
        type: "alert_body",
        contexts: [
          {
            type: "link",
            href: `https://monitoring.example.com/${x.serviceId}`,
            text: "Dashboard",
          },
        ],
        details: {
          host: `${x.serviceId.toLowerCase()}-${a + 1}.prod`,
          metric: "error_rate",
          value: Math.round(5 + a * 3.5),
          threshold: 5,
        },
        cef_details: {
          client: "Datadog",
          severity: x.urgency === "high" ? "critical" : "warning",
          source_origin: `${x.serviceId.toLowerCase()}-${a + 1}.prod`,
          message: x.title,
          details: { region: a % 2 === 0 ? "eu-west-1" : "us-east-1" },
        },
      },
    });
  }
  log(ctx, id, "trigger_log_entry", "Triggered through the API.", null, created);
  log(ctx, id, "assign_log_entry", `Assigned to ${s.users.get(assignee)!.name}.`, null, created);
  log(
    ctx,
    id,
    "notify_log_entry",
    `Notified ${s.users.get(assignee)!.name} by email.`,
    null,
    created,
  );
  if (x.status !== "triggered")
    log(
      ctx,
      id,
      "acknowledge_log_entry",
      `Acknowledged by ${s.users.get(assignee)!.name}.`,
      assignee,
      acked,
    );
  if (x.status === "resolved")
    log(
      ctx,
      id,
      "resolve_log_entry",
      `Resolved by ${s.users.get(assignee)!.name}.`,
      assignee,
      resolved,
    );
}
