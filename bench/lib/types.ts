/** The shapes every suite returns and `results/latest.json` stores. */

export interface Figure {
  value: number;
  unit: string;
}

/** One line of the results table: Plugboard's figure, the baseline's, their ratio and the target. */
export interface BenchRow {
  /** Stable id, e.g. `formulas.evaluate`. */
  id: string;
  label: string;
  plugboard: Figure;
  baseline?: Figure & { name: string };
  /** Plugboard ÷ baseline (lower is better for every figure here). */
  ratio?: number;
  /** Human-readable target, e.g. `ratio ≤ 0.2`, `≤ 15 KB`, `= 1`. */
  target?: string;
  /** Whether the target is met; absent for rows without a target. */
  pass?: boolean;
  /** Deterministic budget (sizes, correctness) that `bench:check` enforces in CI. */
  budget?: boolean;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  rows: BenchRow[];
  /** Why the suite could not run (e.g. Chromium missing); printed as TODO, not a failure of the table. */
  skipped?: string;
  /** The suite crashed. */
  error?: string;
  /** Anything worth keeping in the JSON (per-connector figures, bundle inputs…). */
  details?: Record<string, unknown>;
  durationMs?: number;
}

/** One deterministic budget checked by `bench:check`. */
export interface BudgetCheck {
  id: string;
  label: string;
  pass: boolean;
  /** What was measured, e.g. `12.3 KB`. */
  actual: string;
  /** The budget, e.g. `≤ 15 KB`. */
  budget: string;
  /** Why it failed and where to look. */
  message?: string;
}

export interface Suite {
  name: string;
  description: string;
  /** Full measurement for `pnpm bench`. */
  run(): Promise<SuiteResult>;
  /** Deterministic budgets for `pnpm bench:check` (no timings); omitted when the suite has none. */
  check?(): Promise<BudgetCheck[]>;
}
