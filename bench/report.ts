import type { HotPathSummary } from "./hot-path.js";
import type { ColdStart } from "./startup.js";
import type { Spread } from "./stats.js";
import { formatSpread as f } from "./stats.js";

/** Goals of issue 13, checked on medians over the rounds. */
const GOAL = {
  throughputVsHop: 0.9,
  addedP50OverHopMs: 0.15,
  coldStartVsCurated: 2,
  reloadMs: 100,
  rssMiB: 150,
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

/** Prints the figures of one run; every figure is "median (min–max)" over the rounds. */
export function printReport(report: any): void {
  if (report.hot_path) printHotPath(report);
  if (report.upstream_clients) {
    console.log("\nupstream client alone (get incident, 8 callers, in the bench process):");
    const rows = [["client", "calls/s", "CPU µs/call"]];
    for (const c of report.upstream_clients)
      rows.push([c.client, f(c.calls_per_second), f(c.cpu_us_per_call)]);
    console.log(table(rows));
  }
  if (report.startup) printStartup(report.startup);
  if (report.tools_list_bytes) {
    console.log(`\ntools/list bytes: ${JSON.stringify(report.tools_list_bytes)}`);
    console.log("list results, raw vs mapped bytes:");
    for (const row of report.list_result_bytes)
      console.log(`  ${row.tool}: ${row.raw_bytes} -> ${row.mapped_bytes} (${row.ratio}x smaller)`);
  }
  console.log("\nwrote bench/results/latest.json");
}

function printHotPath(report: any): void {
  const summary = report.hot_path.summary as HotPathSummary[];
  console.log(
    `hot path: ${report.hot_path.options.rounds} rounds, direct/hop/service alternated; median (min–max)\n`,
  );
  const rows = [["scenario", "callers", "target", "p50 ms", "p99 ms", "calls/s", "CPU µs/call"]];
  for (const s of summary) {
    for (const [target, t] of Object.entries(s.targets)) {
      rows.push([
        s.scenario,
        String(s.concurrency),
        target,
        f(t.p50_ms),
        f(t.p99_ms),
        f(t.calls_per_second),
        f(t.cpu_us_per_call),
      ]);
    }
  }
  console.log(table(rows));
  console.log("");
  const ratios = [
    [
      "scenario",
      "callers",
      "service/direct",
      "hop/direct",
      "service/hop",
      "added p50 hop",
      "added p50 service",
      "service−hop p50",
      "CPU service/hop",
    ],
  ];
  const paired = summary.some((s) => s.throughput_ratio.service_before);
  for (const s of summary) {
    ratios.push([
      s.scenario,
      String(s.concurrency),
      f(s.throughput_ratio.service_direct),
      f(s.throughput_ratio.hop_direct),
      f(s.throughput_ratio.service_hop),
      f(s.added_p50_ms.hop),
      f(s.added_p50_ms.service),
      f(s.added_p50_ms.service_minus_hop),
      f(s.cpu_ratio_service_hop),
    ]);
  }
  console.log(table(ratios));
  console.log("");
  if (paired) {
    const rows = [
      [
        "scenario",
        "callers",
        "throughput service/before",
        "p50 service−before ms",
        "CPU service/before",
      ],
    ];
    for (const s of summary)
      rows.push([
        s.scenario,
        String(s.concurrency),
        f(s.throughput_ratio.service_before!),
        f(s.added_p50_ms.service_minus_before!),
        f(s.cpu_ratio_service_before!),
      ]);
    console.log(`paired with the build at ${report.before}:`);
    console.log(table(rows));
    console.log("");
  }
  for (const scenario of new Set(summary.map((s) => s.scenario))) {
    const c8 = summary.find((s) => s.scenario === scenario && s.concurrency === 8)!;
    const c1 = summary.find((s) => s.scenario === scenario && s.concurrency === 1)!;
    const tp = c8.throughput_ratio.service_hop.median;
    const lat = c1.added_p50_ms.service_minus_hop.median;
    console.log(
      `${scenario}: c=8 throughput service/direct ${c8.throughput_ratio.service_direct.median} vs hop/direct ${c8.throughput_ratio.hop_direct.median} = ${tp}x the hop's (goal >= ${GOAL.throughputVsHop}: ${tp >= GOAL.throughputVsHop ? "met" : "NOT met"}); c=1 added p50 ${c1.added_p50_ms.service.median} ms vs the hop's ${c1.added_p50_ms.hop.median} ms = +${lat} ms (goal <= +${GOAL.addedP50OverHopMs}: ${lat <= GOAL.addedP50OverHopMs ? "met" : "NOT met"})`,
    );
  }
  console.log(`service RSS after the hot path: ${report.rss_mib_after_hot_path} MiB`);
}

/** Start-up, reload and memory of each tool set, then the ratios and the goals. */
function printStartup(startup: {
  sets: ColdStart[];
  ratios: Record<string, Record<string, Spread>>;
}): void {
  console.log("\nstart-up, median (min–max) over the starts, tool sets alternated:");
  const rows = [
    [
      "tool set",
      "tools (listed)",
      "to /healthz ms",
      "CPU ms",
      "to tools/list ms",
      "CPU ms",
      "RSS MiB: start",
      "1st list",
      "200 lists",
      "1st list, all listed",
      "reload server file ms (visible)",
      "reload resource file ms (visible)",
    ],
  ];
  for (const c of startup.sets)
    rows.push([
      c.label,
      `${c.tools} (${c.listed})`,
      f(c.to_healthz_ms),
      f(c.cpu_to_healthz_ms),
      f(c.to_tools_list_ms),
      f(c.cpu_to_tools_list_ms),
      f(c.rss_mib.after_start),
      f(c.rss_mib.after_first_tools_list),
      f(c.rss_mib.after_200_tools_list),
      `${f(c.first_tools_list_all.ms)} ms, ${c.first_tools_list_all.bytes} B`,
      `${f(c.reload.server_file.reload_ms)} (${c.reload.server_file.visible_ms.median})`,
      `${f(c.reload.resource_file.reload_ms)} (${c.reload.resource_file.visible_ms.median})`,
    ]);
  console.log(table(rows));
  console.log("");
  const ratioRows = [["ratio", "to /healthz", "CPU", "to tools/list", "CPU"]];
  for (const [label, r] of Object.entries(startup.ratios))
    ratioRows.push([
      label,
      f(r.to_healthz),
      f(r.cpu_to_healthz),
      f(r.to_tools_list),
      f(r.cpu_to_tools_list),
    ]);
  console.log(table(ratioRows));
  const full = startup.sets[1];
  const [first] = Object.values(startup.ratios);
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const cold = Math.max(first.to_healthz.median, first.to_tools_list.median);
  const reload = Math.max(
    full.reload.server_file.reload_ms.median,
    full.reload.resource_file.reload_ms.median,
  );
  const rss = Math.max(full.rss_mib.after_first_tools_list.median, full.rss_mib.after_start.median);
  console.log(
    `\n${full.label}: cold start ${cold}x the curated files' (goal < ${GOAL.coldStartVsCurated}: ${met(cold < GOAL.coldStartVsCurated)}); reload ${reload} ms (goal < ${GOAL.reloadMs}: ${met(reload < GOAL.reloadMs)}); RSS ${rss} MiB after start and first tools/list (goal < ${GOAL.rssMiB}: ${met(rss < GOAL.rssMiB)})`,
  );
}
