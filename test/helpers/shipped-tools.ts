import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.js";
import type { CompiledTool } from "../../src/interpreter/compiled-tool.js";
import { REPO_ROOT } from "./config-dir.js";

/** The shipped PagerDuty tools, compiled. */
export async function shippedTools(): Promise<Map<string, CompiledTool>> {
  const result = await loadConfig({
    integrationsDir: join(REPO_ROOT, "integrations"),
    serversDir: join(REPO_ROOT, "does-not-exist"),
  });
  if (!result.ok)
    throw new Error(`shipped config is invalid:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.snapshot.integrations.get("pagerduty")!.tools;
}
