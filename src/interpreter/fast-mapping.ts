/**
 * A compiler from the JSONata subset our resource files use (paths of field names, object and
 * array constructors, conditions, literals, `$`) to plain synchronous functions. JSONata's own
 * evaluator costs about 1.2 ms to map a page of 25 incidents (measured; it is asynchronous and
 * re-walks the AST per item), which alone exceeded the per-call budget; the compiled form runs
 * the same mapping in a few microseconds.
 *
 * Semantics follow jsonata's evaluator (jsonata.js: evaluatePath, evaluateStep, lookup,
 * evaluateGroupExpression, the '[' constructor, evaluateCondition, fn.boolean, and the sequence
 * collapse at the end of evaluate). Anything outside the subset is not compiled (compile returns
 * undefined) and input shapes the subset does not model throw Unsupported at run time; callers
 * then use jsonata itself, so the result is always jsonata's. A test compares both on every
 * shipped expression.
 */

import { binary, call, condition } from "./fast-mapping-operators.js";
import {
  collapse,
  itemsOf,
  plain,
  Seq,
  Unsupported,
  type Compiled,
  type Node,
} from "./fast-mapping-values.js";

export { Unsupported } from "./fast-mapping-values.js";

/** An array built by an array constructor that starts a path step; steps do not flatten it. */
type Cons = unknown[] & { cons?: boolean };

/** Properties that make a node need jsonata's full evaluator. */
const UNSUPPORTED_KEYS = [
  "stages",
  "predicate",
  "group",
  "focus",
  "index",
  "tuple",
  "keepArray",
  "keepSingletonArray",
  "ancestor",
  "seekingParent",
];

/** Compiles a jsonata AST, or returns undefined when it uses anything outside the subset. */
export function compileFast(ast: unknown): Compiled | undefined {
  try {
    const run = node(ast as Node);
    return (input) => plain(run(input));
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function node(n: Node): Compiled {
  for (const key of UNSUPPORTED_KEYS) if (key in n) throw new Unsupported(key);
  switch (n.type) {
    case "string":
    case "number":
    case "value": {
      const v = n.value;
      return () => v;
    }
    case "variable":
      if (n.value !== "") throw new Unsupported("variable");
      return (input) => input;
    case "path":
      return path(n);
    case "condition":
      return condition(n, node);
    case "binary":
      return binary(n, node);
    case "function":
      return call(n, node);
    case "unary":
      if (n.value === "{") return objectConstructor(n);
      if (n.value === "[") return arrayConstructor(n);
      throw new Unsupported("unary");
    default:
      throw new Unsupported(n.type);
  }
}

/** A step of a path evaluated against one item (no collapse yet). */
type Step = { run: Compiled; isName: boolean };

function path(n: Node): Compiled {
  const steps: Step[] = (n.steps ?? []).map((s) => {
    if (s.type === "name") {
      for (const key of UNSUPPORTED_KEYS) if (key in s) throw new Unsupported(key);
      const key = String(s.value);
      return { run: (item: unknown) => collapse(lookup(item, key)), isName: true };
    }
    if (s.type === "unary" && s.value === "[" && s.consarray)
      throw new Unsupported("consarray step");
    return { run: node(s), isName: false };
  });
  if (steps.length === 0) throw new Unsupported("empty path");
  const firstIsVariable = n.steps![0].type === "variable";
  const general = (input: unknown): unknown => {
    let items: unknown[] = firstIsVariable ? [input] : itemsOf(input);
    let result: Seq | unknown[] = new Seq();
    for (let i = 0; i < steps.length; i++) {
      result = step(steps[i].run, items, i === steps.length - 1);
      const values = result instanceof Seq ? result.items : result;
      if (values.length === 0) break;
      items = values;
    }
    return collapse(result);
  };
  if (!n.steps!.every((s) => s.type === "name")) return general;
  // The common case, a chain of field names through objects, needs none of the sequence
  // machinery: the result is the value at the end (or undefined). Arrays on the way take the
  // general route.
  const keys = n.steps!.map((s) => String(s.value));
  return (input) => {
    let v = input;
    for (const key of keys) {
      if (v === null || typeof v !== "object") return undefined;
      if (Array.isArray(v) || v instanceof Seq) return general(input);
      v = (v as Record<string, unknown>)[key];
      if (v === undefined) return undefined;
    }
    return v;
  };
}

/** jsonata's evaluateStep: apply to each item, drop undefined, flatten one level. */
function step(run: Compiled, items: unknown[], lastStep: boolean): Seq | unknown[] {
  const results: unknown[] = [];
  for (const item of items) {
    const r = run(item);
    if (r !== undefined) results.push(r);
  }
  if (lastStep && results.length === 1 && Array.isArray(results[0])) return results[0] as unknown[];
  const out = new Seq();
  for (const r of results) {
    if (r instanceof Seq) for (const v of r.items) out.items.push(v);
    else if (!Array.isArray(r) || (r as Cons).cons) out.items.push(r);
    else for (const v of r) out.items.push(v);
  }
  return out;
}

/** jsonata's lookup: a field of an object; over an array, of each element, flattened. */
function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input) || input instanceof Seq) {
    const out = new Seq();
    for (const el of itemsOf(input)) {
      const r = lookup(el, key);
      if (r === undefined) continue;
      if (r instanceof Seq) for (const v of r.items) out.items.push(v);
      else if (Array.isArray(r)) for (const v of r) out.items.push(v);
      else out.items.push(r);
    }
    return out;
  }
  if (input !== null && typeof input === "object") return (input as Record<string, unknown>)[key];
  return undefined;
}

function objectConstructor(n: Node): Compiled {
  const pairs = (n.lhs ?? []).map(([k, v]) => {
    if (k.type !== "string") throw new Unsupported("computed key");
    return { key: String(k.value), value: node(v) };
  });
  if (new Set(pairs.map((p) => p.key)).size !== pairs.length)
    throw new Unsupported("duplicate key");
  return (input) => {
    // Grouping over several items (an array context) is jsonata's alone.
    let item = input;
    if (Array.isArray(input) || input instanceof Seq) {
      const items = itemsOf(input);
      if (items.length !== 1) throw new Unsupported("group over array");
      item = items[0];
    }
    const out: Record<string, unknown> = {};
    for (const p of pairs) {
      const v = p.value(item);
      if (v !== undefined) out[p.key] = plain(v);
    }
    return out;
  };
}

function arrayConstructor(n: Node): Compiled {
  const items = (n.expressions ?? []).map((e) => ({
    run: node(e),
    nested: e.type === "unary" && e.value === "[",
  }));
  const cons = n.consarray === true;
  return (input) => {
    let out: unknown[] = [];
    for (const it of items) {
      const v = it.run(input);
      if (v === undefined) continue;
      if (it.nested) out.push(plain(v));
      else if (v instanceof Seq) out = out.concat(v.items);
      else out = out.concat(Array.isArray(v) ? v : [v]);
    }
    if (cons) (out as Cons).cons = true;
    return out;
  };
}
