import { loadConfig } from "../src/config/load-config.js";
import { callTool } from "../src/interpreter/call-tool.js";
import { planRequest, renderQuery } from "../src/interpreter/build-request.js";
import { createCredentials } from "../src/upstream/credentials.js";
import { createHttpClient } from "../src/upstream/http-client.js";
import { createSimulator } from "../src/simulator/index.js";
import { DIST_ROOT } from "./processes.js";
import { join } from "node:path";
import { round } from "./stats.js";

const REPO = join(DIST_ROOT, "..");
const HEADERS = {
  Accept: "application/vnd.pagerduty+json;version=2",
  Authorization: "Token token=bench",
};

/** PagerDuty-shaped bodies from the simulator: one incident and a page of 25, served fixed by the bench upstream. */
export async function upstreamBodies(): Promise<{
  incidentId: string;
  incident: unknown;
  page: unknown;
}> {
  const sim = createSimulator();
  const s = await sim.listen(0, "127.0.0.1");
  try {
    const page = (await (
      await fetch(`${s.url}/incidents?limit=25&date_range=all`, { headers: HEADERS })
    ).json()) as { incidents: Array<{ id: string }> };
    if (page.incidents.length !== 25)
      throw new Error(
        `the simulator returned ${page.incidents.length} incidents, the bench needs 25`,
      );
    const incidentId = page.incidents[0].id;
    const incident = await (
      await fetch(`${s.url}/incidents/${incidentId}`, { headers: HEADERS })
    ).json();
    return { incidentId, incident, page };
  } finally {
    await s.close();
  }
}

/** Bytes of the tools/list result of each shipped example server. */
export async function toolListSizes(
  serversDir: string,
  integrationsDir: string,
): Promise<Record<string, { tools: number; bytes: number }>> {
  const result = await loadConfig({ integrationsDir, serversDir });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const sizes: Record<string, { tools: number; bytes: number }> = {};
  for (const [name, entry] of result.snapshot.serversByName) {
    sizes[name] = {
      tools: entry.tools.length,
      bytes: Buffer.byteLength(JSON.stringify({ tools: entry.tools.map((t) => t.definition) })),
    };
  }
  return sizes;
}

/** Raw PagerDuty page vs our mapped result, per list tool, with each tool's first example (limit 25). */
export async function resultSizes(): Promise<
  Array<{ tool: string; items: number; raw_bytes: number; mapped_bytes: number; ratio: number }>
> {
  const sim = createSimulator();
  const s = await sim.listen(0, "127.0.0.1");
  try {
    const loaded = await loadConfig({
      integrationsDir: join(REPO, "integrations"),
      serversDir: join(REPO, "does-not-exist"),
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const integration = loaded.snapshot.integrations.get("pagerduty")!;
    const http = createHttpClient();
    const ctx = {
      account: {
        name: "default",
        baseUrl: s.url,
        credentials: { kind: "api_token" as const, token: "bench" },
        fromEmail: "bench@example.com",
      },
      integration,
      http,
      credentials: createCredentials(http),
    };
    const rows = [];
    for (const tool of integration.tools.values()) {
      if (!tool.isList) continue;
      // Use a list-wide query: examples may name IDs that exist only in PagerDuty's docs.
      const args: Record<string, unknown> = tool.paginator.type === "none" ? {} : { limit: 25 };
      for (const p of tool.pathParams) args[p.arg] = await firstIdFor(p.arg, s.url);
      const planned = await planRequest(tool, args, { defaultFromEmail: "bench@example.com" });
      if ("problems" in planned) continue;
      const raw = await fetch(s.url + planned.plan.path + renderQuery(planned.plan.query), {
        headers: HEADERS,
      });
      if (raw.status !== 200) continue;
      const rawText = await raw.text();
      const outcome = await callTool(tool, args, ctx);
      if (outcome.result.isError) continue;
      const mapped = JSON.stringify(outcome.result.structuredContent);
      const items = (outcome.result.structuredContent as { result: unknown[] }).result.length;
      rows.push({
        tool: tool.name,
        items,
        raw_bytes: rawText.length,
        mapped_bytes: mapped.length,
        ratio: round(rawText.length / mapped.length, 1),
      });
    }
    return rows;
  } finally {
    await s.close();
  }
}

/** An existing ID for a path argument, so nested lists (incident alerts, notes, overrides) can be sized. */
async function firstIdFor(arg: string, base: string): Promise<string> {
  const collection = arg.startsWith("incident")
    ? "incidents"
    : arg.startsWith("schedule")
      ? "schedules"
      : arg.startsWith("service")
        ? "services"
        : "incidents";
  const body = (await (
    await fetch(`${base}/${collection}?limit=1&date_range=all`, { headers: HEADERS })
  ).json()) as Record<string, Array<{ id: string }>>;
  return body[collection][0].id;
}
