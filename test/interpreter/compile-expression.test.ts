import { describe, expect, it } from "vitest";
import { compileExpression } from "../../src/interpreter/compile-expression.js";

describe("compileExpression", () => {
  it("compiles the same text once per process and evaluates it on any input", async () => {
    const first = compileExpression("{ 'id': incident.id }");
    const again = compileExpression("{ 'id': incident.id }");
    expect(again).toBe(first);
    if (!("expression" in first)) throw new Error("expected an expression");
    expect(await first.expression.evaluate({ incident: { id: "P1" } })).toEqual({ id: "P1" });
    expect(await first.expression.evaluate({ incident: { id: "P2" } })).toEqual({ id: "P2" });
  });

  it("reports a syntax error with its position, every time it is asked", () => {
    const problem = compileExpression("{ 'id': ");
    expect(problem).toEqual({
      problem: expect.stringMatching(/^is not a valid JSONata expression/),
    });
    expect(compileExpression("{ 'id': ")).toEqual(problem);
  });
});
