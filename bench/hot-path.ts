import { cpuMs } from "./cpu.js";
import { measure, round, spread, type SeriesStats, type Spread } from "./stats.js";

/**
 * The ways to the same answer: straight to the upstream, the bare hop, the service, and for a
 * paired measurement of a change, the service built from an earlier commit ("before").
 */
export const TARGETS = ["direct", "hop", "before", "service"] as const;
export type TargetName = (typeof TARGETS)[number];

/** One operation measured on every target; each call checks its own answer. */
export interface HotPathScenario {
  name: string;
  calls: Partial<Record<TargetName, () => Promise<boolean>>> &
    Record<"direct" | "hop" | "service", () => Promise<boolean>>;
}

export interface HotPathOptions {
  /** Process whose CPU time is charged to each target (the upstream's for direct). */
  pids: Partial<Record<TargetName, number>>;
  rounds: number;
  /** Calls per series with one caller and with eight. */
  calls: { c1: number; c8: number };
  warmup: number;
}

/** One measured series: one target, one scenario, one concurrency, one round. */
export interface SeriesResult extends SeriesStats {
  round: number;
  scenario: string;
  concurrency: number;
  target: TargetName;
  /** CPU time of the target's process per call, µs. */
  cpu_us_per_call: number;
}

/** Medians and ranges over the rounds for one scenario at one concurrency. */
export interface HotPathSummary {
  scenario: string;
  concurrency: number;
  targets: Partial<
    Record<
      TargetName,
      { p50_ms: Spread; p99_ms: Spread; calls_per_second: Spread; cpu_us_per_call: Spread }
    >
  >;
  /** Per-round ratios of throughput, then their median and range. */
  throughput_ratio: {
    service_direct: Spread;
    hop_direct: Spread;
    service_hop: Spread;
    service_before?: Spread;
  };
  /** Per-round p50 minus the direct call's p50 (or the hop's, the earlier build's) in the same round. */
  added_p50_ms: {
    hop: Spread;
    service: Spread;
    service_minus_hop: Spread;
    service_minus_before?: Spread;
  };
  /** Per-round CPU per call of the service over the hop's (and over the earlier build's). */
  cpu_ratio_service_hop: Spread;
  cpu_ratio_service_before?: Spread;
}

/**
 * Measures every scenario on every target, alternating them (direct, hop, service, at one caller
 * then eight, round after round) so that a neighbour's noise lands on all three alike, and
 * summarizes each figure as a median with its range over the rounds.
 */
export async function runHotPath(
  scenarios: HotPathScenario[],
  options: HotPathOptions,
): Promise<{ series: SeriesResult[]; summary: HotPathSummary[] }> {
  const series: SeriesResult[] = [];
  for (let r = 0; r < options.rounds; r++) {
    for (const scenario of scenarios) {
      for (const concurrency of [1, 8]) {
        for (const target of TARGETS) {
          const call = scenario.calls[target];
          if (!call) continue;
          const total = concurrency === 1 ? options.calls.c1 : options.calls.c8;
          const warmup = r === 0 ? options.warmup * 3 : options.warmup;
          for (let i = 0; i < warmup; i++) await call();
          const pid = options.pids[target]!;
          const cpuBefore = cpuMs(pid);
          const stats = await measure(call, { total, concurrency, warmup: 0 });
          const cpu = cpuMs(pid) - cpuBefore;
          series.push({
            round: r,
            scenario: scenario.name,
            concurrency,
            target,
            ...stats,
            cpu_us_per_call: round((cpu * 1000) / total, 1),
          });
        }
      }
    }
  }
  return { series, summary: summarizeHotPath(series) };
}

export function summarizeHotPath(series: SeriesResult[]): HotPathSummary[] {
  const groups = new Map<string, SeriesResult[]>();
  for (const s of series) {
    const key = `${s.scenario}\u0000${s.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const of = (target: TargetName) => group.filter((s) => s.target === target);
    const present = TARGETS.filter((t) => of(t).length > 0);
    const perRound = (f: (by: Record<TargetName, SeriesResult>) => number) => {
      const rounds = [...new Set(group.map((s) => s.round))];
      return rounds.map((r) => {
        const by = Object.fromEntries(
          present.map((t) => [t, group.find((s) => s.round === r && s.target === t)!]),
        ) as Record<TargetName, SeriesResult>;
        return f(by);
      });
    };
    const hasBefore = present.includes("before");
    const targets = Object.fromEntries(
      present.map((t) => [
        t,
        {
          p50_ms: spread(of(t).map((s) => s.p50_ms)),
          p99_ms: spread(of(t).map((s) => s.p99_ms)),
          calls_per_second: spread(
            of(t).map((s) => s.calls_per_second),
            0,
          ),
          cpu_us_per_call: spread(
            of(t).map((s) => s.cpu_us_per_call),
            1,
          ),
        },
      ]),
    ) as HotPathSummary["targets"];
    const cpuRatio = (other: TargetName) =>
      spread(
        perRound((by) => by.service.cpu_us_per_call / by[other].cpu_us_per_call),
        2,
      );
    const tp = (a: TargetName, b: TargetName) =>
      spread(
        perRound((by) => by[a].calls_per_second / by[b].calls_per_second),
        2,
      );
    return {
      scenario: group[0].scenario,
      concurrency: group[0].concurrency,
      targets,
      throughput_ratio: {
        service_direct: tp("service", "direct"),
        hop_direct: tp("hop", "direct"),
        service_hop: tp("service", "hop"),
        ...(hasBefore ? { service_before: tp("service", "before") } : {}),
      },
      added_p50_ms: {
        hop: spread(perRound((by) => by.hop.p50_ms - by.direct.p50_ms)),
        service: spread(perRound((by) => by.service.p50_ms - by.direct.p50_ms)),
        service_minus_hop: spread(perRound((by) => by.service.p50_ms - by.hop.p50_ms)),
        ...(hasBefore
          ? { service_minus_before: spread(perRound((by) => by.service.p50_ms - by.before.p50_ms)) }
          : {}),
      },
      cpu_ratio_service_hop: cpuRatio("hop"),
      ...(hasBefore ? { cpu_ratio_service_before: cpuRatio("before") } : {}),
    };
  });
}
