// Repeats a query and summarises its latency.

export type Stats = { runs: number; p50: number; p95: number; mean: number; cpuMean?: number };

export type MeasureOptions = { warmup: number; maxRuns: number; minRuns: number; budgetMs: number };

/**
 * Runs `fn` `warmup` times untimed, then until `maxRuns` runs or the time budget is spent.
 * `cpu` (optional) reads the database's CPU milliseconds so far: the mean per run is reported too.
 */
export async function measure(fn: (i: number) => Promise<unknown>, o: MeasureOptions, cpu?: () => number): Promise<Stats> {
  for (let i = 0; i < o.warmup; i++) await fn(i);
  const samples: number[] = [];
  const cpuStart = cpu?.();
  const start = performance.now();
  while (samples.length < o.maxRuns && (samples.length < o.minRuns || performance.now() - start < o.budgetMs)) {
    const t = performance.now();
    await fn(samples.length);
    samples.push(performance.now() - t);
  }
  const stats = summarise(samples);
  return cpu ? { ...stats, cpuMean: (cpu() - cpuStart!) / samples.length } : stats;
}

export function summarise(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { runs: sorted.length, p50: pick(0.5), p95: pick(0.95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

export function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}
