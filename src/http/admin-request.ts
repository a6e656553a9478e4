import type { Account } from "../config/accounts.js";
import { escapePointer } from "../config/ajv.js";
import { checkServerFile } from "../config/server-files.js";
import type { ServerFile } from "../config/types/server.js";
import type { RequestProblem } from "./admin-errors.js";

/** Fields a create or patch body may carry; each maps to the same field of the server file. */
const FIELDS = ["name", "config", "expires_at", "require_api_token_auth"] as const;

/** Where server files are checked against: the integrations and the accounts. */
export interface CheckContext {
  integrationsDir: string;
  serversDir: string;
  accounts: Map<string, Account>;
  now: number;
}

/**
 * Problems of the body's shape that the server-file schema cannot see: not an object, unknown
 * properties, no config on create (the schema reports a missing name), nothing to change on patch.
 */
export function bodyShapeProblems(body: unknown, kind: "create" | "patch"): RequestProblem[] {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return [
      {
        pointer: "",
        message: `must be a JSON object with ${FIELDS.join(", ")} (send Content-Type: application/json)`,
      },
    ];
  const problems: RequestProblem[] = [];
  for (const key of Object.keys(body))
    if (!(FIELDS as readonly string[]).includes(key))
      problems.push({
        pointer: `/${escapePointer(key)}`,
        message: `is not a known property: allowed are ${FIELDS.join(", ")}`,
      });
  const present = FIELDS.filter((f) => f in body);
  if (kind === "create") {
    if (!present.includes("config"))
      problems.push({
        pointer: "",
        message:
          'must have property "config" (e.g. {"methods": ["read"], "tags": ["incidents"]}; {} exposes every tool)',
      });
  } else if (present.length === 0) {
    problems.push({ pointer: "", message: `must change at least one of ${FIELDS.join(", ")}` });
  }
  return problems;
}

/**
 * Checks a server file built from a request with the same rules as the CLI (schema, methods and
 * tags of the integration, expiry at least 60 s ahead when `checkExpiry`). The file's pointers
 * are the body's, since the body's fields are the file's; one answer lists every problem (the
 * checks run past each other's findings), each once, sorted by pointer.
 */
export async function serverFileProblems(
  config: ServerFile,
  context: CheckContext,
  checkExpiry: boolean,
): Promise<RequestProblem[]> {
  const problems = await checkServerFile(config, { ...context, checkExpiry });
  return problems
    .map(({ pointer, message }) => ({ pointer, message }))
    .sort((a, b) => a.pointer.localeCompare(b.pointer));
}

/**
 * Copies the body's known fields over a server file. `config` is merged key by key (a patch with
 * only `tags` keeps the methods), and absent methods or tags are written as [] (= no filter).
 */
export function applyBody(base: ServerFile, body: Record<string, unknown>): ServerFile {
  const next = { ...base } as Record<string, unknown>;
  for (const f of FIELDS) if (f in body) next[f] = body[f];
  if (isObject(body.config))
    next.config = { methods: [], tags: [], ...base.config, ...body.config };
  return next as unknown as ServerFile;
}

/** Is a parsed JSON value an object (not null, not an array)? */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
