import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatSupport } from "./format-support.js";
import { generateResources, type GeneratorResult } from "./generate-resources.js";
import type { Json } from "./openapi-document.js";

/** Where the generator reads and writes, relative to a repository (or install) root. */
export interface GeneratorPaths {
  /** integrations/<integration> */
  integrationDir: string;
  /** The resource format's JSON Schema, whose optional features decide what is written. */
  resourceSchemaPath: string;
}

/** The default paths for the PagerDuty integration under `integrationsDir`. */
export function generatorPaths(integrationsDir: string, repoRoot: string): GeneratorPaths {
  return {
    integrationDir: join(integrationsDir, "pagerduty"),
    resourceSchemaPath: join(repoRoot, "src/config/schemas/resource.schema.json"),
  };
}

/** Runs the generator over a description with the integration's infix and the format's features. */
export function runGenerator(spec: Json, paths: GeneratorPaths): GeneratorResult {
  const integration = JSON.parse(
    readFileSync(join(paths.integrationDir, "integration.json"), "utf8"),
  ) as { tool_prefix?: string };
  const schema = JSON.parse(readFileSync(paths.resourceSchemaPath, "utf8")) as Json;
  return generateResources({
    spec,
    integrationDir: paths.integrationDir,
    infix: integration.tool_prefix ?? "pager_duty",
    supports: formatSupport(schema),
  });
}
