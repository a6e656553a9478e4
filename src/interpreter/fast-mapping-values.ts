/**
 * Values and sequences of the fast JSONata subset (see fast-mapping.ts), shared by the compiler
 * and its operators.
 */

/** A node of jsonata's AST, as far as the subset reads it. */
export type Node = {
  type: string;
  value?: unknown;
  steps?: Node[];
  lhs?: Array<[Node, Node]>;
  expressions?: Node[];
  condition?: Node;
  then?: Node;
  else?: Node;
  consarray?: boolean;
  [key: string]: unknown;
};

/** A compiled expression: input in, jsonata's (collapsed) result out. */
export type Compiled = (input: unknown) => unknown;

/** Thrown at run time when an input needs semantics the fast path does not model. */
export class Unsupported extends Error {}

/**
 * A jsonata sequence (a result that is not a JSON array but a stream of values). jsonata tags
 * arrays with a property, and defining a property on an array makes V8 switch it to a slow
 * representation; a WeakSet tag was as costly. So sequences are this small wrapper internally and
 * become plain arrays where they leave an expression: a sequence of two or more values and an
 * array holding the same values give the same result everywhere our subset can put them.
 */
export class Seq {
  readonly items: unknown[] = [];
}

/** jsonata's collapse at the end of every evaluate: empty sequence -> undefined, singleton -> item. */
export function collapse(v: unknown): unknown {
  if (v instanceof Seq) {
    if (v.items.length === 0) return undefined;
    if (v.items.length === 1) return v.items[0];
  }
  return v;
}

/** The JSON value of a (collapsed) result. */
export function plain(v: unknown): unknown {
  return v instanceof Seq ? v.items : v;
}

/** The items a path iterates over: a sequence's or an array's items, else the value alone. */
export function itemsOf(v: unknown): unknown[] {
  return v instanceof Seq ? v.items : Array.isArray(v) ? v : [v];
}
