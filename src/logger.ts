import { pino, type Logger } from "pino";

/** Fields that could carry a secret: redacted as a second line of defence. */
const REDACT = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "api_token",
  "*.api_token",
  "client_secret",
  "*.client_secret",
];

/**
 * The process logger: one JSON line per event on stdout. Secrets are never passed to a log call;
 * the redaction list is a second line of defence. Writes are asynchronous: lines
 * written in the same tick leave in one write() off the request path, and none waits for a buffer
 * to fill (a config error must show at once). pino flushes on exit.
 */
export function createLogger(level = "info"): Logger {
  const destination = pino.destination({ dest: 1, sync: false });
  return pino(
    { level, base: undefined, redact: { paths: REDACT, censor: "[redacted]" } },
    destination,
  );
}

export type { Logger };
