import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  compileExpression,
  parsedExpressions,
  trustParsed,
} from "../../src/interpreter/compile-expression.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

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

describe("trusted sources (parsed on first use)", () => {
  afterEach(() => trustParsed([]));

  it("defers the parse of a trusted source to its first evaluation, with the same result", async () => {
    const source = "{ 'trusted_id': incident.id }";
    trustParsed([sha256(source)]);
    const compiled = compileExpression(source);
    if (!("expression" in compiled)) throw new Error("expected an expression");
    expect(await compiled.expression.evaluate({ incident: { id: "P9" } })).toEqual({
      trusted_id: "P9",
    });
    expect(compiled.expression.fast).toBe(true);
  });

  it("a trusted source that does not parse after all fails when evaluated, with the syntax error", () => {
    const source = "{ 'broken_but_trusted': ";
    trustParsed([sha256(source)]);
    const compiled = compileExpression(source);
    if (!("expression" in compiled)) throw new Error("expected a deferred expression");
    expect(() => compiled.expression.evaluate({})).toThrow(/is not a valid JSONata expression/);
  });

  it("counts the sources parsed since the last trust and lists the good ones in use", () => {
    trustParsed([]);
    const fresh = "{ 'counted': $string(incident.number) }";
    compileExpression(fresh);
    compileExpression("{ 'never valid': ");
    const { sha256: hashes, added } = parsedExpressions();
    expect(added).toBeGreaterThanOrEqual(1);
    expect(hashes).toContain(sha256(fresh));
    expect(hashes).not.toContain(sha256("{ 'never valid': "));
    trustParsed(hashes);
    expect(parsedExpressions().added).toBe(0);
  });
});
