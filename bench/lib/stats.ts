/**
 * Timing helpers: warm-up, interleaved samples, medians, paired (ABBA) ratios and their spread.
 * Timings are reported, never asserted.
 */
import { performance, PerformanceObserver } from "node:perf_hooks";

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Runs `iterations` operations; sync or async. */
export type Batch = (iterations: number) => unknown;

export interface InterleavedOptions {
  /** Samples per side kept for the median. */
  samples: number;
  /** Samples per side run first and thrown away (JIT warm-up). */
  warmupSamples: number;
  /** Target duration of one sample; iterations per sample are calibrated from it. */
  sampleMs: number;
  /** Fixed iterations per sample instead of calibrating. */
  iterations?: number;
}

export interface InterleavedResult {
  /** Per-sample time per operation, in nanoseconds. */
  a: number[];
  b: number[];
  iterations: number;
}

async function time(batch: Batch, iterations: number): Promise<number> {
  const start = performance.now();
  await batch(iterations);
  return performance.now() - start;
}

/**
 * Iterations per sample so that the slower side takes about `sampleMs`. Each step is timed three
 * times and the fastest kept (a preempted or cold run would otherwise make a few iterations look
 * like a whole sample); the whole calibration runs twice, the first pass doubling as warm-up.
 */
export async function calibrate(batches: Batch[], sampleMs: number): Promise<number> {
  let iterations = 1;
  for (let pass = 0; pass < 2; pass += 1) {
    iterations = 1;
    for (;;) {
      let slowest = 0;
      for (const batch of batches) {
        let fastest = Number.POSITIVE_INFINITY;
        for (let attempt = 0; attempt < 3; attempt += 1) fastest = Math.min(fastest, await time(batch, iterations));
        slowest = Math.max(slowest, fastest);
      }
      if (slowest >= sampleMs / 3 || iterations >= 1 << 24) {
        iterations = Math.max(1, Math.round((iterations * sampleMs) / Math.max(slowest, 0.001)));
        break;
      }
      iterations *= slowest < sampleMs / 50 ? 8 : 2;
    }
  }
  return iterations;
}

/**
 * Runs two batches alternately in the same process (A B, B A, A B, … so neither always goes first)
 * and returns the time per operation of each sample.
 */
export async function interleaved(a: Batch, b: Batch, options: InterleavedOptions): Promise<InterleavedResult> {
  const iterations = options.iterations ?? (await calibrate([a, b], options.sampleMs));
  const result: InterleavedResult = { a: [], b: [], iterations };
  for (let sample = 0; sample < options.warmupSamples + options.samples; sample += 1) {
    const order: Array<["a" | "b", Batch]> = sample % 2 === 0 ? [["a", a], ["b", b]] : [["b", b], ["a", a]];
    for (const [side, batch] of order) {
      const ms = await time(batch, iterations);
      if (sample >= options.warmupSamples) result[side].push((ms * 1e6) / iterations);
    }
  }
  return result;
}

/** Linear-interpolation quantile (q in 0..1, "type 7") of unsorted values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** Mean after dropping `fraction` of the values at each end (0.2 drops the lowest and highest 20 %). */
export function trimmedMean(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.min(Math.floor(sorted.length * fraction), Math.floor((sorted.length - 1) / 2));
  const kept = sorted.slice(drop, sorted.length - drop);
  return kept.reduce((sum, value) => sum + value, 0) / kept.length;
}

/**
 * Distribution-free confidence interval of the median: the order statistics x(j) and x(n+1-j)
 * with j the largest rank such that P(Binomial(n, ½) < j) ≤ (1 − level) / 2. No resampling, so it
 * is the same for the same samples. With fewer than 6 values there is no 95 % interval: the
 * range is returned.
 */
export function medianInterval(values: readonly number[], level = 0.95): [number, number] {
  const n = values.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  const sorted = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  // log P(X = k) for X ~ Binomial(n, 1/2), accumulated in log space (n can be large).
  let logPmf = -n * Math.LN2;
  let cdf = 0;
  let j = 0;
  for (let k = 0; k < n; k += 1) {
    cdf += Math.exp(logPmf);
    if (cdf > tail) break;
    j = k + 1; // P(X ≤ k) ≤ tail, so rank k + 1 may bound the interval
    logPmf += Math.log(n - k) - Math.log(k + 1);
  }
  const rank = Math.max(1, j);
  return [sorted[rank - 1]!, sorted[n - rank]!];
}

/** The centre and spread of per-pair ratios (or of any paired figures, e.g. differences). */
export interface RatioSummary {
  /** Number of paired ratios. */
  n: number;
  median: number;
  /** 25th and 75th percentiles (linear interpolation) and their difference. */
  q1: number;
  q3: number;
  iqr: number;
  /** Mean of the middle 60 % (20 % trimmed at each end). */
  trimmedMean: number;
  /** 95 % distribution-free confidence interval of the median. */
  ci95: [number, number];
  min: number;
  max: number;
}

