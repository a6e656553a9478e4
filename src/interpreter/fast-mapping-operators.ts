import { plain, Unsupported, type Compiled, type Node } from "./fast-mapping-values.js";

/** Compiles a child node; passed in so this file does not depend on the compiler. */
type CompileNode = (n: Node) => Compiled;

/** `test ? then : else`, with jsonata's truthiness. */
export function condition(n: Node, node: CompileNode): Compiled {
  const test = node(n.condition!);
  const then = node(n.then!);
  const otherwise = n.else ? node(n.else) : undefined;
  return (input) => (truthy(test(input)) ? then(input) : otherwise?.(input));
}

/** Comparison and boolean operators; type errors are left to jsonata. */
export function binary(n: Node, node: CompileNode): Compiled {
  const lhs = node(n.lhs as unknown as Node);
  const rhs = node(n.rhs as unknown as Node);
  switch (n.value) {
    case "and":
      return (input) => truthy(lhs(input)) && truthy(rhs(input));
    case "or":
      return (input) => truthy(lhs(input)) || truthy(rhs(input));
    case "=":
    case "!=": {
      const equal = n.value === "=";
      return (input) => {
        const a = plain(lhs(input));
        const b = plain(rhs(input));
        if (a === undefined || b === undefined) return false;
        return deepEqual(a, b) === equal;
      };
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const op = n.value;
      return (input) => {
        const a = plain(lhs(input));
        const b = plain(rhs(input));
        const comparable = (v: unknown) =>
          v === undefined || typeof v === "string" || typeof v === "number";
        // Type errors are jsonata's to report.
        if (!comparable(a) || !comparable(b)) throw new Unsupported("comparison types");
        if (a === undefined || b === undefined) return undefined;
        if (typeof a !== typeof b) throw new Unsupported("comparison types");
        const x = a as number;
        const y = b as number;
        return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
      };
    }
    default:
      throw new Unsupported(`operator ${String(n.value)}`);
  }
}

/** The few built-in functions our mappings use; others are jsonata's. */
export function call(n: Node, node: CompileNode): Compiled {
  const procedure = n.procedure as Node | undefined;
  if (procedure?.type !== "variable") throw new Unsupported("function");
  const args = ((n.arguments as Node[] | undefined) ?? []).map(node);
  switch (procedure.value) {
    case "exists":
      if (args.length !== 1) throw new Unsupported("$exists arity");
      return (input) => args[0](input) !== undefined;
    case "type":
      if (args.length !== 1) throw new Unsupported("$type arity");
      return (input) => {
        const v = plain(args[0](input));
        if (v === undefined) return undefined;
        if (v === null) return "null";
        if (Array.isArray(v)) return "array";
        return typeof v === "object" ? "object" : typeof v === "function" ? "function" : typeof v;
      };
    case "replace": {
      const [, pattern, replacement] = (n.arguments as Node[]) ?? [];
      if (
        args.length !== 3 ||
        pattern.type !== "string" ||
        replacement.type !== "string" ||
        pattern.value === ""
      ) {
        throw new Unsupported("$replace form");
      }
      const from = String(pattern.value);
      return (input) => {
        const v = plain(args[0](input));
        if (v === undefined) return undefined;
        if (typeof v !== "string") throw new Unsupported("$replace argument");
        // jsonata interprets $0, $1 in a string replacement only for regex patterns.
        return v.split(from).join(String(replacement.value));
      };
    }
    default:
      throw new Unsupported(`$${String(procedure.value)}`);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** jsonata's fn.boolean. */
export function truthy(value: unknown): boolean {
  const v = plain(value);
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length === 1 ? truthy(v[0]) : v.some(truthy);
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (typeof v === "boolean") return v;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return false;
}
