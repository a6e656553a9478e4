import type { SimContext } from "../context.js";
import { seededRandom } from "../ids.js";
import {
  seedAuditRecords,
  seedChangeEvents,
  seedMaintenanceWindows,
  seedNotes,
} from "./activity.js";
import { seedCatalog } from "./catalog.js";
import { seedDirectory } from "./directory.js";
import { seedIncidents } from "./incidents.js";
import { seedPeople } from "./people.js";

export { SEED_SERVICES, SEED_USERS } from "./directory.js";

/**
 * Fills the state with a realistic demo account relative to `ctx.now()`. The same clock gives
 * the same data: ids and choices come from fixed seeds.
 */
export function seed(ctx: SimContext): void {
  const now = ctx.now().getTime();
  const random = seededRandom(42);
  seedDirectory(ctx.state, now);
  seedPeople(ctx.state);
  seedCatalog(ctx.state, now);
  const incidents = seedIncidents(ctx, now, random);
  seedNotes(ctx, incidents);
  seedMaintenanceWindows(ctx, now);
  seedChangeEvents(ctx, now);
  seedAuditRecords(ctx, now);
}
