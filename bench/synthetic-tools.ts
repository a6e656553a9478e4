import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Writes an integrations directory with the shipped PagerDuty files plus synthetic resources,
 * `count` tools in all beyond the shipped ones, to measure cold start and memory at scale.
 */
export async function writeSyntheticIntegrations(
  shippedDir: string,
  targetDir: string,
  count: number,
): Promise<void> {
  await cp(shippedDir, targetDir, { recursive: true });
  const resourcesDir = join(targetDir, "pagerduty", "resources");
  await mkdir(resourcesDir, { recursive: true });
  const perFile = 5;
  for (let f = 0; f * perFile < count; f++) {
    const methods: Record<string, unknown> = {};
    for (let m = 0; m < perFile && f * perFile + m < count; m++) {
      methods[m === 0 ? "list" : m === 1 ? "get" : `act${m}`] = {
        type: "method",
        http: {
          method: m === 0 ? "GET" : m === 1 ? "GET" : "POST",
          path: m === 0 ? `/synthetic${f}` : `/synthetic${f}/{id}`,
        },
        description: `Synthetic tool ${f}/${m} used only by the benchmark to measure scale.`,
        parameters: {
          ...(m === 0
            ? {}
            : {
                id: {
                  in: "path",
                  required: true,
                  description: "Record ID.",
                  schema: { type: "string", pattern: "^[A-Za-z0-9]+$" },
                },
              }),
          query: { in: "query", description: "Free-text filter.", schema: { type: "string" } },
          statuses: {
            in: "query",
            description: "Statuses.",
            schema: { type: "array", items: { type: "string", enum: ["a", "b", "c"] } },
          },
        },
        ...(m === 0 ? { pagination: { type: "offset", max_limit: 100 } } : {}),
        response: {
          mapping:
            m === 0
              ? `records.{"id": id, "name": name, "status": status}`
              : `record.{"id": id, "name": name}`,
        },
        examples: [{ title: "example", arguments: m === 0 ? {} : { id: "P1" } }],
      };
    }
    await writeFile(
      join(resourcesDir, `synthetic_${f}.json`),
      JSON.stringify({
        type: "resource",
        version: 1,
        name: `synthetic_record_${f}`,
        plural: `synthetic_records_${f}`,
        title: `Synthetic ${f}`,
        tags: ["synthetic"],
        methods,
      }),
    );
  }
}
