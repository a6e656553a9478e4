import type { SimulatorState } from "../state.js";
import { DAY, iso } from "../time.js";

/** The user the simulator's API tokens act as (GET /users/me). */
export const SEED_CURRENT_USER_ID = "PUSER01";

/** Seeded users: id, name, email, role, job title, team, time zone, color. */
export const SEED_USERS = [
  [
    "PUSER01",
    "Alice Admin",
    "alice@example.com",
    "admin",
    "SRE lead",
    "PTEAMPL",
    "Europe/London",
    "purple",
  ],
  [
    "PUSER02",
    "Bob Builder",
    "bob@example.com",
    "user",
    "Network engineer",
    "PTEAMNW",
    "Europe/London",
    "green",
  ],
  [
    "PUSER03",
    "Carol Chen",
    "carol@example.com",
    "user",
    "Network engineer",
    "PTEAMNW",
    "America/New_York",
    "teal",
  ],
  [
    "PUSER04",
    "Dan Diaz",
    "dan@example.com",
    "user",
    "Backend engineer",
    "PTEAMPL",
    "America/Chicago",
    "red",
  ],
  [
    "PUSER05",
    "Erin Evans",
    "erin@example.com",
    "user",
    "Backend engineer",
    "PTEAMPL",
    "Europe/Berlin",
    "orange",
  ],
  [
    "PUSER06",
    "Frank Fu",
    "frank@example.com",
    "limited_user",
    "Support engineer",
    "PTEAMPL",
    "Asia/Singapore",
    "blue",
  ],
  [
    "PUSER07",
    "Grace Gomez",
    "grace@example.com",
    "user",
    "Payments engineer",
    "PTEAMPL",
    "America/Los_Angeles",
    "cayenne",
  ],
  [
    "PUSER08",
    "Hiro Hayashi",
    "hiro@example.com",
    "user",
    "Network team lead",
    "PTEAMNW",
    "Asia/Tokyo",
    "brown",
  ],
  [
    "PUSER09",
    "Ivy Ito",
    "ivy@example.com",
    "observer",
    "Engineering manager",
    "PTEAMPL",
    "Europe/London",
    "plum",
  ],
] as const;

/** Seeded services: id, name, description, escalation policy, team, urgency. */
export const SEED_SERVICES = [
  [
    "SAUTH1",
    "Authentication Service",
    "Login, sessions and API tokens",
    "PEPAUTH",
    "PTEAMPL",
    "high",
  ],
  ["SPAYMT1", "Payments API", "Card payments, refunds and payouts", "PEPPAY", "PTEAMPL", "high"],
  ["SNETEDG", "Network Edge", "Load balancers, CDN and DNS", "PEPNET", "PTEAMNW", "high"],
  ["SSEARCH", "Search", "Product search cluster and indexers", "PEPAUTH", "PTEAMPL", "low"],
  ["SNOTIFY", "Notifications", "Email, SMS and push delivery", "PEPAUTH", "PTEAMPL", "low"],
  ["SDBPRIM", "Primary Database", "PostgreSQL primary and replicas", "PEPNET", "PTEAMNW", "high"],
] as const;

/**
 * Users, teams, schedules, escalation policies, services and priorities, with fixed ids.
 * Rotations started 120 days before `now` at midnight UTC, so every seeded incident finds
 * someone on call and "now" always has an on-call.
 */
