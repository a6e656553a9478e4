import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { coverageReport, type CoverageEntry } from "../generator/coverage.js";
import { missingSpecMessage, openApiPath, readOpenApi } from "../generator/openapi-document.js";
import { readSettings } from "../settings.js";
import { EXIT, print } from "./output.js";
import { formatTable } from "./table.js";

/**
 * `pd-mcp coverage [--json]`: every operation of PagerDuty's OpenAPI description with the tool
 * that calls it and whether a curated or a generated file describes it, or why it is excluded.
 * Exits 1 when an operation is uncovered without a reason (stale generated files), 2 without the
 * description.
 */
export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description(
      "List every operation of PagerDuty's OpenAPI description (PAGERDUTY_OPENAPI_PATH) with its tool: curated, generated or excluded (with the reason); exit 1 if one is uncovered",
    )
    .option("--integration <name>", "integration folder in INTEGRATIONS_DIR", "pagerduty")
    .option("--json", 'print {"total": N, "operations": [...]}')
    .action((opts: { integration: string; json?: boolean }) => {
      const settings = readSettings();
      const specPath = openApiPath();
      const spec = readOpenApi(specPath);
      if (!spec) {
        console.error(missingSpecMessage(specPath));
        process.exitCode = EXIT.refused;
        return;
      }
      const integrationDir = join(settings.integrationsDir, opts.integration);
      let infix: string;
      try {
        const integration = JSON.parse(
          readFileSync(join(integrationDir, "integration.json"), "utf8"),
        ) as { tool_prefix?: string };
        infix = integration.tool_prefix ?? "pager_duty";
      } catch (e) {
        console.error(`${integrationDir}/integration.json cannot be read: ${(e as Error).message}`);
        process.exitCode = EXIT.refused;
        return;
      }
      const report = coverageReport(spec, integrationDir, infix);
      const uncovered = report.operations.filter((o) => o.status === "uncovered");
      print(!!opts.json, report, () => human(report.operations));
      if (uncovered.length > 0) {
        if (opts.json)
          console.error(
            `${uncovered.length} operation(s) uncovered: run npm run generate:resources and commit`,
          );
        process.exitCode = EXIT.invalidConfig;
      }
    });
}

function human(operations: CoverageEntry[]): string {
  const count = (s: CoverageEntry["status"]) => operations.filter((o) => o.status === s).length;
  const rows = operations.map((o) => [
    o.status,
    `${o.method} ${o.path}`,
    o.tool ?? "-",
    [o.deprecated ? "deprecated" : "", o.reason ?? ""].filter(Boolean).join("; "),
  ]);
  return [
    `${operations.length} operations: ${count("curated")} curated, ${count("generated")} generated, ${count("excluded")} excluded, ${count("uncovered")} uncovered; ${operations.filter((o) => o.deprecated).length} deprecated (hidden unless a server names them)`,
    "",
    formatTable(["STATUS", "OPERATION", "TOOL", "NOTE"], rows),
  ].join("\n");
}