export function summarizeRatios(ratios: readonly number[]): RatioSummary {
  const q1 = quantile(ratios, 0.25);
  const q3 = quantile(ratios, 0.75);
  return {
    n: ratios.length,
    median: quantile(ratios, 0.5),
    q1,
    q3,
    iqr: q3 - q1,
    trimmedMean: trimmedMean(ratios, 0.2),
    ci95: medianInterval(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  };
}

/** `median 1.02 (IQR 0.98–1.06, 95 % CI of the median 1.00–1.04, n = 100)`, for notes. */
export function describeRatios(summary: RatioSummary, digits = 3): string {
  const f = (value: number) => value.toFixed(digits);
  return `median ${f(summary.median)} (IQR ${f(summary.q1)}–${f(summary.q3)}, 95 % CI of the median ${f(summary.ci95[0])}–${f(summary.ci95[1])}, n = ${summary.n})`;
}

/** Two sides compared by paired ratios: A ÷ B. */
export interface Comparison {
  a: Batch;
  b: Batch;
}

export interface PairedOptions {
  /** ABBA blocks per comparison kept for the ratios (each runs two batches per side). */
  blocks: number;
  /** Blocks per comparison run first and thrown away (JIT, connection pool, caches). */
  warmupBlocks: number;
  /** Operations per batch. */
  iterations: number;
  /**
   * Operations run untimed right before each batch (default 0). Switching between the sides
   * makes the first operations after a switch slower (caches, branch predictors); with short
   * batches that would weigh on the figure, so a lead-in absorbs it and only the steady state is
   * timed, as in one long loop.
   */
  leadIn?: number;
}

export interface PairedSeries {
  /** Per-batch time per operation, in nanoseconds, in the order they ran (2 per side per block). */
  a: number[];
  b: number[];
  /** Per block: (A₁ + A₂) ÷ (B₁ + B₂). */
  ratios: number[];
  /**
   * Per block: (A₁ + A₂ − B₁ − B₂) ÷ 2, per operation, in nanoseconds: A's extra time per
   * operation, an absolute figure to read next to the ratio.
   */
  differences: number[];
  /**
   * Garbage-collection pauses (V8's `gc` performance entries) that started inside the timed,
   * kept batches of each side: how many and their total wall time in ms. A pause is charged to the
   * batch that triggered it, i.e. mostly to the side that allocates more. With short batches
   * pauses land in a few outlying batches, which a median leaves out: this shows what it leaves out.
   */
  gc: { a: { count: number; ms: number }; b: { count: number; ms: number } };
}

/**
 * Paired, interleaved measurement for noisy machines. Time is cut into short blocks; in each block
 * a comparison runs A B B A or B A A B (alternating), and the block yields one ratio
 * (A₁ + A₂) ÷ (B₁ + B₂): a drift that is linear over the block cancels, neither side always goes
 * first, and a preemption spoils one block instead of shifting a whole side. The ratio of a run is
 * then a robust centre of the per-block ratios (see `summarizeRatios`). Several comparisons (e.g.
 * the real one and an A/A control) are interleaved block by block so they see the same machine
 * conditions; the order of comparisons rotates every two blocks, so with ABBA/BAAB alternating
 * every block, each comparison runs first and second equally often with both patterns.
 */
export async function pairedBlocks<K extends string>(comparisons: Record<K, Comparison>, options: PairedOptions): Promise<Record<K, PairedSeries>> {
  const keys = Object.keys(comparisons) as K[];
  const result = Object.fromEntries(keys.map((key) => [key, { a: [], b: [], ratios: [], differences: [], gc: { a: { count: 0, ms: 0 }, b: { count: 0, ms: 0 } } } as PairedSeries])) as Record<K, PairedSeries>;
  const perOp = (ms: number) => (ms * 1e6) / options.iterations;
  const leadIn = options.leadIn ?? 0;
  const windows: Array<{ start: number; end: number; key: K; side: "a" | "b" }> = [];
  const pauses: Array<{ start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  try {
    for (let block = 0; block < options.warmupBlocks + options.blocks; block += 1) {
      const keep = block >= options.warmupBlocks;
      const rotation = Math.floor(block / 2) % keys.length;
      const order = [...keys.slice(rotation), ...keys.slice(0, rotation)];
      const abba = block % 2 === 0;
      for (const key of order) {
        const { a, b } = comparisons[key];
        const sides: Array<"a" | "b"> = abba ? ["a", "b", "b", "a"] : ["b", "a", "a", "b"];
        const ms = { a: [] as number[], b: [] as number[] };
        for (const side of sides) {
          if (leadIn > 0) await (side === "a" ? a : b)(leadIn);
          const start = performance.now();
          await (side === "a" ? a : b)(options.iterations);
          const end = performance.now();
          ms[side].push(end - start);
          if (keep) windows.push({ start, end, key, side });
        }
        if (!keep) continue;
        const series = result[key];
        series.a.push(...ms.a.map(perOp));
        series.b.push(...ms.b.map(perOp));
        series.ratios.push((ms.a[0]! + ms.a[1]!) / (ms.b[0]! + ms.b[1]!));
        series.differences.push(perOp((ms.a[0]! + ms.a[1]! - ms.b[0]! - ms.b[1]!) / 2));
      }
    }
    // gc entries are delivered asynchronously: let them arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const entry of observer.takeRecords()) pauses.push({ start: entry.startTime, duration: entry.duration });
  } finally {
    observer.disconnect();
  }
  for (const pause of pauses) {
    const window = windows.find((candidate) => pause.start >= candidate.start && pause.start < candidate.end);
    if (!window) continue;
    const gc = result[window.key].gc[window.side];
    gc.count += 1;
    gc.ms += pause.duration;
  }
  return result;
}

/** Rounds to a few significant digits for tables and JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}
