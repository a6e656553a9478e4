import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatSupport } from "./format-support.js";
import { generateResources, type GeneratorResult } from "./generate-resources.js";
import type { Json } from "./openapi-document.js";

/** The resource format's JSON Schema, whose optional features decide what the generator writes. */
const RESOURCE_SCHEMA = fileURLToPath(
  new URL("../config/schemas/resource.schema.json", import.meta.url),
);

/**
 * Runs the generator over a description for the integration in `integrationDir` (its
 * integration.json gives the tool name infix; its resources/ the curated claims).
 */
export function runGenerator(spec: Json, integrationDir: string): GeneratorResult {
  const integration = JSON.parse(
    readFileSync(join(integrationDir, "integration.json"), "utf8"),
  ) as {
    tool_prefix?: string;
  };
  const schema = JSON.parse(readFileSync(RESOURCE_SCHEMA, "utf8")) as Json;
  return generateResources({
    spec,
    integrationDir,
    infix: integration.tool_prefix ?? "pager_duty",
    supports: formatSupport(schema),
  });
}
