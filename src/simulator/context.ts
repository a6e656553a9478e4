import type { Request, Response } from "express";
import { invalidInput } from "./errors.js";
import { newId } from "./ids.js";
import type { SimulatorState, User } from "./state.js";

/** What every route needs: the state and the clock. */
export interface SimContext {
  state: SimulatorState;
  now: () => Date;
}

/**
 * The user a write acts as, from the From header, as PagerDuty requires on these operations.
 * Answers 400 and returns undefined when the header is missing or names no user.
 */
export function fromUser(ctx: SimContext, req: Request, res: Response): User | undefined {
  const email = req.header("from");
  if (!email) {
    invalidInput(res, [
      'You must specify a user\'s email address in the "From" header to perform this action',
    ]);
    return undefined;
  }
  const user = [...ctx.state.users.values()].find(
    (u) => u.email.toLowerCase() === email.toLowerCase(),
  );
  if (!user)
    invalidInput(res, [
      'The email address in the "From" header does not belong to a user in this account',
    ]);
  return user;
}

/** Appends a log entry to an incident's timeline. */
export function log(
  ctx: SimContext,
  incidentId: string,
  type: string,
  summary: string,
  userId: string | null,
  at = ctx.now().toISOString(),
): void {
  ctx.state.logEntries.push({
    id: newId("R", 13),
    type,
    incident_id: incidentId,
    created_at: at,
    summary,
    agent_user_id: userId,
    channel: userId ? "web_ui" : "api",
  });
}
