import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as prettier from "prettier";
import { missingSpecMessage, openApiPath, readOpenApi } from "../src/generator/openapi-document.js";
import { runGenerator } from "../src/generator/run-generator.js";

export const REPO_ROOT = new URL("../", import.meta.url).pathname;

/**
 * The generated resource files as they must be on disk: one JSON document per resource, laid out
 * by prettier with the repository's settings (same description -> same bytes).
 */
export async function renderGeneratedFiles(
  spec: Record<string, unknown>,
  integrationDir = join(REPO_ROOT, "integrations/pagerduty"),
): Promise<Map<string, string>> {
  const result = runGenerator(spec, integrationDir);
  const config = (await prettier.resolveConfig(join(integrationDir, "x.json"))) ?? {};
  const out = new Map<string, string>();
  for (const [name, doc] of result.files)
    out.set(name, await prettier.format(JSON.stringify(doc), { ...config, parser: "json" }));
  return out;
}

/** Files that differ between disk and the generator's output: [name, what is wrong]. */
export async function staleFiles(
  dir: string,
  expected: Map<string, string>,
): Promise<Array<[string, string]>> {
  const stale: Array<[string, string]> = [];
  const present = await listJson(dir);
  for (const [name, text] of expected) {
    if (!present.includes(name)) stale.push([name, "missing"]);
    else if ((await readFile(join(dir, name), "utf8")) !== text) stale.push([name, "differs"]);
  }
  for (const name of present) if (!expected.has(name)) stale.push([name, "not generated any more"]);
  return stale;
}

async function listJson(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const specPath = openApiPath(REPO_ROOT);
  const spec = readOpenApi(specPath);
  if (!spec) {
    console.error(missingSpecMessage(specPath));
    return 1;
  }
  const dir = join(REPO_ROOT, "integrations/pagerduty/generated");
  const expected = await renderGeneratedFiles(spec);
  const stale = await staleFiles(dir, expected);
  if (check) {
    if (stale.length === 0) {
      console.log(`generated resources are up to date (${expected.size} files)`);
      return 0;
    }
    console.error(
      `integrations/pagerduty/generated/ is stale; run npm run generate:resources and commit:\n${stale.map(([n, why]) => `  ${n}: ${why}`).join("\n")}`,
    );
    return 1;
  }
  await mkdir(dir, { recursive: true });
  for (const [name, why] of stale) {
    if (why === "not generated any more") await rm(join(dir, name));
    else await writeFile(join(dir, name), expected.get(name)!);
  }
  console.log(
    `integrations/pagerduty/generated/: ${expected.size} files, ${stale.length} written or removed`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  process.exitCode = await main();
}
