import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A PagerDuty-looking id: a prefix letter and upper-case alphanumerics (e.g. Q1A2B3C4D5E6F7). */
export function newId(prefix: string, length = 7): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}
