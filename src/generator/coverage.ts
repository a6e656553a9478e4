import { claimOf, readClaims } from "./curated-claims.js";
import { listOperations, type Json } from "./openapi-document.js";
import { runGenerator } from "./run-generator.js";

/** One operation of the description and what covers it. */
export interface CoverageEntry {
  operation_id: string;
  method: string;
  path: string;
  /** The tool that calls it (for an excluded operation: the name it would have). */
  tool: string | null;
  /**
   * curated: a file in resources/ describes it; generated: a file in generated/ does; excluded:
   * the generator cannot describe it (reason says why); uncovered: nothing describes it although
   * the generator could (its files are stale: run npm run generate:resources).
   */
  status: "curated" | "generated" | "excluded" | "uncovered";
  reason: string | null;
  deprecated: boolean;
}

/** The coverage report: every operation of the description, in its order. */
export interface CoverageReport {
  total: number;
  operations: CoverageEntry[];
}

/**
 * Which tool covers each operation of the description: curated (resources/) and generated
 * (generated/) files are read as they are on disk; for the rest, the generator says why it
 * leaves them out, or that they are missing from stale generated files.
 */
export function coverageReport(spec: Json, integrationDir: string, infix: string): CoverageReport {
  const curated = readClaims(integrationDir, "resources", infix);
  const generated = readClaims(integrationDir, "generated", infix);
  let outcomes: ReturnType<typeof runGenerator>["outcomes"] | undefined;
  const operations = listOperations(spec).map((op): CoverageEntry => {
    const entry = (
      tool: string | null,
      status: CoverageEntry["status"],
      reason: string | null,
    ): CoverageEntry => ({
      operation_id: op.operationId,
      method: op.method,
      path: op.path,
      tool,
      status,
      reason,
      deprecated: op.deprecated,
    });
    const own = claimOf(op, curated);
    if (own) return entry(own.tool, "curated", null);
    const draft = claimOf(op, generated);
    if (draft) return entry(draft.tool, "generated", null);
    outcomes ??= runGenerator(spec, integrationDir).outcomes;
    const outcome = outcomes.find((o) => o.op.operationId === op.operationId);
    if (outcome?.status === "excluded")
      return entry(outcome.tool ?? null, "excluded", outcome.reason!);
    return entry(
      outcome?.tool ?? null,
      "uncovered",
      "no resource file describes it: run npm run generate:resources and commit",
    );
  });
  return { total: operations.length, operations };
}
