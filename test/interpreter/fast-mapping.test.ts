import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import jsonata from "jsonata";
import { describe, expect, test } from "vitest";
import { compileExpression } from "../../src/interpreter/compile-expression.js";
import { REPO_ROOT } from "../helpers/config-dir.js";

/** Every JSONata expression in the shipped resource files, named by where it is. */
function shippedExpressions(): Array<[string, string]> {
  const dir = join(REPO_ROOT, "integrations/pagerduty/resources");
  const out: Array<[string, string]> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(dir, file), "utf8"));
    for (const [key, method] of Object.entries<any>(doc.methods)) {
      out.push([`${file} /methods/${key}/response/mapping`, method.response.mapping]);
      if (method.body) out.push([`${file} /methods/${key}/body`, method.body]);
    }
  }
  return out;
}

/** Field names an expression reads, to build inputs that exercise it. */
function names(ast: any, acc = new Set<string>()): Set<string> {
  if (ast && typeof ast === "object") {
    if (ast.type === "name") acc.add(ast.value);
    for (const v of Object.values(ast)) names(v, acc);
  }
  return acc;
}

/** A deterministic pseudo-random JSON document over the given field names. */
function randomDoc(fields: string[], seed: number): unknown {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.25)
      return [null, "", "text", 0, 7, true, false, undefined][Math.floor(rnd() * 8)];
    if (r < 0.45) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 5; i++) o[fields[Math.floor(rnd() * fields.length)]] = value(depth + 1);
    return o;
  };
  const root: Record<string, unknown> = {};
  for (const f of fields) root[f] = value(0);
  return root;
}

const json = (v: unknown) => JSON.stringify(v);

describe("fast mapping compiler", () => {
  const expressions = shippedExpressions();

  test("every shipped expression but the known few is compiled to the fast form", () => {
    const slow = expressions.filter(([, source]) => {
      const compiled = compileExpression(source);
      return !("expression" in compiled && compiled.expression.fast);
    });
    // Positional bindings (#$i) and variable blocks stay with jsonata; add to this list deliberately.
    expect(slow.map(([where]) => where)).toEqual([
      "escalation_policies.json /methods/list/response/mapping",
      "escalation_policies.json /methods/get/response/mapping",
      "schedule_overrides.json /methods/create/response/mapping",
    ]);
  });

  test.each(expressions)(
    "%s gives jsonata's result on 300 random documents",
    async (_where, source) => {
      const reference = jsonata(source);
      const fields = [...names(reference.ast())];
      for (let seed = 1; seed <= 300; seed++) {
        const doc = randomDoc(fields, seed);
        let expected: unknown;
        let expectedError = false;
        try {
          expected = await reference.evaluate(doc);
        } catch {
          expectedError = true;
        }
        const compiled = compileExpression(source);
        let actual: unknown;
        let actualError = false;
        try {
          actual = "expression" in compiled ? await compiled.expression.evaluate(doc) : undefined;
        } catch {
          actualError = true;
        }
        expect(actualError, `seed ${seed}: error mismatch on ${json(doc)}`).toBe(expectedError);
        if (!expectedError) expect(json(actual), `seed ${seed}: ${json(doc)}`).toBe(json(expected));
      }
    },
  );

  test.each([
    ["singleton path collapses", "a.b", { a: [{ b: 1 }] }],
    ["empty array field stays an array", "a", { a: [] }],
    ["nested arrays flatten one level", "a.b", { a: [{ b: [1, 2] }, { b: [3] }] }],
    ["array constructor keeps a single result an array", '[a.{"x": b}]', { a: { b: 1 } }],
    ["undefined values drop keys", '{"x": missing, "y": 1}', {}],
    ["condition without else", 'a ? {"k": a}', { a: "" }],
    ["condition on an empty object", "a ? 1 : 2", { a: {} }],
    ["$ in a path step", 'ids.{"id": $, "type": "ref"}', { ids: ["P1", "P2"] }],
    ["literal null", '{"n": null}', {}],
  ])("%s", async (_intent, source, input) => {
    const compiled = compileExpression(source);
    expect("expression" in compiled && compiled.expression.fast).toBe(true);
    const actual = "expression" in compiled ? await compiled.expression.evaluate(input) : undefined;
    expect(json(actual)).toBe(json(await jsonata(source).evaluate(input)));
  });

  test.each([
    ["an unknown function call", "$uppercase(a)"],
    ["a filter", "a[0]"],
    ["arithmetic", "a + 1"],
    ["a positional binding", 'a#$i.{"i": $i}'],
    ["a computed key", "{a: 1}"],
  ])("%s falls back to jsonata", async (_intent, source) => {
    const compiled = compileExpression(source);
    expect("expression" in compiled && compiled.expression.fast).toBe(false);
  });

  test("an object constructor over several items falls back to jsonata's grouping at run time", async () => {
    const compiled = compileExpression('$.{"n": name}');
    const input = [{ name: "a" }, { name: "b" }];
    const actual = "expression" in compiled ? await compiled.expression.evaluate(input) : undefined;
    expect(json(actual)).toBe(json(await jsonata('$.{"n": name}').evaluate(input)));
  });
});
