import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import type { ToolFilter, ToolWriteBudget, WriteBudgets } from "../config/types/server.js";
import type { ConfigProblem } from "../errors.js";
import { list } from "./output.js";

/** The guardrail options of `servers create`, as commander gives them. */
export interface GuardrailOptions {
  constraints?: string;
  writeLimit?: string[];
  confirmWrites?: boolean | string;
  auditText?: boolean;
}

/** Adds the guardrail options to a command (servers create). */
export function registerGuardrailOptions(command: Command): Command {
  return command
    .option(
      "--constraints <file>",
      'JSON file of argument rules by tool, e.g. {"create_a_pager_duty_incident": {"urgency": {"const": "low"}}}',
    )
    .option(
      "--write-limit <budget>",
      "write budget, repeatable: 10/h, 50/d, 5/m for all writes, or TOOL=3/h for one tool",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--confirm-writes [tools]",
      "writes answer with a preview and a code first (all writes, or the comma-separated tools)",
    )
    .option("--audit-text", "record free-text arguments in the audit in full, not as lengths");
}

const UNITS: Record<string, keyof ToolWriteBudget> = {
  m: "per_minute",
  min: "per_minute",
  minute: "per_minute",
  h: "per_hour",
  hour: "per_hour",
  d: "per_day",
  day: "per_day",
};

/**
 * Turns `--constraints FILE --write-limit 10/h --write-limit TOOL=3/h --confirm-writes [TOOLS]
 * --audit-text` into the server file's config fields. Problems name the option; the rules' meaning
 * (tools and arguments that exist) is checked with the file, like any server file.
 */
export async function guardrailConfig(
  options: GuardrailOptions,
  file: string,
): Promise<{ config: Partial<ToolFilter>; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const config: Partial<ToolFilter> = {};
  if (options.constraints) {
    try {
      config.constraints = JSON.parse(await readFile(options.constraints, "utf8"));
    } catch (e) {
      problems.push({
        file: options.constraints,
        pointer: "",
        message: `cannot be read as JSON (--constraints needs a file like {"create_a_pager_duty_incident": {"urgency": {"const": "low"}}}): ${(e as Error).message}`,
      });
    }
  }
  const limits: WriteBudgets = {};
  for (const spec of options.writeLimit ?? []) {
    const match = /^(?:([a-z][a-z0-9_]*)=)?(\d+)\/([a-z]+)$/.exec(spec.trim());
    const field = match && UNITS[match[3]];
    if (!match || !field) {
      problems.push({
        file,
        pointer: "/config/write_limits",
        message: `--write-limit ${spec} must look like 10/h, 50/d, 5/m or create_a_pager_duty_incident=3/h`,
      });
      continue;
    }
    const target = match[1] ? ((limits.tools ??= {})[match[1]] ??= {}) : limits;
    target[field] = Number(match[2]);
  }
  if (Object.keys(limits).length > 0) config.write_limits = limits;
  if (options.confirmWrites !== undefined)
    config.confirm_writes =
      options.confirmWrites === true ? true : list(String(options.confirmWrites));
  if (options.auditText) config.audit = { include_text: true };
  return { config, problems };
}
