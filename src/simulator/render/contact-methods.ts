import type { ContactMethod, NotificationRule, SimulatorState } from "../state.js";
import { ref, type Reference } from "./references.js";

/** A user's contact methods, in the order they were added. */
export const contactMethodsOf = (s: SimulatorState, userId: string): ContactMethod[] =>
  [...s.contactMethods.values()].filter((c) => c.user_id === userId);

/** A user's notification rules, in the order they were added. */
export const notificationRulesOf = (s: SimulatorState, userId: string): NotificationRule[] =>
  [...s.notificationRules.values()].filter((r) => r.user_id === userId);

/** `{id, type: <kind>_reference, summary: label, self, html_url: null}`. */
export function contactMethodRef(s: SimulatorState, id: string): Reference {
  const c = s.contactMethods.get(id);
  const kind = c?.type ?? "contact_method";
  return {
    ...ref(kind, `users/${c?.user_id}/contact_methods`, id, c?.label ?? id),
    html_url: null,
  };
}

/** A contact method as PagerDuty returns one. */
export function renderContactMethod(s: SimulatorState, c: ContactMethod) {
  return {
    ...contactMethodRef(s, c.id),
    type: c.type,
    label: c.label,
    address: c.address,
    ...(c.country_code === null ? {} : { country_code: c.country_code }),
    ...(c.type === "email_contact_method" ? { send_short_email: false } : {}),
    blacklisted: false,
    enabled: true,
  };
}

/** "0 minutes: channel Default", as PagerDuty summarises a rule. */
export function notificationRuleSummary(s: SimulatorState, r: NotificationRule): string {
  return `${r.start_delay_in_minutes} minutes: channel ${s.contactMethods.get(r.contact_method_id)?.label ?? r.contact_method_id}`;
}

/** A notification rule as PagerDuty returns one. */
export function renderNotificationRule(s: SimulatorState, r: NotificationRule) {
  return {
    ...ref(
      "assignment_notification_rule",
      `users/${r.user_id}/notification_rules`,
      r.id,
      notificationRuleSummary(s, r),
    ),
    type: "assignment_notification_rule",
    html_url: null,
    start_delay_in_minutes: r.start_delay_in_minutes,
    contact_method: contactMethodRef(s, r.contact_method_id),
    urgency: r.urgency,
  };
}
