/**
 * `pnpm bench [suite…]`: runs the suites (all by default), prints Plugboard's figure, the
 * baseline's and their ratio for each benchmark, and writes results/latest.json with the machine.
 * Exits non-zero only when a suite crashes: targets are reported here and budgets enforced by
 * `pnpm bench:check`.
 */
import { performance } from "node:perf_hooks";
import { describeMachine, renderTable, writeResults } from "./lib/report.ts";
import { resultsFile } from "./lib/paths.ts";
import type { SuiteResult } from "./lib/types.ts";
import { isSuiteName, loadSuite, SUITE_NAMES } from "./suites/index.ts";
import type { SuiteName } from "./suites/index.ts";

export async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => !isSuiteName(arg));
  if (unknown.length > 0) {
    console.error(`Unknown suite(s): ${unknown.join(", ")}. Suites: ${SUITE_NAMES.join(", ")}.`);
    return 2;
  }
  const names: SuiteName[] = args.length > 0 ? (args as SuiteName[]) : [...SUITE_NAMES];
  const machine = describeMachine();
  console.log(`Plugboard bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, load average ${machine.loadAverage.join(" ")}\n`);

  const results: SuiteResult[] = [];
  for (const name of names) {
    const suite = await loadSuite(name);
    process.stdout.write(`${name}: ${suite.description} … `);
    const start = performance.now();
    let result: SuiteResult;
    try {
      result = await suite.run();
    } catch (error) {
      result = { suite: name, rows: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    result.durationMs = Math.round(performance.now() - start);
    console.log(result.error ? "ERROR" : result.skipped ? "skipped" : `${(result.durationMs / 1000).toFixed(1)} s`);
    if (result.error) console.error(result.error);
    if (result.skipped) console.log(`  TODO: ${result.skipped}`);
    results.push(result);
  }

  const chromium = results.find((result) => result.suite === "form")?.details?.chromium;
  if (typeof chromium === "string") machine.chromium = chromium;
  writeResults(machine, results);
  console.log(`\n${renderTable(results)}\n`);
  console.log(`Ratios are Plugboard ÷ baseline (lower is better). Written to ${resultsFile}`);
  return results.some((result) => result.error) ? 1 : 0;
}
