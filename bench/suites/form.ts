/**
 * Form responsiveness in Chromium: a 100-field schema, time from a keystroke to the updated DOM
 * (median and p95), Plugboard's ParameterForm (validateOn="change") vs a plain @rjsf/core Form
 * with @rjsf/validator-ajv8 and liveValidate="onChange". Both pages are production React builds,
 * served from loopback and driven by Debian's Chromium through playwright-core; the two forms are
 * typed into in alternating rounds. Besides the pooled median and p95 per side (the rows' figures),
 * each pair of rounds (A B, B A) is one block; the notes give the median of the per-block ratios
 * with its spread, which one scheduler hiccup in one round does not move much.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Page } from "playwright-core";
import { bundleApp } from "../lib/bundle.ts";
import { cacheDir } from "../lib/paths.ts";
import { describeRatios, median, percentile, round as roundTo, summarizeRatios } from "../lib/stats.ts";
import type { RatioSummary } from "../lib/stats.ts";
import type { BenchRow, Suite, SuiteResult } from "../lib/types.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
const WARMUP_KEYSTROKES = 30;
const ROUNDS = 60;
const KEYSTROKES_PER_ROUND = 10;

const PAGES = { plugboard: "apps/form-plugboard.tsx", rjsf: "apps/form-rjsf.tsx" } as const;
type Side = keyof typeof PAGES;

const html = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>form bench</title></head><body><div id="root"></div><script type="module" src="/${script}"></script></body></html>`;

/** Serves the built pages; cross-origin isolated so performance.now() has fine resolution. */
async function servePages(dir: string) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const headers = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp", "cache-control": "no-store" };
    const page = /^\/(plugboard|rjsf)\.html$/.exec(url.pathname);
    if (page) {
      response.writeHead(200, { ...headers, "content-type": "text/html; charset=utf-8" });
      response.end(html(`${page[1]}/form-${page[1]}.js`));
      return;
    }
    const file = path.join(dir, path.normalize(url.pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, "content-type": "text/javascript; charset=utf-8" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function typeInto(page: Page, count: number): Promise<number[]> {
  await page.bringToFront();
  return page.evaluate((n) => window.benchType!(n), count);
}

/** A ratio summary rounded for the JSON. */
function summaryDetails(summary: RatioSummary) {
  const r = (value: number) => roundTo(value, 4);
  return { n: summary.n, median: r(summary.median), q1: r(summary.q1), q3: r(summary.q3), iqr: r(summary.iqr), trimmedMean: r(summary.trimmedMean), ci95: summary.ci95.map(r), min: r(summary.min), max: r(summary.max) };
}

export const formSuite: Suite = {
  name: "form",
  description: "100-field form in Chromium, keystroke → updated DOM: ParameterForm vs @rjsf/core + ajv8 liveValidate",

  async run(): Promise<SuiteResult> {
    if (!existsSync(CHROMIUM)) {
      return { suite: "form", rows: [], skipped: `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` };
    }
    const dir = path.join(cacheDir, "form-pages");
    for (const side of Object.keys(PAGES) as Side[]) {
      await bundleApp({ entry: PAGES[side], external: [], outdir: path.join(dir, side) });
    }
    const server = await servePages(dir);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const pages = {} as Record<Side, Page>;
      const errors: string[] = [];
      for (const side of Object.keys(PAGES) as Side[]) {
        const page = await context.newPage();
        page.on("pageerror", (error) => errors.push(`${side}: ${error.message}`));
        await page.goto(`${server.origin}/${side}.html`);
        await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 30_000 });
        pages[side] = page;
      }
      const samples: Record<Side, number[]> = { plugboard: [], rjsf: [] };
      const rounds: Record<Side, number[][]> = { plugboard: [], rjsf: [] };
      for (const side of Object.keys(PAGES) as Side[]) await typeInto(pages[side], WARMUP_KEYSTROKES);
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Side[] = round % 2 === 0 ? ["plugboard", "rjsf"] : ["rjsf", "plugboard"];
        for (const side of order) {
          const durations = await typeInto(pages[side], KEYSTROKES_PER_ROUND);
          rounds[side].push(durations);
          samples[side].push(...durations);
        }
      }
      if (errors.length > 0) throw new Error(`Page errors: ${errors.join("; ")}`);
      const fields = await Promise.all((Object.keys(PAGES) as Side[]).map((side) => pages[side].locator("input, select, textarea").count()));

      const stat = (side: Side, p: number) => (p === 50 ? median(samples[side]) : percentile(samples[side], p));
      // Paired figure: rounds 2k (Plugboard first) and 2k + 1 (RJSF first) form an ABBA block; its
      // ratio is the percentile of Plugboard's keystrokes in the block ÷ that of RJSF's (the same
      // characters typed on both sides).
      const blocks = Math.floor(ROUNDS / 2);
      const blockSamples = (side: Side, block: number) => [...rounds[side][2 * block]!, ...rounds[side][2 * block + 1]!];
      const paired = (p: number): RatioSummary =>
        summarizeRatios(Array.from({ length: blocks }, (_, block) => percentile(blockSamples("plugboard", block), p) / percentile(blockSamples("rjsf", block), p)));
      const pairedFigures = { 50: paired(50), 95: paired(95) };
      const pairedNote = (p: 50 | 95) =>
        `paired: ${describeRatios(pairedFigures[p])} of per-block ${p === 50 ? "median" : "p95"} ratios (${blocks} blocks of 2 rounds, ${2 * KEYSTROKES_PER_ROUND} keystrokes per form each)`;
      const row = (p: 50 | 95): BenchRow => {
        const ratio = stat("plugboard", p) / stat("rjsf", p);
        return {
          id: `form.${p === 50 ? "median" : "p95"}`,
          label: `Form, 100 fields: keystroke → DOM, ${p === 50 ? "median" : "p95"}`,
          plugboard: { value: stat("plugboard", p), unit: "ms" },
          baseline: { name: "@rjsf/core + ajv8 liveValidate", value: stat("rjsf", p), unit: "ms" },
          ratio,
          target: "ratio ≤ 1.0",
          pass: ratio <= 1,
          note:
            p === 50
              ? `${samples.plugboard.length} keystrokes per form after ${WARMUP_KEYSTROKES} warm-up ones, ${ROUNDS} alternating rounds; ${fields[0]} vs ${fields[1]} form controls rendered; ${pairedNote(p)}`
              : pairedNote(p),
        };
      };
      return {
        suite: "form",
        rows: [row(50), row(95)],
        details: {
          chromium: `Chromium ${browser.version()}`,
          samplesMs: samples,
          formControls: { plugboard: fields[0], rjsf: fields[1] },
          paired: {
            method: "block = rounds 2k and 2k+1 (A B, B A); block ratio = percentile of Plugboard's keystrokes in the block ÷ RJSF's; figure = median of the block ratios",
            median: summaryDetails(pairedFigures[50]),
            p95: summaryDetails(pairedFigures[95]),
          },
        },
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
