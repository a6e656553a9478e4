import { pino, type DestinationStream, type Logger } from "pino";

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

/** Options of the process logger. */
export interface LoggerOptions {
  /** Lowest level written. Default "info". */
  level?: string;
  /** Where lines go. Default: stdout, buffered as described on createLogger. */
  destination?: DestinationStream;
  /** How often buffered lines are written, in ms. Default 100. */
  flushIntervalMs?: number;
}

/**
 * The process logger: one JSON line per event on stdout. Secrets are never passed to a log call;
 * the redaction list is a second line of defence. Lines below warn are buffered (written when
 * 4 KB have gathered, or every `flushIntervalMs`) so a busy server writes a few large chunks
 * instead of one write per call; warn and above are written at once, after what was buffered
 * before them, so a problem shows immediately and in order. pino flushes what is left on exit.
 */
export function createLogger(levelOrOptions: string | LoggerOptions = "info"): Logger {
  const options = typeof levelOrOptions === "string" ? { level: levelOrOptions } : levelOrOptions;
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    options.destination ?? bufferedStdout(options.flushIntervalMs ?? 100),
  );
}

function bufferedStdout(flushIntervalMs: number): DestinationStream {
  const out = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => out.flush(), flushIntervalMs).unref();
  const atOnce = {
    write(line: string) {
      out.write(line);
      out.flush();
    },
  };
  // dedupe: each line goes only to the stream of the highest level it reaches.
  return pino.multistream(
    [
      { level: "trace", stream: out },
      { level: "warn", stream: atOnce },
    ],
    { dedupe: true },
  );
}

/**
 * A logger for tool-call lines: the same destination, without redaction work. Those lines are
 * built from fixed fields (server and tool names, status, durations, client name) that hold no
 * secret by construction, and they are written once per call.
 */
export function toolCallLogger(logger: Logger): Logger {
  return logger.child({}, { redact: [] });
}

export type { Logger };
