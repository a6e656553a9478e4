import type { CompiledTool } from "../interpreter/compiled-tool.js";
import type { ToolInputSchema } from "../interpreter/input-schema.js";
import type { ServerFile } from "../config/types/server.js";
import { escapePointer } from "../config/ajv.js";
import { compileRule, ruleProblems, type CompiledRule } from "./argument-rules.js";
import { CONFIRM_ARGUMENT, narrowTool } from "./narrow-tool.js";
import { limitsFor, type WindowLimit } from "./write-budget.js";

/** What guards one tool of one server. */
export interface ToolGuardrails {
  rules: CompiledRule[];
  /** Changes something upstream: budgets, confirmation and the audit apply. */
  isWrite: boolean;
  confirm: boolean;
  limits: WindowLimit[];
  /** The tool's own input schema (before narrowing): what is free text, for the audit. */
  ownSchema: ToolInputSchema;
}

/** A server's guardrails, compiled at load with its snapshot. */
export interface ServerGuardrails {
  /** By tool name; tools with no rules that are reads are absent. */
  tools: Map<string, ToolGuardrails>;
  /** Record free-text arguments in the audit in full. */
  includeText: boolean;
}

/** A write is any tool not marked read-only (create, update, delete, custom actions). */
export function isWriteTool(tool: CompiledTool): boolean {
  return tool.definition.annotations?.readOnlyHint !== true;
}

/**
 * Compiles a server file's guardrails against the tools it exposes and narrows their
 * definitions (what tools/list shows). A rule naming a tool or argument the server does not
 * have, or one that cannot apply, is a problem at its pointer; no guardrail is compiled then.
 */
export function compileGuardrails(
  config: ServerFile,
  exposed: CompiledTool[],
  all: ReadonlyMap<string, CompiledTool>,
): {
  guardrails: ServerGuardrails;
  tools: CompiledTool[];
  problems: Array<{ pointer: string; message: string }>;
} {
  const c = config.config;
  const problems: Array<{ pointer: string; message: string }> = [];
  const at = (pointer: string, message: string) => problems.push({ pointer, message });
  const byName = new Map(exposed.map((t) => [t.name, t]));
  /** The exposed tool a guardrail names, or undefined after reporting why not. */
  const toolAt = (pointer: string, name: string, writeOnly: boolean): CompiledTool | undefined => {
    const tool = byName.get(name);
    if (!tool)
      at(
        pointer,
        all.has(name)
          ? `names ${name}, which this server does not expose (its methods/tags filter hides it)`
          : `names no tool: ${name} does not exist (see npx pd-mcp tools --server ${config.name})`,
      );
    else if (writeOnly && !isWriteTool(tool))
      at(pointer, `names ${name}, a read-only tool: only writes are budgeted and confirmed`);
    else return tool;
    return undefined;
  };

  const rules = new Map<string, CompiledRule[]>();
  for (const [toolName, args] of Object.entries(c.constraints ?? {})) {
    const base = `/config/constraints/${escapePointer(toolName)}`;
    const tool = toolAt(base, toolName, false);
    if (!tool) continue;
    const properties = (tool.definition.inputSchema as ToolInputSchema).properties;
    const compiled: CompiledRule[] = [];
    for (const [arg, rule] of Object.entries(args)) {
      const pointer = `${base}/${escapePointer(arg)}`;
      const property = Object.hasOwn(properties, arg) ? properties[arg] : undefined;
      if (!property) {
        at(
          pointer,
          `is not an argument of ${toolName}: its arguments are ${Object.keys(properties).join(", ")}`,
        );
        continue;
      }
      const found = ruleProblems(rule, property);
      for (const [suffix, message] of found) at(pointer + suffix, message);
      if (found.length === 0) compiled.push(compileRule(toolName, arg, rule, property));
    }
    rules.set(toolName, compiled);
  }

  const limits = c.write_limits;
  for (const name of Object.keys(limits?.tools ?? {}))
    toolAt(`/config/write_limits/tools/${escapePointer(name)}`, name, true);

  const confirmAll = c.confirm_writes === true;
  const confirmList = Array.isArray(c.confirm_writes) ? c.confirm_writes : [];
  confirmList.forEach((name, i) => toolAt(`/config/confirm_writes/${i}`, name, true));
  const confirms = (tool: CompiledTool) =>
    isWriteTool(tool) && (confirmAll || confirmList.includes(tool.name));
  for (const tool of exposed) {
    if (confirms(tool) && CONFIRM_ARGUMENT in (tool.definition.inputSchema.properties ?? {}))
      at(
        "/config/confirm_writes",
        `cannot apply to ${tool.name}: it has its own argument named ${CONFIRM_ARGUMENT}`,
      );
  }

  const guardrails: ServerGuardrails = {
    tools: new Map(),
    includeText: c.audit?.include_text === true,
  };
  if (problems.length > 0) return { guardrails, tools: exposed, problems };
  const tools = exposed.map((tool) => {
    const isWrite = isWriteTool(tool);
    const guard: ToolGuardrails = {
      rules: rules.get(tool.name) ?? [],
      isWrite,
      confirm: confirms(tool),
      limits: isWrite ? limitsFor(config.name, tool.name, limits, limits?.tools?.[tool.name]) : [],
      ownSchema: tool.definition.inputSchema as ToolInputSchema,
    };
    if (!isWrite && guard.rules.length === 0) return tool;
    guardrails.tools.set(tool.name, guard);
    return narrowTool(tool, guard);
  });
  return { guardrails, tools, problems };
}
