/**
 * The one error vocabulary of the project. Every failure that crosses a module boundary is an
 * AppError with a stable `code`; the HTTP layer translates codes to statuses in one place
 * (src/http/error-handler.ts) and the MCP layer turns tool failures into `isError` results.
 */
export type ErrorCode =
  | "config_invalid"
  | "bad_request"
  | "invalid_request"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "invalid_arguments"
  | "upstream_error"
  | "upstream_unavailable"
  | "upstream_too_large"
  | "rate_limited";

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra machine-readable facts (never secrets). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }
}

/** One problem in one config file, reported as `<file>: <json pointer> <message>`. */
export interface ConfigProblem {
  file: string;
  pointer: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.pointer || "/"} ${p.message}`;
}

/** The files named by problems, once each, sorted. */
export function rejectedFiles(problems: ConfigProblem[]): string[] {
  return [...new Set(problems.map((p) => p.file))].sort();
}

/** Config files are invalid; carries every problem found, not just the first. */
export class ConfigError extends AppError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super("config_invalid", `Invalid configuration:\n${problems.map(formatProblem).join("\n")}`);
    this.problems = problems;
  }
}

/** The caller is not allowed in: unknown URL token, missing or wrong API token. */
export class AuthError extends AppError {
  constructor(code: "unauthorized" | "not_found" | "forbidden", message: string) {
    super(code, message);
  }
}

/** PagerDuty (or the network to it) failed; `status` is upstream's HTTP status, 0 for none. */
export class UpstreamError extends AppError {
  readonly status: number;
  constructor(
    code: "upstream_error" | "upstream_unavailable" | "upstream_too_large" | "rate_limited",
    status: number,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, options);
    this.status = status;
  }
}

/**
 * Upstream's answer is larger than the request's `maxBodyBytes`: the read was aborted there and
 * the connection closed, so a huge body never sits in memory.
 */
export class UpstreamBodyTooLargeError extends UpstreamError {
  readonly limitBytes: number;
  constructor(status: number, limitBytes: number) {
    super(
      "upstream_too_large",
      status,
      `PagerDuty's answer (HTTP ${status}) is larger than ${formatBytes(limitBytes)}, the most one call may read (max_response_bytes of the integration); it was not read`,
      { details: { limit_bytes: limitBytes } },
    );
    this.limitBytes = limitBytes;
  }
}

/** Bytes for people: "8 MiB", "256 KiB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
