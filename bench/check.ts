/**
 * `pnpm bench:check` (CI): the deterministic budgets only: bundle sizes, no RJSF in the OAuth-only
 * initial JS, exactly one token request per refresh storm, formula outputs equal to the reference
 * `buildValue`, OAuth1 signatures equal to oauth-1.0a's. Timings are never asserted (run
 * `pnpm bench` for them). Exits 1 with what failed and where to look.
 */
import { performance } from "node:perf_hooks";
import type { BudgetCheck } from "./lib/types.ts";
import { loadSuite } from "./suites/index.ts";
import type { SuiteName } from "./suites/index.ts";

const CHECKED: SuiteName[] = ["size", "refresh-storm", "formulas", "oauth1"];

export async function main(): Promise<number> {
  const start = performance.now();
  const checks: BudgetCheck[] = [];
  for (const name of CHECKED) {
    const suite = await loadSuite(name);
    try {
      checks.push(...((await suite.check?.()) ?? []));
    } catch (error) {
      checks.push({ id: `${name}.crashed`, label: `${name}: the check crashed`, pass: false, actual: "error", budget: "runs", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  for (const check of checks) {
    console.log(`${check.pass ? "ok  " : "FAIL"}  ${check.label}: ${check.actual} (budget ${check.budget})`);
    if (!check.pass && check.message) console.log(`      ${check.message.split("\n").join("\n      ")}`);
  }
  const failed = checks.filter((check) => !check.pass);
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(failed.length === 0 ? `\nAll ${checks.length} budgets met (${seconds} s).` : `\n${failed.length} of ${checks.length} budgets missed (${seconds} s): ${failed.map((check) => check.id).join(", ")}`);
  return failed.length === 0 ? 0 : 1;
}
