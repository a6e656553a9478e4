import type { Response } from "express";

/** PagerDuty's error envelope: `{"error": {"message", "code", "errors"?}}`. */
export interface PagerDutyError {
  error: { message: string; code: number; errors?: string[] };
}

/** Builds PagerDuty's error body. */
export function errorBody(message: string, code: number, errors?: string[]): PagerDutyError {
  return { error: { message, code, ...(errors ? { errors } : {}) } };
}

/** Answers with PagerDuty's error body. */
export function sendError(
  res: Response,
  status: number,
  message: string,
  code: number,
  errors?: string[],
): void {
  res.status(status).json(errorBody(message, code, errors));
}

/** 400 Invalid Input Provided (2001) with the list of problems. */
export const invalidInput = (res: Response, errors: string[]): void =>
  sendError(res, 400, "Invalid Input Provided", 2001, errors);

/** 404 Not Found (2100). */
export const notFound = (res: Response): void => sendError(res, 404, "Not Found", 2100);

/** 401 Unauthorized (2006). */
export const unauthorized = (res: Response): void => sendError(res, 401, "Unauthorized", 2006);

/** The body PagerDuty sends with a status, for faults that do not give their own. */
export function defaultErrorBody(status: number): PagerDutyError {
  if (status === 429) return errorBody("Rate Limit Exceeded", 2020);
  if (status === 400) return errorBody("Invalid Input Provided", 2001);
  if (status === 401) return errorBody("Unauthorized", 2006);
  if (status === 402) return errorBody("Payment Required", 2012);
  if (status === 403) return errorBody("Access Denied", 2010);
  if (status === 404) return errorBody("Not Found", 2100);
  if (status === 409) return errorBody("Conflict", 2001);
  if (status >= 500) return errorBody("Internal Server Error", 2000);
  return errorBody("Error", 2000);
}
