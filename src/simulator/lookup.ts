import type { Incident, SimulatorState } from "./state.js";

/** An incident by id, or by incident number as PagerDuty also accepts. */
export function findIncident(s: SimulatorState, idOrNumber: string): Incident | undefined {
  const byId = s.incidents.get(idOrNumber);
  if (byId || !/^\d+$/.test(idOrNumber)) return byId;
  for (const i of s.incidents.values()) if (String(i.incident_number) === idOrNumber) return i;
  return undefined;
}

/**
 * A priority given as a reference (`{id, type: "priority_reference"}`) or, as PagerDuty also
 * accepts, by name (`"P1"`). Returns the id, null to clear, or an error message.
 */
export function resolvePriority(
  s: SimulatorState,
  value: unknown,
): { id: string | null } | { error: string } {
  if (value === null) return { id: null };
  if (typeof value === "string") {
    const byName = [...s.priorities.values()].find(
      (p) => p.name.toLowerCase() === value.toLowerCase(),
    );
    return byName ? { id: byName.id } : { error: `Priority ${value} not found.` };
  }
  const id = (value as { id?: unknown } | undefined)?.id;
  if (typeof id === "string" && s.priorities.has(id)) return { id };
  return { error: "Priority not found." };
}