export function seedDirectory(s: SimulatorState, now: number): void {
  s.teams.set("PTEAMPL", {
    id: "PTEAMPL",
    name: "Platform",
    description: "Owns the customer-facing platform services",
  });
  s.teams.set("PTEAMNW", {
    id: "PTEAMNW",
    name: "Network Operations",
    description: "Owns the network edge and the data stores",
  });
  for (const [id, name, email, role, job_title, team, time_zone, color] of SEED_USERS)
    s.users.set(id, { id, name, email, role, job_title, time_zone, color, team_ids: [team] });
  s.currentUserId = SEED_CURRENT_USER_ID;

  const start = iso(Math.floor((now - 120 * DAY) / DAY) * DAY);
  const schedule = (
    id: string,
    name: string,
    description: string,
    time_zone: string,
    team: string,
    turnDays: number,
    user_ids: string[],
  ) =>
    s.schedules.set(id, {
      id,
      name,
      description,
      time_zone,
      team_ids: [team],
      layers: [
        {
          id: `L${id.slice(1)}`,
          name: "Layer 1",
          start,
          end: null,
          rotation_virtual_start: start,
          turn_seconds: turnDays * 86400,
          user_ids,
        },
      ],
    });
  schedule(
    "PNETINF",
    "Network Infrastructure",
    "Primary on-call for network and database incidents",
    "Europe/London",
    "PTEAMNW",
    1,
    ["PUSER02", "PUSER03", "PUSER08"],
  );
  schedule(
    "PPLATFM",
    "Platform Primary",
    "Primary on-call for the platform services",
    "Europe/London",
    "PTEAMPL",
    7,
    ["PUSER04", "PUSER05", "PUSER07"],
  );
  schedule(
    "PPLATSE",
    "Platform Secondary",
    "Backup on-call for the platform services",
    "America/New_York",
    "PTEAMPL",
    7,
    ["PUSER05", "PUSER07", "PUSER04"],
  );
  schedule(
    "PPAYONC",
    "Payments On-Call",
    "Payments engineers, twelve-hour turns",
    "America/Los_Angeles",
    "PTEAMPL",
    0.5,
    ["PUSER07", "PUSER04"],
  );

  const policy = (
    id: string,
    name: string,
    description: string,
    team: string,
    num_loops: number,
    rules: Array<[number, "user" | "schedule", string]>,
  ) =>
    s.escalationPolicies.set(id, {
      id,
      name,
      description,
      team_ids: [team],
      num_loops,
      rules: rules.map(([delay_minutes, type, target], n) => ({
        id: `PR${id.slice(3)}${n + 1}`,
        delay_minutes,
        targets: [{ type, id: target }],
      })),
    });
  policy(
    "PEPAUTH",
    "Platform Escalation",
    "Platform primary, then secondary, then the SRE lead",
    "PTEAMPL",
    2,
    [
      [15, "schedule", "PPLATFM"],
      [15, "schedule", "PPLATSE"],
      [30, "user", "PUSER01"],
    ],
  );
  policy(
    "PEPNET",
    "Network Escalation",
    "Network on-call, then the network team lead",
    "PTEAMNW",
    1,
    [
      [10, "schedule", "PNETINF"],
      [20, "user", "PUSER08"],
    ],
  );
  policy("PEPPAY", "Payments Escalation", "Payments on-call, then the SRE lead", "PTEAMPL", 0, [
    [10, "schedule", "PPAYONC"],
    [15, "user", "PUSER01"],
  ]);

  for (const [id, name, description, policyId, team, urgency] of SEED_SERVICES)
    s.services.set(id, {
      id,
      name,
      description,
      status: "active",
      escalation_policy_id: policyId,
      team_ids: [team],
      auto_resolve_timeout: 14400,
      acknowledgement_timeout: 1800,
      urgency,
      created_at: iso(now - 400 * DAY),
    });

  const priorities = [
    ["PPRIO1", "P1", "Critical: customer-facing outage", "a8171c"],
    ["PPRIO2", "P2", "High: major degradation for many customers", "eb6016"],
    ["PPRIO3", "P3", "Moderate: degradation with a workaround", "f9b406"],
    ["PPRIO4", "P4", "Low: minor issue, no customer impact", "2f3c4d"],
    ["PPRIO5", "P5", "Informational", "cccccc"],
  ];
  priorities.forEach(([id, name, description, color], n) =>
    s.priorities.set(id, { id, name, description, color, order: (priorities.length - n) * 64 }),
  );
}
