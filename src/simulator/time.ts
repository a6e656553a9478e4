export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A timestamp as PagerDuty writes most of them: ISO 8601 in UTC, to the second. */
export function iso(ms: number | Date): string {
  const t = typeof ms === "number" ? ms : ms.getTime();
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Epoch milliseconds of an ISO timestamp held in the state. */
export const ms = (timestamp: string): number => Date.parse(timestamp);
