import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderGeneratedFiles, staleFiles } from "../../scripts/generate-resources.js";
import { createResolver, listOperations } from "../../src/generator/openapi-document.js";
import { runGenerator } from "../../src/generator/run-generator.js";
import { REPO_ROOT } from "../helpers/config-dir.js";
import { openApiSpec } from "../helpers/openapi-spec.js";

const spec = openApiSpec();
const INTEGRATION = join(REPO_ROOT, "integrations/pagerduty");
const GENERATED = join(INTEGRATION, "generated");

describe.skipIf(!spec)("npm run generate:resources", () => {
  const result = spec ? runGenerator(spec, INTEGRATION) : undefined;

  test("the committed files are what the generator writes (run npm run generate:resources if not)", async () => {
    expect(await staleFiles(GENERATED, await renderGeneratedFiles(spec!))).toEqual([]);
  });

  test("the same description gives the same bytes", async () => {
    const a = await renderGeneratedFiles(spec!);
    const b = await renderGeneratedFiles(structuredClone(spec!));
    expect([...b]).toEqual([...a]);
  });

  test("every operation has one outcome; excluded ones say why", () => {
    const ops = listOperations(spec!);
    expect(result!.outcomes.map((o) => o.op.operationId)).toEqual(ops.map((o) => o.operationId));
    for (const o of result!.outcomes.filter((x) => x.status === "excluded"))
      expect(o.reason, o.op.operationId).toMatch(/\S/);
  });

  // Every operation of the shipped description is described: an exclusion is a regression.
  test("no operation is excluded", () => {
    const excluded = result!.outcomes.filter((o) => o.status === "excluded");
    expect(excluded.map((o) => `${o.op.operationId}: ${o.reason}`)).toEqual([]);
  });

  test("every deprecated operation is described, and a generated one marked deprecated", () => {
    const deprecated = result!.outcomes.filter((o) => o.op.deprecated);
    expect(deprecated.length).toBeGreaterThan(0);
    for (const o of deprecated) {
      expect(o.status, o.op.operationId).not.toBe("excluded");
      if (o.status !== "generated") continue; // a curated one is checked by its own file
      const file = result!.files.get(o.file!.replace(/^generated\//, "")) as {
        methods: Record<string, { operation_id: string; deprecated?: boolean }>;
      };
      const method = Object.values(file.methods).find((m) => m.operation_id === o.op.operationId);
      expect(method?.deprecated, o.op.operationId).toBe(true);
    }
  });

  test("tool names are unique and at most 64 characters", () => {
    const names = result!.outcomes.map((o) => o.tool!);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => n.length > 64)).toEqual([]);
  });

  // Short phrases ("Delete an escalation policy") are our titles by coincidence; sentences are not.
  test("no description copies the description's prose (it has no license)", () => {
    const deref = createResolver(spec!);
    const prose = new Set<string>();
    const collect = (node: unknown, depth = 0): void => {
      if (!node || typeof node !== "object" || depth > 12) return;
      const n = deref(node);
      for (const key of ["summary", "description"])
        if (typeof n[key] === "string")
          for (const sentence of n[key].split(/(?<=[.!?])\s+/))
            if (sentence.trim().length >= 40) prose.add(sentence.trim());
      for (const v of Object.values(n)) collect(v, depth + 1);
    };
    for (const op of listOperations(spec!)) {
      collect({
        summary: (spec!.paths[op.path][op.method.toLowerCase()] as { summary?: string }).summary,
      });
      collect(spec!.paths[op.path][op.method.toLowerCase()]);
    }
    expect(prose.size).toBeGreaterThan(500);
    const written = JSON.stringify([...result!.files.values()]);
    expect([...prose].filter((sentence) => written.includes(sentence))).toEqual([]);
  });
});

describe("the staleness check", () => {
  test("names files that differ, are missing, or are no longer generated", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pd-mcp-gen-"));
    try {
      await writeFile(join(dir, "a.json"), "{}\n");
      await writeFile(join(dir, "b.json"), '{"old": true}\n');
      await writeFile(join(dir, "gone.json"), "{}\n");
      await writeFile(join(dir, "README.md"), "not a resource\n");
      const expected = new Map([
        ["a.json", "{}\n"],
        ["b.json", "{}\n"],
        ["c.json", "{}\n"],
      ]);
      expect(await staleFiles(dir, expected)).toEqual([
        ["b.json", "differs"],
        ["c.json", "missing"],
        ["gone.json", "not generated any more"],
      ]);
      expect(await readFile(join(dir, "README.md"), "utf8")).toBe("not a resource\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
