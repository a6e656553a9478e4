/** Latency and throughput figures of one measured series. */
export interface SeriesStats {
  calls: number;
  failures: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  calls_per_second: number;
}

/** Summarizes call durations (ms) taken over `elapsedMs` of wall time. */
export function summarize(durations: number[], failures: number, elapsedMs: number): SeriesStats {
  const sorted = [...durations].sort((a, b) => a - b);
  const pick = (q: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    calls: durations.length,
    failures,
    p50_ms: round(pick(0.5)),
    p90_ms: round(pick(0.9)),
    p99_ms: round(pick(0.99)),
    calls_per_second: round((durations.length / elapsedMs) * 1000, 1),
  };
}

export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Median and range of repeated figures. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[], digits = 3): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median: round(median, digits),
    min: round(sorted[0], digits),
    max: round(sorted[sorted.length - 1], digits),
  };
}

/** "1.23 (1.10–1.40)": a median with its range. */
export function formatSpread(s: Spread): string {
  return `${s.median} (${s.min}–${s.max})`;
}

/**
 * Runs `call` `total` times with `concurrency` callers after `warmup` unmeasured calls. A call
 * that throws or whose check fails counts as a failure, never as speed.
 */
export async function measure(
  call: () => Promise<boolean>,
  options: { total: number; concurrency: number; warmup: number },
): Promise<SeriesStats> {
  for (let i = 0; i < options.warmup; i++) await call();
  const durations: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.total) {
      issued++;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await call();
      } catch {
        ok = false;
      }
      const dt = performance.now() - t0;
      if (ok) durations.push(dt);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summarize(durations, failures, performance.now() - started);
}
