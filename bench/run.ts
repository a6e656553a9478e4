import { setMaxListeners } from "node:events";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { hashToken } from "../src/config/server-token.js";
import { leanClient } from "./lean-client.js";
import {
  DIST_ROOT,
  rssMiB,
  spawnFixedUpstream,
  spawnProduct,
  type ProductProcess,
} from "./processes.js";
import { measure, round, type SeriesStats } from "./stats.js";
import { writeSyntheticIntegrations } from "./synthetic-tools.js";
import { resultSizes, toolListSizes, upstreamBodies } from "./sizes.js";

const REPO = join(DIST_ROOT, "..");
const SHIPPED_INTEGRATIONS = join(REPO, "integrations");
const TOKEN = "bench-url-token";
const PD_HEADERS = {
  Accept: "application/vnd.pagerduty+json;version=2",
  "Content-Type": "application/json",
  Authorization: "Token token=bench",
};
const QUICK = process.env.BENCH_QUICK === "1";
const N = {
  seq: QUICK ? 300 : 2000,
  conc: QUICK ? 800 : 6000,
  sdkSeq: QUICK ? 100 : 500,
  sdkConc: QUICK ? 300 : 2000,
  warmup: QUICK ? 50 : 300,
};

interface OperationResult {
  operation: string;
  direct: { sequential: SeriesStats; concurrent8: SeriesStats };
  mcp_lean: { sequential: SeriesStats; concurrent8: SeriesStats };
  mcp_sdk: { sequential: SeriesStats; concurrent8: SeriesStats };
  added_p50_ms: number;
  throughput_ratio_8: number;
}

