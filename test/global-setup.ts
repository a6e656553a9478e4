import type { TestProject } from "vitest/node";
import { missingSpecMessage, openApiPath } from "../src/generator/openapi-document.js";
import { existsSync } from "node:fs";
import { ensureBuilt } from "../scripts/build.mjs";
import { REPO_ROOT } from "./helpers/config-dir.js";

declare module "vitest" {
  interface ProvidedContext {
    /** PagerDuty's OpenAPI description, or null when it is absent (those tests then skip). */
    openapiPath: string | null;
  }
}

/**
 * Runs once per test run, before any test file.
 *
 * It builds dist/ when a source changed: the CLI tests run bin/pd-mcp.js (which runs dist/) and
 * the deploy tests start `node dist/src/main.js`.
 *
 * Tests that need PagerDuty's OpenAPI description skip without it, and this prints the one line
 * that says so and how to run them; under CI=true a missing description fails the run instead,
 * so CI never passes by skipping.
 */
export async function setup(project: TestProject): Promise<void> {
  await ensureBuilt({ quiet: true });
  const path = openApiPath(REPO_ROOT);
  if (existsSync(path)) {
    project.provide("openapiPath", path);
    return;
  }
  if (process.env.CI === "true") throw new Error(`CI=true: ${missingSpecMessage(path)}`);
  console.warn(
    `Skipping the tests that need PagerDuty's OpenAPI description (not found at ${path}); to run them: PAGERDUTY_OPENAPI_PATH=/path/to/openapiv3.json npm test`,
  );
  project.provide("openapiPath", null);
}
