import type { SimContext } from "../context.js";
import { createIncident, type NewAlert } from "../create-incident.js";
import { acknowledge, resolve, snooze } from "../incident-actions.js";
import type { Incident } from "../state.js";
import { DAY, HOUR, MINUTE } from "../time.js";
import { SEED_SERVICES } from "./directory.js";

/** Per service: incident titles, with the monitor check and metric each one alerts on. */
const PROBLEMS: Record<
  string,
  Array<[title: string, check: string, metric: string, value: number, threshold: number]>
> = {
  SAUTH1: [
    ["Login error rate above 5%", "auth.login.errors", "error_rate", 7.4, 5],
    ["Token refresh latency p99 above 2s", "auth.token.refresh", "latency_p99_ms", 2830, 2000],
    ["SAML IdP timeouts", "auth.saml.timeouts", "error_rate", 41, 10],
    ["Session store memory above 90%", "redis.memory", "memory_used_pct", 93.2, 90],
  ],
  SPAYMT1: [
    ["Card authorization failures spiking", "payments.authorizations", "error_rate", 12.5, 3],
    ["Refund queue backlog above 1000", "payments.refunds.queue", "queue_depth", 1840, 1000],
    ["Payment provider webhook errors", "payments.webhooks", "error_rate", 6.3, 2],
  ],
  SNETEDG: [
    ["Packet loss on edge-lb-2", "net.lb.edge-lb-2", "packet_loss_pct", 4.1, 1],
    ["BGP session down with upstream ISP", "net.bgp.sessions", "sessions_down", 1, 0],
    ["CDN origin 5xx rate high", "cdn.origin", "error_rate", 8.8, 2],
    ["DNS resolution failures in eu-west-1", "dns.resolution", "error_rate", 3.2, 0.5],
  ],
  SSEARCH: [
    ["Search cluster health is yellow", "es.cluster.health", "unassigned_shards", 14, 0],
    ["Indexing lag above 10 minutes", "search.indexer", "lag_seconds", 930, 600],
  ],
  SNOTIFY: [
    ["SMS delivery failures", "notify.sms.delivery", "error_rate", 9.3, 2],
    ["Email bounce rate high", "notify.email.bounces", "bounce_rate", 6.1, 3],
  ],
  SDBPRIM: [
    ["Replication lag above 60s", "pg.replication", "lag_seconds", 184, 60],
    ["Disk usage above 90% on db-3", "disk.db-3", "disk_used_pct", 93.7, 90],
    ["Connection pool exhausted", "pg.pool", "waiting_clients", 212, 0],
  ],
};

const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-1"];
/** Incidents in the default 30-day window, and older ones outside it. */
const RECENT = 48;
const OLD = 6;

/**
 * The newest incidents, newest first: service, problem (index in PROBLEMS), status, priority,
 * urgency (default: the service's, sometimes flipped). Older incidents are random and resolved.
 */
const RECENT_SCRIPT: Array<[string, number, Incident["status"], string | null, ("high" | "low")?]> =
  [
    ["SAUTH1", 1, "triggered", "PPRIO2", "high"],
    ["SPAYMT1", 2, "triggered", null],
    ["SDBPRIM", 2, "acknowledged", "PPRIO3"],
    ["SNETEDG", 3, "triggered", "PPRIO2", "high"],
    ["SNOTIFY", 0, "triggered", null],
    ["SSEARCH", 1, "acknowledged", null],
    ["SNETEDG", 0, "acknowledged", null],
    ["SPAYMT1", 0, "resolved", "PPRIO1", "high"],
    ["SDBPRIM", 0, "resolved", null],
    ["SAUTH1", 0, "acknowledged", "PPRIO2", "high"],
  ];
/** Which of the newest incidents is snoozed (until three hours from now). */
const SNOOZED = 6;

/**
 * 54 incidents: 48 spread over the last 25 days (the newest still open) and 6 between 40 and 75
 * days old, each with 1–3 alerts carrying custom details and the log entries of its life.
 */
