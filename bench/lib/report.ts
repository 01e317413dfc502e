/** The results table, the machine description and `results/latest.json`. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resultsFile } from "./paths.ts";
import { round } from "./stats.ts";
import type { BenchRow, SuiteResult } from "./types.ts";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  node: string;
  v8: string;
  /** 1, 5 and 15 minute load averages when the run started: timings on a busy machine are noisy. */
  loadAverage: number[];
  /** Set by the form suite. */
  chromium?: string;
  date: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: os.loadavg().map((load) => round(load, 3)),
    date: new Date().toISOString(),
  };
}

export function formatFigure(figure: { value: number; unit: string } | undefined): string {
  if (!figure) return "—";
  return `${round(figure.value)} ${figure.unit}`;
}

function status(row: BenchRow): string {
  if (row.pass === undefined) return "";
  return row.pass ? "ok" : "MISS";
}

const COLUMNS = ["Benchmark", "Plugboard", "Baseline", "Ratio", "Target", ""] as const;

function cells(row: BenchRow): string[] {
  const baseline = row.baseline ? `${formatFigure(row.baseline)} (${row.baseline.name})` : "—";
  return [row.label, formatFigure(row.plugboard), baseline, row.ratio === undefined ? "—" : round(row.ratio).toFixed(3).replace(/\.?0+$/, ""), row.target ?? "", status(row)];
}

/** A Markdown table (also readable in a terminal), for the console and the README. */
export function renderTable(results: SuiteResult[]): string {
  const lines: string[][] = [];
  const notes: string[] = [];
  for (const result of results) {
    for (const row of result.rows) lines.push(cells(row));
    if (result.skipped) lines.push([`${result.suite}: TODO`, "", "", "", "", `skipped: ${result.skipped}`]);
    if (result.error) lines.push([`${result.suite}: ERROR`, "", "", "", "", result.error.split("\n")[0]!]);
    for (const row of result.rows) if (row.note) notes.push(`- ${row.label}: ${row.note}`);
  }
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const render = (line: readonly string[]) => `| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  const table = [render(COLUMNS), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...lines.map(render)].join("\n");
  return notes.length > 0 ? `${table}\n\n${notes.join("\n")}` : table;
}

export interface ResultsFile {
  machine: Machine;
  suites: SuiteResult[];
}

/** Writes the results; a partial run (`pnpm bench formulas`) replaces only its suites. */
export function writeResults(machine: Machine, results: SuiteResult[]): ResultsFile {
  let previous: SuiteResult[] = [];
  if (existsSync(resultsFile)) {
    try {
      previous = (JSON.parse(readFileSync(resultsFile, "utf8")) as ResultsFile).suites ?? [];
    } catch {
      previous = [];
    }
  }
  const fresh = new Set(results.map((result) => result.suite));
  const suites = [...previous.filter((result) => !fresh.has(result.suite)), ...results];
  const order = ["formulas", "oauth1", "api-client", "refresh-storm", "size", "form"];
  suites.sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
  const file: ResultsFile = { machine: { ...machine, ...previousChromium(previous, fresh) }, suites };
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}

function previousChromium(previous: SuiteResult[], fresh: Set<string>): Partial<Machine> {
  if (fresh.has("form")) return {};
  const form = previous.find((result) => result.suite === "form");
  const chromium = form?.details?.chromium;
  return typeof chromium === "string" ? { chromium } : {};
}
