import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type jsonataModule from "jsonata";
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

// jsonata is CommonJS: required on first parse, so a start-up that parses nothing never loads it.
const require = createRequire(import.meta.url);
let jsonataFn: typeof jsonataModule | undefined;
const jsonata = (source: string) =>
  (jsonataFn ??= require("jsonata") as typeof jsonataModule)(source);

/**
 * SHA-256 of sources trusted to parse without error under the installed jsonata version, from an
 * earlier run (expression-cache.ts keeps them in STATE_DIR): a trusted source is parsed on first
 * use instead of at load. Parsing every expression of the whole API cost about a tenth of a second
 * of each start-up, for a verdict that depends only on the text and the jsonata version.
 */
let trusted: ReadonlySet<string> = new Set();
/** Sources parsed without error since the last `trustParsed`, not trusted before. */
let parsedSinceTrusted = 0;

const sha256 = (source: string) => createHash("sha256").update(source).digest("hex");

/** The installed jsonata version (the verdicts of `parsedExpressions()` hold for it only). */
export function jsonataVersion(): string {
  return (require("jsonata/package.json") as { version: string }).version;
}

/**
 * Hashes of the sources in use (the compiled ones kept by this process) that parse without error,
 * and how many of them were parsed since the last `trustParsed`.
 */
export function parsedExpressions(): { sha256: string[]; added: number } {
  const hashes: string[] = [];
  for (const [source, result] of compiled.entries())
    if (!("problem" in result)) hashes.push(sha256(source));
  return { sha256: hashes.sort(), added: parsedSinceTrusted };
}

/**
 * Trusts that these sources (by SHA-256) parse without error under the installed jsonata version:
 * compileExpression then defers their parse to first use. Only for verdicts this code reached with
 * this jsonata version (expression-cache.ts checks the version). Should a trusted source fail after
 * all, the tool call that evaluates it fails with the syntax error; nothing is sent upstream.
 */
export function trustParsed(hashes: Iterable<string>): void {
  trusted = new Set(hashes);
  parsedSinceTrusted = 0;
}

/**
 * Compiles a JSONata expression once per process (see `compiled`), at load time: jsonata parses it (a syntax error comes back
 * with its character position), then the subset our files use is compiled to a plain function.
 * Whatever falls outside the subset, at load or at run time, is evaluated by jsonata itself.
 * A trusted source (see `trustParsed`) is parsed and compiled on its first evaluation instead.
 */
export function compileExpression(source: string): CompiledExpression {
  let result = compiled.get(source);
  if (result === undefined) {
    result = trusted.size > 0 && trusted.has(sha256(source)) ? deferred(source) : compile(source);
    compiled.set(source, result);
  }
  return result;
}

/** An expression known to parse, compiled on its first evaluation. */
function deferred(source: string): CompiledExpression {
  let real: Expression | undefined;
  const compiledNow = (): Expression => {
    if (real) return real;
    const outcome = compile(source);
    if ("problem" in outcome)
      throw new Error(`The JSONata expression ${JSON.stringify(source)} ${outcome.problem}`);
    return (real = outcome.expression);
  };
  return {
    expression: {
      source,
      get fast() {
        return compiledNow().fast;
      },
      evaluate: (input) => compiledNow().evaluate(input),
    },
  };
}

function compile(source: string): CompiledExpression {
  let parsed: jsonataModule.Expression;
  try {
    parsed = jsonata(source);
  } catch (e) {
    const err = e as { message?: string; position?: number };
    const where = typeof err.position === "number" ? ` at character ${err.position}` : "";
    return { problem: `is not a valid JSONata expression${where}: ${err.message ?? String(e)}` };
  }
  if (trusted.size === 0 || !trusted.has(sha256(source))) parsedSinceTrusted += 1;
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
