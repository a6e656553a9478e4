import { basename } from "node:path";
import type { ConfigProblem } from "../errors.js";
import type { Account } from "./accounts.js";
import { DEFAULT_ACCOUNT } from "./accounts.js";
import type { JsonFile } from "./read-json-files.js";
import { knownFilterValues } from "./server-filter.js";
import type { LoadedIntegration } from "./snapshot.js";

/** Server names, as the schema has them; anything else never names a file (no "../"). */
export const SERVER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** What a server file's meaning checks found, and what they resolved on the way. */
export interface ServerMeaning {
  problems: ConfigProblem[];
  /** The integration the file names, when it names a known one. */
  integration?: LoadedIntegration;
  /** expires_at in epoch ms, null for never, NaN when it cannot be read. */
  expiresAt: number | null;
}

/**
 * Pass two of a server file (meaning: name and file name, integration, account, expiry, filter
 * values), run on every field the schema's problems leave readable, so one pass reports a schema
 * problem in one field and an unknown tag in another together. A field of the wrong type is left
 * to the schema's message.
 */
export function serverMeaning(
  f: JsonFile,
  integrations: Map<string, LoadedIntegration>,
  accounts: Map<string, Account>,
): ServerMeaning {
  const doc = isRecord(f.doc) ? f.doc : {};
  const problems: ConfigProblem[] = [];
  const at = (pointer: string, message: string) =>
    problems.push({ file: f.file, pointer, message });

  if (typeof doc.name === "string") {
    const expected = basename(f.path, ".json");
    if (!SERVER_NAME.test(doc.name))
      at(
        "/name",
        "must be 1-63 lowercase letters, digits and dashes, starting with a letter or digit (like incident-bot)",
      );
    else if (f.path !== "" && doc.name !== expected)
      at(
        "/name",
        `must equal the file name "${expected}" (rename the file to ${doc.name}.json or change name)`,
      );
  }
  const integration =
    typeof doc.integration === "string" ? integrations.get(doc.integration) : undefined;
  if (typeof doc.integration === "string" && !integration)
    at(
      "/integration",
      `names no known integration: known are ${[...integrations.keys()].join(", ") || "none"}`,
    );
  if (
    typeof doc.account === "string" &&
    doc.account !== DEFAULT_ACCOUNT &&
    !accounts.has(doc.account)
  )
    at(
      "/account",
      `names no configured account: known are ${[DEFAULT_ACCOUNT, ...[...accounts.keys()].filter((a) => a !== DEFAULT_ACCOUNT)].join(", ")}; add it to the accounts file (ACCOUNTS_FILE)`,
    );
  const expiresAt = typeof doc.expires_at === "string" ? parseExpiry(doc.expires_at) : null;
  if (Number.isNaN(expiresAt))
    at(
      "/expires_at",
      `cannot be read as a moment in time: write it like 2026-12-31T17:00:00Z (ISO 8601; seconds 00-59, no leap second)`,
    );
  const filter = isRecord(doc.config) ? doc.config : {};
  if (integration) {
    const known = knownFilterValues(integration.tools.values());
    strings(filter.methods).forEach(([m, i]) => {
      if (!known.methods.includes(m))
        at(`/config/methods/${i}`, `must be one of ${known.methods.join(", ")}`);
    });
    strings(filter.tags).forEach(([t, i]) => {
      if (!known.tags.includes(t))
        at(`/config/tags/${i}`, `must be one of ${known.tags.join(", ")}`);
    });
    strings(filter.tools).forEach(([t, i]) => {
      if (!integration.tools.has(t))
        at(
          `/config/tools/${i}`,
          `names no tool of integration ${integration.config.name}: list them with npx pd-mcp tools`,
        );
    });
  }
  return { problems, integration, expiresAt };
}

/**
 * The problems of both passes, each JSON pointer of a file reported once: where a meaning check
 * speaks about a value the schema also refused (an unknown method spelled `Read`, an expiry like
 * `tomorrow`), its message is the clearer one and replaces the schema's. Exact repeats go too.
 */
export function mergeProblems(schema: ConfigProblem[], meaning: ConfigProblem[]): ConfigProblem[] {
  const explained = new Set(meaning.map((p) => `${p.file}\0${p.pointer}`));
  const seen = new Set<string>();
  return [...schema.filter((p) => !explained.has(`${p.file}\0${p.pointer}`)), ...meaning].filter(
    (p) => {
      const key = `${p.file}\0${p.pointer}\0${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  );
}

/**
 * The one way an expiry is read (service, CLI, admin API): epoch ms, null for never, NaN for a
 * value that cannot be read (refused as a problem; treated as already expired).
 */
export function parseExpiry(value: string | null | undefined): number | null {
  return value ? Date.parse(value) : null;
}

/** The string items of what should be a list of strings, with their indexes. */
function strings(value: unknown): Array<[string, number]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i): Array<[string, number]> => (typeof v === "string" ? [[v, i]] : []));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
