import type { Request, Response } from "express";
import { invalidInput } from "./errors.js";

/** A JSON object as the body's fields. */
export type Fields = Record<string, unknown>;

/**
 * The object PagerDuty expects under `key` in the body ({"tag": {...}}); answers 400 and returns
 * undefined when it is missing or not an object.
 */
export function wrappedBody(req: Request, res: Response, key: string): Fields | undefined {
  const value = (req.body as Fields | undefined)?.[key];
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    invalidInput(res, [`${key} is required and must be an object.`]);
    return undefined;
  }
  return value as Fields;
}

/** A non-empty string field, or undefined. */
export const text = (fields: Fields, key: string): string | undefined =>
  typeof fields[key] === "string" && (fields[key] as string).trim() !== ""
    ? (fields[key] as string)
    : undefined;

/** The id of a `{id, type}` reference field, or undefined. */
export const refId = (value: unknown): string | undefined =>
  value && typeof value === "object" && typeof (value as Fields).id === "string"
    ? ((value as Fields).id as string)
    : undefined;
