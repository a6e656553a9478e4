import { pino, type Logger } from "pino";

/**
 * The process logger: one JSON line per event on stdout. Secret-bearing fields are redacted as a
 * second line of defence; the first is never putting a token or credential in a log call.
 */
export function createLogger(level = "info"): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        "token",
        "*.token",
        "authorization",
        "*.authorization",
        "api_token",
        "*.api_token",
        "client_secret",
        "*.client_secret",
      ],
      censor: "[redacted]",
    },
  });
}

export type { Logger };
