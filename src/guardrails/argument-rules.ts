import { isDeepStrictEqual } from "node:util";
import type { ArgumentRule } from "../config/types/server.js";
import type { JsonSchemaProperty } from "../interpreter/input-schema.js";

/** One argument rule of a server file, ready to check calls against. */
export interface CompiledRule {
  argument: string;
  rule: ArgumentRule;
  /** Where the rule is written, in the words of the error messages: constraints.<tool>.<arg>. */
  source: string;
  /** The rule's pattern, compiled once. */
  regex?: RegExp;
  /** The argument is a list: enum, allowed_ids and pattern apply to each item. */
  isList: boolean;
}

/** The part of a property schema a rule speaks about: the value itself, or a list's items. */
interface ValueSchema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

const RULE_KEYS = ["const", "enum", "allowed_ids", "pattern", "maximum", "required"] as const;

/**
 * Problems of one rule against the argument's own schema, as [pointer suffix, message]: a rule
 * that cannot apply (enum on a number list, pattern on an integer, a value the tool itself
 * refuses) would silently change nothing or refuse everything, so it is a config error.
 */
export function ruleProblems(
  rule: ArgumentRule,
  property: JsonSchemaProperty,
): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const isList = property.type === "array";
  const target = (isList ? (property.items ?? {}) : property) as ValueSchema;
  const kind = isList ? `a list of ${target.type ?? "values"}` : String(property.type);
  if (rule.const !== undefined) {
    const others = RULE_KEYS.filter((k) => k !== "const" && k !== "required" && k in rule);
    if (others.length > 0)
      problems.push(["", `fixes the value with const: remove ${others.join(", ")}`]);
    const why = isList
      ? Array.isArray(rule.const)
        ? rule.const.map((v) => refusal(v, target)).find(Boolean)
        : `must be a list, since the argument is ${kind}`
      : refusal(rule.const, property as ValueSchema);
    if (why) problems.push(["/const", why]);
  }
  if (rule.enum) {
    if (!["string", "integer", "number", "boolean"].includes(target.type ?? ""))
      problems.push(["/enum", `cannot apply: the argument is ${kind}`]);
    else
      rule.enum.forEach((v, i) => {
        const why = refusal(v, target);
        if (why) problems.push([`/enum/${i}`, why]);
      });
  }
  if (rule.allowed_ids) {
    if (target.type !== "string" || target.enum)
      problems.push([
        "/allowed_ids",
        `applies to ID arguments (text, or lists of text, with no fixed values); the argument is ${target.enum ? `one of ${target.enum.join(", ")}` : kind}`,
      ]);
    else
      rule.allowed_ids.forEach((id, i) => {
        const why = refusal(id, target);
        if (why) problems.push([`/allowed_ids/${i}`, why]);
      });
  }
  if (rule.pattern !== undefined) {
    if (target.type !== "string")
      problems.push(["/pattern", `applies to text arguments; the argument is ${kind}`]);
    else {
      const bad = regexProblem(rule.pattern);
      if (bad) problems.push(["/pattern", `is not a valid regular expression: ${bad}`]);
    }
  }
  if (rule.maximum !== undefined) {
    if (isList || (property.type !== "integer" && property.type !== "number"))
      problems.push(["/maximum", `applies to number arguments; the argument is ${kind}`]);
    else if (typeof property.minimum === "number" && rule.maximum < property.minimum)
      problems.push([
        "/maximum",
        `is below the tool's own minimum ${property.minimum}: no value would be allowed`,
      ]);
  }
  return problems;
}

