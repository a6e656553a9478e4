import type { SimulatorState } from "../state.js";

/** Team leads manage their team; observers observe; everyone else responds. */
const LEADS = new Set(["PUSER01", "PUSER08"]);

/**
 * Each user's contact methods (an email "Default" and a phone "Mobile"), one notification rule
 * (immediately, by email, for high urgency) and their role in their team. The ids derive from
 * the user's (PUSER02 -> PEUSER02, PPUSER02, PNUSER02), as the user records reference them.
 */
export function seedPeople(s: SimulatorState): void {
  let n = 0;
  for (const u of s.users.values()) {
    const suffix = u.id.slice(1);
    n += 1;
    s.contactMethods.set(`PE${suffix}`, {
      id: `PE${suffix}`,
      user_id: u.id,
      type: "email_contact_method",
      label: "Default",
      address: u.email,
      country_code: null,
    });
    s.contactMethods.set(`PP${suffix}`, {
      id: `PP${suffix}`,
      user_id: u.id,
      type: "phone_contact_method",
      label: "Mobile",
      address: `55501000${String(n).padStart(2, "0")}`,
      country_code: 1,
    });
    s.notificationRules.set(`PN${suffix}`, {
      id: `PN${suffix}`,
      user_id: u.id,
      start_delay_in_minutes: 0,
      urgency: "high",
      contact_method_id: `PE${suffix}`,
    });
    for (const team of u.team_ids)
      s.teamRoles.set(
        `${team}/${u.id}`,
        LEADS.has(u.id) ? "manager" : u.role === "observer" ? "observer" : "responder",
      );
  }
}
