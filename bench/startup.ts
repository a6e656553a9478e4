import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { leanClient } from "./lean-client.js";
import { rssMiB, spawnProduct, type ProductProcess } from "./processes.js";
import { round, spread, type Spread } from "./stats.js";
import { writeSyntheticIntegrations } from "./synthetic-tools.js";

type ToolDef = { name: string; description?: string };

/** Cold start of one tool set: to a listening /healthz and to the first answered tools/list. */
export interface ColdStart {
  label: string;
  tools: number;
  to_healthz_ms: Spread;
  to_tools_list_ms: Spread;
  /** Resident memory after 200 tools/list calls. */
  rss_mib: number;
}

/**
 * Starts the product `times` times for each readiness probe and reports medians with their range,
 * then the tool count and resident memory of one more start after 200 tools/list calls.
 */
export async function coldStart(
  label: string,
  env: Record<string, string>,
  token: string,
  times: number,
  distRoot?: string,
): Promise<ColdStart> {
  const healthz: number[] = [];
  const toolsList: number[] = [];
  for (let i = 0; i < times; i++) {
    for (const probe of ["healthz", "tools/list"] as const) {
      const p = await spawnProduct(env, token, probe, distRoot);
      (probe === "healthz" ? healthz : toolsList).push(p.coldStartMs);
      await p.stop();
    }
  }
  const p = await spawnProduct(env, token, "tools/list", distRoot);
  try {
    const url = new URL(`${p.url}/mcp/${token}`);
    const client = leanClient();
    let tools = 0;
    for (let i = 0; i < 200; i++) {
      const r = await client.request(
        url,
        "POST",
        { "Content-Type": "application/json" },
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      );
      tools = JSON.parse(r.text).result.tools.length;
    }
    client.close();
    return {
      label,
      tools,
      to_healthz_ms: spread(healthz, 1),
      to_tools_list_ms: spread(toolsList, 1),
      rss_mib: await rssMiB(p.child.pid!),
    };
  } finally {
    await p.stop();
  }
}

/** Hot reload of one server file and of one resource file. */
export async function reloads(
  env: Record<string, string>,
  token: string,
  server: { path: string; doc: Record<string, unknown> },
  work: string,
  shippedIntegrations: string,
) {
  const product = await spawnProduct(env, token);
  let reloadServer;
  try {
    reloadServer = await timeReload(
      product,
      new URL(`${product.url}/mcp/${token}`),
      () =>
        writeFile(
          server.path,
          JSON.stringify({
            ...server.doc,
            config: { ...(server.doc.config as object), methods: ["read"] },
          }),
        ),
      // create incident is a core tool (listed in every exposure) that a read-only server hides.
      (tools) => !tools.some((t) => t.name === "create_a_pager_duty_incident"),
    );
  } finally {
    await product.stop();
    // Later runs expose every tool again.
    await writeFile(server.path, JSON.stringify(server.doc));
  }
  // A copy of the integrations whose resource file we can change.
  const integrationsDir = join(work, "integrations-copy");
  await writeSyntheticIntegrations(shippedIntegrations, integrationsDir, 0);
  const p2 = await spawnProduct({ ...env, INTEGRATIONS_DIR: integrationsDir }, token);
  try {
    // get incident is a core tool: listed whatever the server's tool_exposure (all or discovery).
    const incidentsFile = join(integrationsDir, "pagerduty", "resources", "incidents.json");
    const reloadResource = await timeReload(
      p2,
      new URL(`${p2.url}/mcp/${token}`),
      async () => {
        const doc = JSON.parse(await readFile(incidentsFile, "utf8"));
        doc.methods.get.description = `Changed by the benchmark. ${doc.methods.get.description}`;
        await writeFile(incidentsFile, JSON.stringify(doc));
      },
      (tools) =>
        tools.some(
          (t) =>
            t.name === "get_single_pager_duty_incident_by_id" &&
            t.description?.startsWith("Changed by the benchmark."),
        ),
    );
    return { server_file: reloadServer, resource_file: reloadResource };
  } finally {
    await p2.stop();
  }
}

/** Applies a change and reports the reload time the service logged and the time until clients see it. */
async function timeReload(
  p: ProductProcess,
  url: URL,
  change: () => Promise<void>,
  visible: (tools: ToolDef[]) => boolean,
) {
  const before = p.logLines.length;
  const started = performance.now();
  await change();
  for (;;) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    const tools = ((await res.json()) as { result?: { tools: ToolDef[] } }).result?.tools ?? [];
    if (visible(tools)) break;
    if (performance.now() - started > 10_000)
      throw new Error(
        `reload never became visible; the service logged:\n${p.logLines.join("\n")}\n${JSON.stringify(tools.map((t) => t.name))}`,
      );
    await new Promise((r) => setTimeout(r, 2));
  }
  const visibleMs = performance.now() - started;
  // The service writes its log asynchronously: give the reload line a moment to arrive.
  for (
    let i = 0;
    i < 100 && !p.logLines.slice(before).some((l) => l.includes('"config_reload"'));
    i++
  )
    await new Promise((r) => setTimeout(r, 10));
  const line = p.logLines
    .slice(before)
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return {};
      }
    })
    .find((l) => l.event === "config_reload" && l.status === "applied");
  return {
    reload_ms: line?.ms ?? null,
    visible_to_clients_ms: round(visibleMs, 1),
    note: "visible time includes the watcher's 50 ms debounce",
  };
}