/** Why the tool itself would refuse `value`, or undefined when it accepts it. */
function refusal(value: unknown, schema: ValueSchema): string | undefined {
  const type = schema.type;
  const ok =
    type === "integer"
      ? Number.isInteger(value)
      : type === "number"
        ? typeof value === "number"
        : type === "array"
          ? Array.isArray(value)
          : typeof value === type;
  if (!ok) return `must be ${type === "integer" ? "an integer" : `a ${type}`}, like the argument`;
  if (schema.enum && !schema.enum.some((e) => isDeepStrictEqual(e, value)))
    return `must be one of the tool's own values ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  if (typeof value === "string" && schema.pattern && !new RegExp(schema.pattern, "u").test(value))
    return `must match the argument's own pattern ${schema.pattern}`;
  if (typeof value === "number" && typeof schema.maximum === "number" && value > schema.maximum)
    return `must be at most the argument's own maximum ${schema.maximum}`;
  if (typeof value === "number" && typeof schema.minimum === "number" && value < schema.minimum)
    return `must be at least the argument's own minimum ${schema.minimum}`;
  return undefined;
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Compiles one checked rule. */
export function compileRule(
  tool: string,
  argument: string,
  rule: ArgumentRule,
  property: JsonSchemaProperty,
): CompiledRule {
  return {
    argument,
    rule,
    source: `constraints.${tool}.${argument}`,
    regex: rule.pattern === undefined ? undefined : new RegExp(rule.pattern, "u"),
    isList: property.type === "array",
  };
}

/** The rule in words, for tool descriptions and refusals ("must be one of low"). */
export function describeRule(rule: ArgumentRule): string {
  const parts: string[] = [];
  if (rule.const !== undefined) parts.push(`is fixed to ${JSON.stringify(rule.const)}`);
  const allowed = rule.enum ?? rule.allowed_ids;
  if (rule.enum && rule.allowed_ids)
    parts.push(`must be one of ${intersect(rule.enum, rule.allowed_ids).join(", ")}`);
  else if (allowed) parts.push(`must be one of ${allowed.join(", ")}`);
  if (rule.pattern !== undefined) parts.push(`must match /${rule.pattern}/`);
  if (rule.maximum !== undefined) parts.push(`must be at most ${rule.maximum}`);
  if (rule.required) parts.push("must be given");
  return parts.join(", ");
}

function intersect(a: unknown[], b: unknown[]): unknown[] {
  return a.filter((v) => b.includes(v as string));
}

/**
 * Checks a call's arguments against a tool's rules and fills in const values. Values of the wrong
 * type are left to the tool's own validation; every broken rule is reported, naming it.
 */
export function applyRules(
  rules: CompiledRule[],
  args: Record<string, unknown>,
): { args: Record<string, unknown> } | { violations: string[] } {
  const violations: string[] = [];
  const filled = { ...args };
  for (const r of rules) {
    const { rule, argument } = r;
    const value = args[argument];
    const broken = (key: string, what: string) =>
      violations.push(`${argument} ${what} (this server's rule ${r.source}.${key})`);
    if (rule.const !== undefined) {
      if (value === undefined) filled[argument] = rule.const;
      else if (!isDeepStrictEqual(value, rule.const))
        broken("const", `is fixed to ${JSON.stringify(rule.const)} on this server: leave it out`);
      continue;
    }
    if (value === undefined) {
      if (rule.required) broken("required", "must be given");
      continue;
    }
    const items = r.isList && Array.isArray(value) ? value : [value];
    const each = r.isList ? "each item of " : "";
    for (const [key, list] of [
      ["enum", rule.enum],
      ["allowed_ids", rule.allowed_ids],
    ] as const) {
      const outside = list ? items.filter((v) => !(list as unknown[]).includes(v)) : [];
      if (outside.length > 0)
        broken(
          key,
          `${r.isList ? `has ${outside.map((v) => JSON.stringify(v)).join(", ")}, but ${each}${argument}` : `is ${JSON.stringify(value)}, but it`} must be one of ${list!.join(", ")}`,
        );
    }
    if (r.regex && items.some((v) => typeof v === "string" && !r.regex!.test(v)))
      broken("pattern", `must match /${rule.pattern}/${r.isList ? " (each item)" : ""}`);
    if (rule.maximum !== undefined && typeof value === "number" && value > rule.maximum)
      broken("maximum", `is ${value}, but must be at most ${rule.maximum}`);
  }
  return violations.length > 0 ? { violations } : { args: filled };
}