export function seedIncidents(ctx: SimContext, now: number, random: () => number): Incident[] {
  const ages = [
    ...Array.from({ length: OLD }, (_, n) => (40 + n * 7) * DAY),
    ...Array.from({ length: RECENT }, (_, n) => (n / (RECENT - 1)) * 25 * DAY),
  ].sort((a, b) => b - a);
  const created: Incident[] = [];
  ages.forEach((age, n) => {
    const newest = ages.length - 1 - n;
    // Random draws happen for every incident, scripted or not, so the rest stays the same.
    const randomService = SEED_SERVICES[Math.floor(random() * SEED_SERVICES.length)];
    const problemDraw = random();
    const at = now - age - Math.floor(random() * 3 * HOUR) - 5 * MINUTE;
    const urgencyDraw = random();
    const roll = random();
    const script = RECENT_SCRIPT[newest];
    const serviceId = script?.[0] ?? randomService[0];
    const serviceUrgency = SEED_SERVICES.find((x) => x[0] === serviceId)![5];
    const problems = PROBLEMS[serviceId];
    const [title, check, metric, value, threshold] =
      problems[script ? script[1] : Math.floor(problemDraw * problems.length)];
    const urgency =
      script?.[4] ??
      (urgencyDraw < 0.25 ? (serviceUrgency === "high" ? "low" : "high") : serviceUrgency);
    const randomPriority =
      urgency === "high"
        ? roll < 0.2
          ? "PPRIO1"
          : roll < 0.45
            ? "PPRIO2"
            : roll < 0.6
              ? "PPRIO3"
              : null
        : roll < 0.2
          ? "PPRIO4"
          : roll < 0.3
            ? "PPRIO5"
            : null;
    const priority = script ? script[3] : randomPriority;
    const region = REGIONS[Math.floor(random() * REGIONS.length)];
    const slug = serviceId.toLowerCase();
    const alertCount = 1 + Math.floor(random() * 3);
    const alerts: NewAlert[] = Array.from({ length: alertCount }, (_, a) => {
      const host = `${slug}-${region}-${a + 1}.prod.acme.internal`;
      const observed = Math.round(value * (1 + a * 0.07) * 10) / 10;
      return {
        summary: a === 0 ? title : `${title} (${host})`,
        severity: urgency === "high" ? (a === 0 ? "critical" : "error") : "warning",
        offset_minutes: a * 2,
        details: {
          host,
          check,
          metric,
          observed_value: observed,
          threshold,
          region,
          environment: "production",
          runbook: `https://runbooks.acme.example/${slug}/${check}`,
        },
        cef_details: {
          client: "Datadog",
          client_url: `https://app.datadoghq.com/monitors?q=${check}`,
          source_origin: host,
          source_component: slug,
          event_class: check.split(".")[0],
          details: { observed_value: observed, threshold, region },
        },
        contexts: [
          {
            type: "link",
            href: `https://monitoring.acme.example/${slug}`,
            text: "Datadog dashboard",
          },
        ],
      };
    });
    const incident = createIncident(
      ctx,
      {
        title,
        service_id: serviceId,
        urgency,
        priority_id: priority,
        incident_key: `${slug}/${check}/${1000 + n}`,
        details: `${title}. ${check} ${metric} is ${value} (threshold ${threshold}) in ${region}.`,
        conference_bridge:
          priority === "PPRIO1"
            ? {
                conference_number: "+1-415-555-0100,,,,4821#",
                conference_url: `https://meet.acme.example/inc-${1000 + n}`,
              }
            : null,
        agent: { type: "service", id: serviceId },
        channel: "api",
        alerts,
      },
      at,
    );
    live(ctx, incident, script?.[2] ?? "resolved", newest === SNOOZED, at, now, random);
    created.push(incident);
  });
  return created;
}

/** Plays an incident's life up to its seeded status: acknowledged, maybe snoozed, resolved. */
function live(
  ctx: SimContext,
  incident: Incident,
  status: Incident["status"],
  snoozed: boolean,
  at: number,
  now: number,
  random: () => number,
): void {
  if (status === "triggered") return;
  const responder = ctx.state.users.get(incident.assignments[0]?.user_id ?? "PUSER01")!;
  const ackAt = Math.min(at + (3 + Math.floor(random() * 7)) * MINUTE, now - MINUTE);
  acknowledge(ctx, incident, responder, ackAt);
  if (status === "acknowledged") {
    if (snoozed) {
      const snoozeAt = Math.min(ackAt + MINUTE, now);
      snooze(ctx, incident, Math.ceil((now + 3 * HOUR - snoozeAt) / 1000), responder, snoozeAt);
    }
    return;
  }
  const resolveAt = Math.min(ackAt + (15 + Math.floor(random() * 160)) * MINUTE, now - MINUTE);
  if (random() < 0.15)
    resolve(ctx, incident, { type: "service", id: incident.service_id }, resolveAt, {
      summary: "Resolved through the API: the monitor recovered.",
    });
  else
    resolve(ctx, incident, { type: "user", id: responder.id }, resolveAt, {
      resolution: "Mitigated; follow-up in the postmortem.",
    });
}