async function main(): Promise<void> {
  // The SDK client adds an abort listener per request on one long-lived signal.
  setMaxListeners(0);
  const work = await mkdtemp(join(tmpdir(), "pd-mcp-bench-"));
  const children: ProductProcess[] = [];
  let upstreamChild: { kill(signal?: NodeJS.Signals): boolean } | undefined;
  try {
    const bodies = await upstreamBodies();
    const routesFile = join(work, "routes.json");
    await writeFile(
      routesFile,
      JSON.stringify({
        "/incidents": bodies.page,
        [`/incidents/${bodies.incidentId}`]: bodies.incident,
      }),
    );
    const upstream = await spawnFixedUpstream(routesFile);
    upstreamChild = upstream.child;
    const serversDir = join(work, "servers.d");
    await mkdir(serversDir);
    const serverPath = join(serversDir, "bench.json");
    const server = {
      version: 1,
      name: "bench",
      integration: "pagerduty",
      account: "default",
      token_sha256: hashToken(TOKEN),
      config: { methods: [], tags: [] },
      require_api_token_auth: false,
      expires_at: null,
    };
    await writeFile(serverPath, JSON.stringify(server));
    const env = {
      PAGERDUTY_API_TOKEN: "bench",
      PAGERDUTY_BASE_URL: upstream.url,
      PAGERDUTY_FROM_EMAIL: "bench@example.com",
      SERVERS_DIR: serversDir,
      INTEGRATIONS_DIR: SHIPPED_INTEGRATIONS,
      ACCOUNTS_FILE: join(work, "no-accounts.json"),
      API_TOKENS_FILE: join(work, "no-api-tokens.json"),
      STATE_DIR: join(work, "state"),
      LOG_LEVEL: "info",
    };
    const product = await spawnProduct(env, TOKEN);
    children.push(product);
    const mcpUrl = new URL(`${product.url}/mcp/${TOKEN}`);

    const ops = [
      {
        operation: "get_single_pager_duty_incident_by_id",
        directPath: `/incidents/${bodies.incidentId}`,
        tool: "get_single_pager_duty_incident_by_id",
        args: { id: bodies.incidentId },
        checkDirect: (b: any) => b?.incident?.id === bodies.incidentId,
        checkTool: (s: any) => s?.result?.id === bodies.incidentId,
      },
      {
        operation: "list_all_pager_duty_incidents (25 items)",
        directPath: "/incidents?limit=25&offset=0",
        tool: "list_all_pager_duty_incidents",
        args: { limit: 25 },
        checkDirect: (b: any) => Array.isArray(b?.incidents) && b.incidents.length === 25,
        checkTool: (s: any) => Array.isArray(s?.result) && s.result.length === 25,
      },
    ];

    const results: OperationResult[] = [];
    for (const op of ops) {
      const lean = leanClient();
      const direct = () =>
        lean
          .request(new URL(upstream.url + op.directPath), "GET", PD_HEADERS)
          .then((r) => r.status === 200 && op.checkDirect(JSON.parse(r.text)));
      const body = JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: op.tool, arguments: op.args },
      });
      const viaMcp = () =>
        lean
          .request(
            mcpUrl,
            "POST",
            { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
            body,
          )
          .then((r) => {
            if (r.status !== 200) return false;
            const reply = JSON.parse(r.text);
            return (
              reply.result && !reply.result.isError && op.checkTool(reply.result.structuredContent)
            );
          });
      const sdk = new Client({ name: "bench-sdk", version: "1.0.0" });
      await sdk.connect(new StreamableHTTPClientTransport(mcpUrl));
      const viaSdk = () =>
        sdk
          .callTool({ name: op.tool, arguments: op.args })
          .then((r) => !r.isError && op.checkTool(r.structuredContent));

      const seq = { total: N.seq, concurrency: 1, warmup: N.warmup };
      const conc = { total: N.conc, concurrency: 8, warmup: N.warmup };
      const r: OperationResult = {
        operation: op.operation,
        direct: {
          sequential: await measure(direct, seq),
          concurrent8: await measure(direct, conc),
        },
        mcp_lean: {
          sequential: await measure(viaMcp, seq),
          concurrent8: await measure(viaMcp, conc),
        },
        mcp_sdk: {
          sequential: await measure(viaSdk, { ...seq, total: N.sdkSeq }),
          concurrent8: await measure(viaSdk, { ...conc, total: N.sdkConc }),
        },
        added_p50_ms: 0,
        throughput_ratio_8: 0,
      };
      r.added_p50_ms = round(r.mcp_lean.sequential.p50_ms - r.direct.sequential.p50_ms);
      r.throughput_ratio_8 = round(
        r.mcp_lean.concurrent8.calls_per_second / r.direct.concurrent8.calls_per_second,
        2,
      );
      results.push(r);
      await sdk.close();
      lean.close();
    }
    const rssShipped = await rssMiB(product.child.pid!);

    // Hot reload: one server file, one resource file; internal time from the log, visible time by polling.
    const reloadServer = await timeReload(
      product,
      mcpUrl,
      async () => {
        await writeFile(
          serverPath,
          JSON.stringify({ ...server, config: { methods: ["read"], tags: [] } }),
        );
      },
      (tools) => !tools.some((t) => t.name === "create_a_pager_duty_incident"),
    );
    const resourcePath = join(work, "integrations");
    await product.stop();
    // Later runs expose every tool again.
    await writeFile(serverPath, JSON.stringify(server));

    // A copy of the integrations whose resource file we can change.
    await writeSyntheticIntegrations(SHIPPED_INTEGRATIONS, resourcePath, 0);
    const p2 = await spawnProduct({ ...env, INTEGRATIONS_DIR: resourcePath }, TOKEN);
    children.push(p2);
    const notesFile = join(resourcePath, "pagerduty", "resources", "incident_notes.json");
    const reloadResource = await timeReload(
      p2,
      new URL(`${p2.url}/mcp/${TOKEN}`),
      async () => {
        const doc = JSON.parse(await readFile(notesFile, "utf8"));
        doc.methods.list.description += " (changed by the benchmark)";
        await writeFile(notesFile, JSON.stringify(doc));
      },
      (tools) => tools.some((t) => t.description?.endsWith("(changed by the benchmark)")),
    );
    await p2.stop();

    // Scale: 500 synthetic tools on top of the shipped ones.
    const syntheticDir = join(work, "synthetic");
    await writeSyntheticIntegrations(SHIPPED_INTEGRATIONS, syntheticDir, 500);
    const p3 = await spawnProduct({ ...env, INTEGRATIONS_DIR: syntheticDir }, TOKEN);
    children.push(p3);
    const warm = leanClient();
    for (let i = 0; i < 200; i++) {
      await warm.request(
        new URL(`${p3.url}/mcp/${TOKEN}`),
        "POST",
        { "Content-Type": "application/json" },
        JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      );
    }
    warm.close();
    const rss500 = await rssMiB(p3.child.pid!);
    const toolCount500 = await countTools(new URL(`${p3.url}/mcp/${TOKEN}`));
    await p3.stop();

    const report = {
      taken_at: new Date().toISOString(),
      machine: await machine(),
      operations: results,
      cold_start_ms: {
        shipped_tools: round(product.coldStartMs, 1),
        with_500_synthetic_tools: round(p3.coldStartMs, 1),
        synthetic_tool_count: toolCount500,
      },
      hot_reload_ms: { server_file: reloadServer, resource_file: reloadResource },
      rss_mib: {
        shipped_tools_after_warmup: rssShipped,
        with_500_synthetic_tools_after_warmup: rss500,
      },
      tools_list_bytes: await toolListSizes(join(REPO, "servers.d"), SHIPPED_INTEGRATIONS),
      list_result_bytes: await resultSizes(),
    };
    await mkdir(join(REPO, "bench", "results"), { recursive: true });
    await writeFile(
      join(REPO, "bench", "results", "latest.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    printReport(report);
    upstream.child.kill("SIGTERM");
  } finally {
    for (const c of children) await c.stop().catch(() => undefined);
    upstreamChild?.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
  }
}

