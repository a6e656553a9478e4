import type { Response } from "express";

/** PagerDuty's error body: {"error": {"message", "code", "errors"}}. */
export function sendError(
  res: Response,
  status: number,
  message: string,
  code: number,
  errors?: string[],
): void {
  res.status(status).json({ error: { message, code, ...(errors ? { errors } : {}) } });
}

export const invalidInput = (res: Response, errors: string[]) =>
  sendError(res, 400, "Invalid Input Provided", 2001, errors);
export const notFound = (res: Response) => sendError(res, 404, "Not Found", 2100);
