import jsonata from "jsonata";
import { LRUCache } from "lru-cache";
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
 * Compiled expressions by source. Generated resource files repeat the same mappings (403
 * expressions, 219 distinct over the whole API) and a reload recompiles every file: the same text
 * compiles once per process. Compiled expressions hold no state between evaluations. Bounded, so a
 * long-running service whose files are edited again and again does not keep every old version.
 */
const compiled = new LRUCache<string, CompiledExpression>({ max: 4096 });

/**
 * Compiles a JSONata expression once per process (see `compiled`), at load time: jsonata parses it (a syntax error comes back
 * with its character position), then the subset our files use is compiled to a plain function.
 * Whatever falls outside the subset, at load or at run time, is evaluated by jsonata itself.
 */
export function compileExpression(source: string): CompiledExpression {
  let result = compiled.get(source);
  if (result === undefined) {
    result = compile(source);
    compiled.set(source, result);
  }
  return result;
}

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
