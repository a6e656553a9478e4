import { inject } from "vitest";
import { readOpenApi, type Json } from "../../src/generator/openapi-document.js";

/**
 * PagerDuty's OpenAPI description for tests that need it, or undefined when it is absent: such
 * tests use describe.skipIf(!spec). test/global-setup.ts prints the one line that explains the
 * skip (and fails the run under CI=true).
 */
export function openApiSpec(): Json | undefined {
  const path = inject("openapiPath");
  return path ? readOpenApi(path) : undefined;
}