async function countTools(url: URL): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
  return ((await res.json()) as { result: { tools: unknown[] } }).result.tools.length;
}

type ToolDef = { name: string; description?: string };

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
    i < 50 && !p.logLines.slice(before).some((l) => l.includes('"config_reload"'));
    i++
  )
    await new Promise((r) => setTimeout(r, 10));
  const line = p.logLines
    .slice(before)
    .map((l) => JSON.parse(l))
    .find((l) => l.event === "config_reload" && l.status === "applied");
  return {
    reload_ms: line?.ms ?? null,
    visible_to_clients_ms: round(visibleMs, 1),
    note: "visible time includes the watcher's 50 ms debounce",
  };
}

async function machine() {
  const os = await import("node:os");
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    total_memory_gib: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()}`,
  };
}

function printReport(report: any): void {
  const rows: string[][] = [
    ["operation", "path", "mode", "p50 ms", "p90 ms", "p99 ms", "calls/s", "failures"],
  ];
  for (const op of report.operations as OperationResult[]) {
    for (const [path, series] of [
      ["direct", op.direct],
      ["mcp lean", op.mcp_lean],
      ["mcp sdk", op.mcp_sdk],
    ] as const) {
      for (const [mode, s] of [
        ["sequential", series.sequential],
        ["8 callers", series.concurrent8],
      ] as const) {
        rows.push([
          op.operation,
          path,
          mode,
          String(s.p50_ms),
          String(s.p90_ms),
          String(s.p99_ms),
          String(s.calls_per_second),
          String(s.failures),
        ]);
      }
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n"));
  console.log("");
  for (const op of report.operations as OperationResult[]) {
    console.log(
      `${op.operation}: added p50 ${op.added_p50_ms} ms (target <= 0.5), throughput with 8 callers ${op.throughput_ratio_8}x direct (target >= 0.5)`,
    );
  }
  console.log(
    `cold start: ${report.cold_start_ms.shipped_tools} ms shipped tools, ${report.cold_start_ms.with_500_synthetic_tools} ms with ${report.cold_start_ms.synthetic_tool_count} tools (target < 500)`,
  );
  console.log(
    `hot reload: server file ${report.hot_reload_ms.server_file.reload_ms} ms (visible ${report.hot_reload_ms.server_file.visible_to_clients_ms} ms), resource file ${report.hot_reload_ms.resource_file.reload_ms} ms (visible ${report.hot_reload_ms.resource_file.visible_to_clients_ms} ms) (target < 100)`,
  );
  console.log(
    `memory: ${report.rss_mib.shipped_tools_after_warmup} MiB shipped, ${report.rss_mib.with_500_synthetic_tools_after_warmup} MiB with 500 tools (target < 150)`,
  );
  console.log(`tools/list bytes: ${JSON.stringify(report.tools_list_bytes)}`);
  console.log("list results, raw vs mapped bytes:");
  for (const r of report.list_result_bytes)
    console.log(`  ${r.tool}: ${r.raw_bytes} -> ${r.mapped_bytes} (${r.ratio}x smaller)`);
  console.log("\nwrote bench/results/latest.json");
}

await main();
