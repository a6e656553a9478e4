import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { hashToken } from "../src/config/server-token.js";
import { buildBefore } from "./before-build.js";
import { runHotPath, type HotPathScenario } from "./hot-path.js";
import { leanClient } from "./lean-client.js";
import {
  DIST_ROOT,
  rssMiB,
  spawnBareHop,
  spawnFixedUpstream,
  spawnProduct,
  type ProductProcess,
} from "./processes.js";
import { printReport } from "./report.js";
import { prepareToolSet, startupFigures, type ToolSet } from "./startup.js";
import { measureUpstreamClients } from "./upstream-clients.js";
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
/** BENCH_ONLY=hot skips start-up, reload and sizes (for quick paired measurements). */
const ONLY_HOT = process.env.BENCH_ONLY === "hot";
/** BENCH_ONLY=startup: only start-up, reload and memory (for paired measurements of those). */
const ONLY_STARTUP = process.env.BENCH_ONLY === "startup";
/** BENCH_BEFORE=<git ref>: also runs the product built at that ref, alternated with this one. */
const BEFORE = process.env.BENCH_BEFORE;
/** BENCH_AFTER=<git ref>: the "service" is the product built at that ref instead of this checkout. */
const AFTER = process.env.BENCH_AFTER;
// Many short rounds rather than a few long ones: a burst of a neighbour's work then spoils one
// short series of one target, and the median over the rounds discards it.
const HOT = {
  rounds: Number(process.env.BENCH_ROUNDS) || (QUICK ? 3 : 10),
  calls: QUICK ? { c1: 300, c8: 800 } : { c1: 600, c8: 1600 },
  warmup: QUICK ? 50 : 100,
};
/**
 * BENCH_PRIORITY=1 raises the priority of the bench's processes (needs root) so that other work
 * on a shared machine disturbs the measurement less. The figures stay ratios within one run.
 */
