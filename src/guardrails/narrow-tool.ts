import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { CompiledTool } from "../interpreter/compiled-tool.js";
import type { JsonSchemaProperty, ToolInputSchema } from "../interpreter/input-schema.js";
import { describeRule, type CompiledRule } from "./argument-rules.js";
import type { WindowLimit } from "./write-budget.js";

/** The argument a confirmed call adds. */
export const CONFIRM_ARGUMENT = "confirm";

/** What a server's guardrails change in how one tool is shown. */
export interface ToolNarrowing {
  rules: CompiledRule[];
  confirm: boolean;
  limits: WindowLimit[];
}

/**
 * The tool as this server shows it: the input schema narrowed by the rules (const arguments
 * removed, enums and patterns tightened, maxima lowered, required added), a `confirm` argument
 * when writes need confirmation, and the description and annotations saying so. Everything else
 * (validator, request plan) stays the tool's own: guardrails fill and check before it runs.
 */
export function narrowTool(tool: CompiledTool, narrowing: ToolNarrowing): CompiledTool {
  const own = tool.definition.inputSchema as ToolInputSchema;
  const properties: Record<string, JsonSchemaProperty> = { ...own.properties };
  const required = new Set(own.required ?? []);
  const fixed: string[] = [];
  for (const r of narrowing.rules) {
    if (r.rule.const !== undefined) {
      delete properties[r.argument];
      required.delete(r.argument);
      fixed.push(`${r.argument} = ${JSON.stringify(r.rule.const)}`);
      continue;
    }
    properties[r.argument] = narrowProperty(properties[r.argument], r);
    if (r.rule.required) required.add(r.argument);
  }
  const notes: string[] = [];
  if (fixed.length > 0) notes.push(`On this server ${fixed.join(", ")} (fixed: not an argument).`);
  if (narrowing.limits.length > 0)
    notes.push(
      `Write budget on this server: ${narrowing.limits.map((l) => l.label).join("; ")}. A call over budget is refused and says when to try again.`,
    );
  if (narrowing.confirm) {
    properties[CONFIRM_ARGUMENT] = {
      type: "string",
      minLength: 1,
      maxLength: 200,
      description:
        "Leave out on the first call: the answer is a preview of what would be sent and a confirmation code. Show the preview to the person; only after they approve, call again with exactly the same arguments and confirm set to that code.",
    };
    notes.push(
      `This server asks for confirmation: the first call only previews the request and returns a code; ask the person to approve the preview before calling again with confirm set to the code. Never confirm on your own.`,
    );
  }
  if (notes.length === 0 && narrowing.rules.length === 0) return tool;
  const inputSchema: ToolInputSchema = { ...own, properties };
  if (required.size > 0) inputSchema.required = [...required];
  else delete inputSchema.required;
  const definition: Tool = {
    ...tool.definition,
    description: [tool.definition.description, ...notes].filter(Boolean).join(" "),
    inputSchema: inputSchema as Tool["inputSchema"],
  };
  if (narrowing.confirm && tool.definition.annotations) {
    const title = tool.definition.annotations.title ?? tool.definition.title ?? tool.name;
    definition.annotations = {
      ...tool.definition.annotations,
      title: `${title} (asks for confirmation)`,
    };
  }
  return { ...tool, definition };
}

/** One property narrowed by one rule, its description ending with the rule in words. */
function narrowProperty(own: JsonSchemaProperty, r: CompiledRule): JsonSchemaProperty {
  const { rule } = r;
  const property: JsonSchemaProperty = { ...own };
  const target: Record<string, unknown> = r.isList
    ? ((property.items = { ...(own.items as object) }) as Record<string, unknown>)
    : property;
  for (const allowed of [rule.enum, rule.allowed_ids]) {
    if (!allowed) continue;
    const current = target.enum as unknown[] | undefined;
    target.enum = current
      ? current.filter((v) => (allowed as unknown[]).includes(v))
      : [...allowed];
  }
  if (rule.pattern !== undefined)
    target.pattern =
      typeof target.pattern === "string"
        ? bothPatterns(target.pattern, rule.pattern)
        : rule.pattern;
  if (rule.maximum !== undefined)
    property.maximum =
      typeof own.maximum === "number" ? Math.min(own.maximum, rule.maximum) : rule.maximum;
  property.description = `${own.description} On this server it ${describeRule(rule)}.`;
  return property;
}

/**
 * One pattern that matches where both do (JSON Schema patterns are unanchored searches): two
 * lookaheads from the start, each free to find its pattern anywhere.
 */
export function bothPatterns(a: string, b: string): string {
  return `^(?=[\\s\\S]*?(?:${a}))(?=[\\s\\S]*?(?:${b}))`;
}
