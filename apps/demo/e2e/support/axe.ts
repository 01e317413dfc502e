/**
 * axe-core in the page under test. Its source is evaluated through the DevTools protocol
 * (`page.evaluate(source)`), which the page's CSP does not govern — a <script> tag
 * (addScriptTag) would be refused by `script-src 'self'`.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface AxeReport {
  violations: AxeViolation[];
  /** Rules that passed / could not decide (`incomplete`), for the record. */
  passes: number;
  incomplete: string[];
  /** One readable block per violation, or "no violations". */
  summary: string;
}

// axe-core is a dependency of @plugboard/react; resolve it from there.
const requireFromReact = createRequire(new URL("../../../../packages/react/package.json", import.meta.url));
let axeSource: Promise<string> | undefined;

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(requireFromReact.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === "object")) return;
  await page.evaluate(await loadAxeSource());
}

/**
 * Runs axe on the page (or under `include`, a CSS selector) with the WCAG 2.2 AA rule set.
 * Color contrast is checked too (the screenshots show what it measured).
 */
export async function runAxe(page: Page, options: { include?: string; exclude?: string[]; tags?: string[] } = {}): Promise<AxeReport> {
  await injectAxe(page);
  const raw = await page.evaluate(
    async ({ include, exclude, tags }) => {
      type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
      type AxeResult = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: AxeNode[] };
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[]; passes: AxeResult[]; incomplete: AxeResult[] }> } }).axe;
      const context = include || exclude.length ? { include: include ? [include] : [document], exclude: exclude.map((selector) => [selector]) } : document;
      const results = await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] });
      return {
        violations: results.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact ?? null,
          help: violation.help,
          helpUrl: violation.helpUrl,
          nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(" "), html: node.html, summary: node.failureSummary ?? "" })),
        })),
        passes: results.passes.length,
        incomplete: results.incomplete.map((result) => result.id),
      };
    },
    { include: options.include ?? "", exclude: options.exclude ?? [], tags: options.tags ?? WCAG_AA_TAGS },
  );
  return { ...raw, summary: summarize(raw.violations) };
}

export function summarize(violations: AxeViolation[]): string {
  if (violations.length === 0) return "no violations";
  return violations
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    - ${node.target}\n      ${node.html.slice(0, 200)}\n      ${node.summary.replace(/\n/g, "\n      ")}`).join("\n");
      return `[${violation.impact ?? "?"}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`;
    })
    .join("\n");
}
