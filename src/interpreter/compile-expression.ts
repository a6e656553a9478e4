import jsonata from "jsonata";
import { compileFast, Unsupported } from "./fast-mapping.js";

/** A compiled JSONata expression. `evaluate` may answer synchronously (fast path) or with a promise. */
export interface Expression {
  source: string;
  /** True when the fast compiled form is used (see fast-mapping.ts). */
  fast: boolean;
  evaluate(input: unknown): unknown | Promise<unknown>;
}

/** A compiled expression, or the problem that stopped it compiling. */
export type CompiledExpression = { expression: Expression } | { problem: string };

/**
 * Compiles a JSONata expression once, at load time: jsonata parses it (a syntax error comes back
 * with its character position), then the subset our files use is compiled to a plain function.
 * Whatever falls outside the subset, at load or at run time, is evaluated by jsonata itself.
 */
export function compileExpression(source: string): CompiledExpression {
  let compiled = compiledBySource.get(source);
  if (!compiled) {
    compiled = compile(source);
    if (compiledBySource.size >= MEMO_MAX) compiledBySource.clear();
    compiledBySource.set(source, compiled);
  }
  return compiled;
}

// A compiled expression is immutable and holds no state between evaluations, so one serves every
// tool with the same source: many generated methods share mappings, and a hot reload of one file
// finds most of its expressions here. Bounded: a long-running process that sees many edits starts
// the memo over.
const MEMO_MAX = 5000;
const compiledBySource = new Map<string, CompiledExpression>();

function compile(source: string): CompiledExpression {
  let parsed: jsonata.Expression;
  try {
    parsed = jsonata(source);
  } catch (e) {
    const err = e as { message?: string; position?: number };
    const where = typeof err.position === "number" ? ` at character ${err.position}` : "";
    return { problem: `is not a valid JSONata expression${where}: ${err.message ?? String(e)}` };
  }
  const fast = compileFast(parsed.ast());
  if (!fast)
    return { expression: { source, fast: false, evaluate: (input) => parsed.evaluate(input) } };
  return {
    expression: {
      source,
      fast: true,
      evaluate(input) {
        try {
          return fast(input);
        } catch (e) {
          if (e instanceof Unsupported) return parsed.evaluate(input);
          throw e;
        }
      },
    },
  };
}
