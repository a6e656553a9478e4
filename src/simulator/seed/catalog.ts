import type { SimulatorState } from "../state.js";
import { DAY, iso } from "../time.js";

/** Business services, tags, incident workflows and a status page, with fixed ids. */
export function seedCatalog(s: SimulatorState, now: number): void {
  const business = [
    [
      "PBSCHKO",
      "Checkout",
      "Customers pay for their orders",
      "payments-oncall@example.com",
      "PTEAMPL",
    ],
    [
      "PBSLOGN",
      "Sign-in",
      "Customers sign in to the web and mobile apps",
      "alice@example.com",
      "PTEAMPL",
    ],
    [
      "PBSNETW",
      "Public website",
      "acme.example reachable worldwide",
      "hiro@example.com",
      "PTEAMNW",
    ],
  ] as const;
  for (const [id, name, description, point_of_contact, team_id] of business)
    s.businessServices.set(id, { id, name, description, point_of_contact, team_id });
  for (const [id, label] of [
    ["PTAG001", "tier-1"],
    ["PTAG002", "customer-facing"],
    ["PTAG003", "database"],
  ] as const)
    s.tags.set(id, { id, label });
  const workflows = [
    ["PWF0001", "Major incident kickoff", "Opens a bridge and notifies stakeholders", "PTEAMPL"],
    ["PWF0002", "Security incident", "Adds the security team and restricts visibility", null],
  ] as const;
  workflows.forEach(([id, name, description, team_id], i) =>
    s.incidentWorkflows.set(id, {
      id,
      name,
      description,
      team_id,
      created_at: iso(now - (90 - i) * DAY),
    }),
  );
  s.statusPages.set("PSP0001", {
    id: "PSP0001",
    name: "Acme Status",
    status_page_type: "public",
    url: "https://status.acme.example",
    published_at: iso(now - 200 * DAY),
  });
}
