import type { Request, Response } from "express";
import type { SimContext } from "./context.js";
import { invalidInput } from "./errors.js";
import type { User } from "./state.js";

/** The user whose email is in the From header (case-insensitive), if any. */
export function userByEmail(ctx: SimContext, email: string): User | undefined {
  const wanted = email.trim().toLowerCase();
  for (const user of ctx.state.users.values()) if (user.email.toLowerCase() === wanted) return user;
  return undefined;
}

/**
 * The user a write acts as. PagerDuty requires a From header naming a user of the account on
 * the operations that change incidents and on a few others; this answers 400 and returns
 * undefined when it is missing or names nobody.
 */
export function requireFromUser(ctx: SimContext, req: Request, res: Response): User | undefined {
  const email = req.header("from");
  if (!email || email.trim() === "") {
    invalidInput(res, [
      'You must specify a user\'s email address in the "From" header to perform this action',
    ]);
    return undefined;
  }
  const user = userByEmail(ctx, email);
  if (!user)
    invalidInput(res, [
      'The email address in the "From" header does not belong to a user on this account',
    ]);
  return user;
}
