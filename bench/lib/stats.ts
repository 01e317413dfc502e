/** Timing helpers: warm-up, interleaved samples, medians. Timings are reported, never asserted. */
import { performance } from "node:perf_hooks";

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

/** Rounds to a few significant digits for tables and JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}
