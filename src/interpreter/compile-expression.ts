import jsonata from "jsonata";

/** A compiled JSONata expression, or the problem that stopped it compiling. */
export type CompiledExpression = { expression: jsonata.Expression } | { problem: string };

/**
 * Compiles a JSONata expression once, at load time. A syntax error comes back as a message with
 * the character position so the config error can point at it.
 */
export function compileExpression(source: string): CompiledExpression {
  try {
    return { expression: jsonata(source) };
  } catch (e) {
    const err = e as { message?: string; position?: number; token?: string };
    const where = typeof err.position === "number" ? ` at character ${err.position}` : "";
    return { problem: `is not a valid JSONata expression${where}: ${err.message ?? String(e)}` };
  }
}