const PRIORITY = process.env.BENCH_PRIORITY === "1";

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "pd-mcp-bench-"));
  const children: Array<{ kill(signal?: NodeJS.Signals): boolean }> = [];
  let product: ProductProcess | undefined;
  let before: ProductProcess | undefined;
  try {
    const beforeDist = BEFORE ? await buildBefore(REPO, BEFORE, join(work, "before")) : undefined;
    const afterDist = AFTER ? await buildBefore(REPO, AFTER, join(work, "after")) : undefined;
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
    children.push(upstream.child);
    const hop = await spawnBareHop(upstream.url, SHIPPED_INTEGRATIONS);
    children.push(hop.child);

    const serversDir = join(work, "servers.d");
    await mkdir(serversDir);
    const serverPath = join(serversDir, "bench.json");
    const server = {
      version: 1,
      name: "bench",
      integration: "pagerduty",
      account: "default",
      token_sha256: hashToken(TOKEN),
      // Every tool, in the exposure a server with every tool gets by default (auto: discovery
      // above 40 tools). The hot path calls tools by name, which works in every exposure.
      config: { methods: [], tags: [], tool_exposure: "auto" },
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
    // A build of another ref reads that ref's own integration files (the format moves on).
    const envOf = (dist?: string) =>
      dist ? { ...env, INTEGRATIONS_DIR: join(dist, "..", "integrations") } : env;
    // BENCH_ONLY=startup skips the hot path.
    const hotPath = ONLY_STARTUP
      ? undefined
      : await (async () => {
          product = await spawnProduct(envOf(afterDist), TOKEN, "tools/list", afterDist);
          const mcpUrl = new URL(`${product.url}/mcp/${TOKEN}`);
          if (beforeDist)
            before = await spawnProduct(envOf(beforeDist), TOKEN, "tools/list", beforeDist);
          const hopUrl = new URL(`${hop.url}/mcp`);

          const ops = [
            {
              name: "get incident",
              directPath: `/incidents/${bodies.incidentId}`,
              tool: "get_single_pager_duty_incident_by_id",
              args: { id: bodies.incidentId },
              checkDirect: (b: any) => b?.incident?.id === bodies.incidentId,
              checkTool: (s: any) => s?.result?.id === bodies.incidentId,
            },
            {
              name: "list 25 incidents",
              directPath: "/incidents?limit=25&offset=0",
              tool: "list_all_pager_duty_incidents",
              args: { limit: 25 },
              checkDirect: (b: any) => Array.isArray(b?.incidents) && b.incidents.length === 25,
              checkTool: (s: any) => Array.isArray(s?.result) && s.result.length === 25,
            },
          ];
          const client = leanClient();
          const scenarios: HotPathScenario[] = ops.map((op) => {
            const body = JSON.stringify({
              jsonrpc: "2.0",
              id: 1,
              method: "tools/call",
              params: { name: op.tool, arguments: op.args },
            });
            const viaMcp = (url: URL) => () =>
              client
                .request(
                  url,
                  "POST",
                  {
                    "Content-Type": "application/json",
                    Accept: "application/json, text/event-stream",
                  },
                  body,
                )
                .then((r) => {
                  if (r.status !== 200) return false;
                  const reply = JSON.parse(r.text);
                  return (
                    reply.id === 1 &&
                    reply.result &&
                    !reply.result.isError &&
                    op.checkTool(reply.result.structuredContent)
                  );
                });
            return {
              name: op.name,
              calls: {
                direct: () =>
                  client
                    .request(new URL(upstream.url + op.directPath), "GET", PD_HEADERS)
                    .then((r) => r.status === 200 && op.checkDirect(JSON.parse(r.text))),
                hop: viaMcp(hopUrl),
                ...(before ? { before: viaMcp(new URL(`${before.url}/mcp/${TOKEN}`)) } : {}),
                service: viaMcp(mcpUrl),
              },
            };
          });
          if (PRIORITY) {
            for (const pid of [
              process.pid,
              upstream.child.pid,
              hop.child.pid,
              product.child.pid,
              before?.child.pid,
            ])
              if (pid) setPriority(pid, -10);
          }
          const hot = await runHotPath(scenarios, {
            pids: {
              direct: upstream.child.pid!,
              hop: hop.child.pid!,
              service: product.child.pid!,
              before: before?.child.pid,
            },
            ...HOT,
          });
          client.close();
          const rssAfterHotPath = await rssMiB(product.child.pid!);
          await product.stop();
          await before?.stop();
          return { hot, rssAfterHotPath };
        })();

    const report: Record<string, unknown> = {
      taken_at: new Date().toISOString(),
      machine: await machine(),
      before: BEFORE,
      after: AFTER ?? "this checkout",
      hot_path: hotPath && {
        options: HOT,
        summary: hotPath.hot.summary,
        series: hotPath.hot.series,
      },
      rss_mib_after_hot_path: hotPath?.rssAfterHotPath,
    };
    if (!ONLY_HOT) {
      if (!ONLY_STARTUP)
        report.upstream_clients = await measureUpstreamClients(
          `${upstream.url}/incidents/${bodies.incidentId}`,
          PD_HEADERS,
          { rounds: QUICK ? 2 : 5, calls: QUICK ? 800 : 2000 },
        );
      const times = QUICK ? 1 : 3;
      // The curated files alone (the tool set before the whole API) against every operation,
      // and with BENCH_BEFORE the same two for the earlier build, alternated start after start.
      const builds = [
        { name: "", integrationsDir: envOf(afterDist).INTEGRATIONS_DIR, distRoot: afterDist },
        ...(beforeDist
          ? [
              {
                name: `, built at ${BEFORE}`,
                integrationsDir: envOf(beforeDist).INTEGRATIONS_DIR,
                distRoot: beforeDist,
              },
            ]
          : []),
      ];
      const sets: ToolSet[] = [];
      for (const [b, build] of builds.entries())
        for (const generated of [false, true])
          sets.push(
            await prepareToolSet(
              `${generated ? "every operation" : "curated files"}${build.name}`,
              join(work, `startup-${b}-${generated}`),
              { ...build, env },
              generated,
            ),
          );
      // Every operation over the curated files, per build; this build over the earlier one.
      const pairs: Array<[number, number]> = [[1, 0]];
      if (beforeDist) pairs.push([3, 2], [1, 3], [0, 2]);
      report.startup = await startupFigures(sets, times, pairs);
      report.tools_list_bytes = await toolListSizes(join(REPO, "servers.d"), SHIPPED_INTEGRATIONS);
      report.list_result_bytes = await resultSizes();
    }
    await mkdir(join(REPO, "bench", "results"), { recursive: true });
    await writeFile(
      join(REPO, "bench", "results", "latest.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    printReport(report);
  } finally {
    await product?.stop().catch(() => undefined);
    await before?.stop().catch(() => undefined);
    for (const c of children) c.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
  }
}

async function machine() {
  const os = await import("node:os");
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    load_average: os.loadavg().map((l) => Math.round(l * 100) / 100),
    platform: `${os.platform()} ${os.release()}`,
  };
}

await main();
