import type { HotPathSummary } from "./hot-path.js";
import type { ColdStart } from "./startup.js";
import { formatSpread as f } from "./stats.js";

/** Goals of issue 13, checked on medians over the rounds. */
const GOAL = { throughputVsHop: 0.9, addedP50OverHopMs: 0.15 };

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n");
}

/** Prints the figures of one run; every figure is "median (min–max)" over the rounds. */
export function printReport(report: any): void {
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
  if (report.upstream_clients) {
    console.log("\nupstream client alone (get incident, 8 callers, in the bench process):");
    const rows = [["client", "calls/s", "CPU µs/call"]];
    for (const c of report.upstream_clients)
      rows.push([c.client, f(c.calls_per_second), f(c.cpu_us_per_call)]);
    console.log(table(rows));
  }
  if (report.cold_start) {
    console.log("");
    for (const c of report.cold_start as ColdStart[]) {
      console.log(
        `cold start, ${c.label} (${c.tools} tools): to /healthz ${f(c.to_healthz_ms)} ms, to first tools/list ${f(c.to_tools_list_ms)} ms; RSS ${c.rss_mib} MiB after 200 tools/list`,
      );
    }
    const r = report.hot_reload_ms;
    console.log(
      `hot reload: server file ${r.server_file.reload_ms} ms (visible ${r.server_file.visible_to_clients_ms} ms), resource file ${r.resource_file.reload_ms} ms (visible ${r.resource_file.visible_to_clients_ms} ms) (goal < 100)`,
    );
    console.log(`tools/list bytes: ${JSON.stringify(report.tools_list_bytes)}`);
    console.log("list results, raw vs mapped bytes:");
    for (const row of report.list_result_bytes)
      console.log(`  ${row.tool}: ${row.raw_bytes} -> ${row.mapped_bytes} (${row.ratio}x smaller)`);
  }
  console.log("\nwrote bench/results/latest.json");
}
