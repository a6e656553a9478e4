import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { SERVER_FILE_MAX_BYTES } from "../src/config/read-json-files.js";
import { formatBytes } from "../src/errors.js";
import { DEFAULT_BATCH_CONCURRENCY, DEFAULT_MAX_BATCH } from "../src/http/mcp-handler.js";
import { withLengthBounds } from "../src/interpreter/input-schema.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RESULT_BYTES,
  STRUCTURED_COPY_MAX_BYTES,
} from "../src/interpreter/result-size.js";
import { readSettings } from "../src/settings.js";
import { REPO_ROOT } from "./helpers/config-dir.js";

/** The README's "Security and limits" table, one row per cap, keyed by its first cell. */
let rows: Map<string, string>;
let readme: string;
const schema = async (kind: string) =>
  JSON.parse(await readFile(join(REPO_ROOT, `src/config/schemas/${kind}.schema.json`), "utf8"));
beforeAll(async () => {
  readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Security and limits"));
  rows = new Map(
    section
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .map((l) => [l.split(" | ")[0].slice(2), l]),
  );
});
const row = (what: string) => {
  expect(rows.has(what), `README security table has a row "${what}"`).toBe(true);
  return rows.get(what)!;
};

describe("the README's security table states each cap as the code and the schemas set it", () => {
  const defaults = readSettings({});

  test("batch size and calls of a batch at once: settings, code default, README", () => {
    expect(defaults.maxBatch).toBe(DEFAULT_MAX_BATCH);
    expect(defaults.batchConcurrency).toBe(DEFAULT_BATCH_CONCURRENCY);
    expect(row("messages in one `/mcp` batch")).toMatch(
      new RegExp(`\\| ${DEFAULT_MAX_BATCH}; .*\\| \`MCP_MAX_BATCH\` \\|$`),
    );
    expect(row("tool calls of one batch in flight")).toMatch(
      new RegExp(`\\| ${DEFAULT_BATCH_CONCURRENCY} at a time \\| \`MCP_BATCH_CONCURRENCY\` \\|$`),
    );
    expect(readme).toContain(`| \`MCP_MAX_BATCH\` | \`${DEFAULT_MAX_BATCH}\` |`);
    expect(readme).toContain(`| \`MCP_BATCH_CONCURRENCY\` | \`${DEFAULT_BATCH_CONCURRENCY}\` |`);
  });

  test("drain grace period", () => {
    const seconds = defaults.shutdownGraceMs / 1000;
    expect(row("waiting for calls in flight at shutdown")).toMatch(
      new RegExp(`\\| ${seconds} s, .*\\| \`SHUTDOWN_GRACE_SECONDS\` \\|$`),
    );
    expect(readme).toContain(`| \`SHUTDOWN_GRACE_SECONDS\` | \`${seconds}\` |`);
  });

  test("upstream body and tool result: code default = integration schema default = README", async () => {
    const properties = (await schema("integration")).properties;
    expect(properties.max_response_bytes.default).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(properties.max_result_bytes.default).toBe(DEFAULT_MAX_RESULT_BYTES);
    expect(row("upstream response body")).toMatch(
      new RegExp(`\\| ${formatBytes(DEFAULT_MAX_RESPONSE_BYTES)}; .*\\| \`max_response_bytes\``),
    );
    expect(row("one tool result")).toMatch(
      new RegExp(
        `\\| ${formatBytes(DEFAULT_MAX_RESULT_BYTES)} of JSON text; .* over ${formatBytes(STRUCTURED_COPY_MAX_BYTES)} .*\\| \`max_result_bytes\``,
      ),
    );
    expect(properties.max_result_bytes.description).toContain(
      formatBytes(STRUCTURED_COPY_MAX_BYTES),
    );
  });

  test("server file size: code, server schema, README", async () => {
    expect(row("server file size")).toMatch(
      new RegExp(`\\| ${formatBytes(SERVER_FILE_MAX_BYTES)}; `),
    );
    expect((await schema("server")).description).toContain(formatBytes(SERVER_FILE_MAX_BYTES));
  });

  test("maxLength given to string arguments: code, resource schema, README", async () => {
    const bound = (name: string, format?: string) =>
      withLengthBounds<Record<string, unknown>>(name, { type: "string", format }).maxLength;
    const stated = [
      [bound("incident_id"), "for IDs"],
      [bound("cursor"), "for `cursor`"],
      [bound("email", "email"), "for emails"],
      [bound("since", "date-time"), "for date-times"],
      [bound("title"), "for other text"],
    ] as const;
    const resourceSchema = JSON.stringify(await schema("resource"));
    const readmeRow = row("string arguments");
    for (const [length, what] of stated) {
      expect(readmeRow.replace(/(\d),(\d)/g, "$1$2")).toContain(`${length} ${what}`);
      expect(resourceSchema).toContain(`${length} ${what.replace(/`/g, "")}`);
    }
  });
});
