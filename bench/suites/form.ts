/**
 * Form responsiveness in Chromium: a 100-field schema, time from a keystroke to the updated DOM
 * (median and p95), Plugboard's ParameterForm (validateOn="change") vs a plain @rjsf/core Form
 * with @rjsf/validator-ajv8 and liveValidate="onChange". Both pages are production React builds,
 * served from loopback and driven by Debian's Chromium through playwright-core; the two forms are
 * typed into in alternating rounds.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Page } from "playwright-core";
import { bundleApp } from "../lib/bundle.ts";
import { cacheDir } from "../lib/paths.ts";
import { median, percentile } from "../lib/stats.ts";
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
const ROUNDS = 20;
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
      for (const side of Object.keys(PAGES) as Side[]) await typeInto(pages[side], WARMUP_KEYSTROKES);
      for (let round = 0; round < ROUNDS; round += 1) {
        const order: Side[] = round % 2 === 0 ? ["plugboard", "rjsf"] : ["rjsf", "plugboard"];
        for (const side of order) samples[side].push(...(await typeInto(pages[side], KEYSTROKES_PER_ROUND)));
      }
      if (errors.length > 0) throw new Error(`Page errors: ${errors.join("; ")}`);
      const fields = await Promise.all((Object.keys(PAGES) as Side[]).map((side) => pages[side].locator("input, select, textarea").count()));

      const stat = (side: Side, p: number) => (p === 50 ? median(samples[side]) : percentile(samples[side], p));
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
          ...(p === 50 ? { note: `${samples.plugboard.length} keystrokes per form after ${WARMUP_KEYSTROKES} warm-up ones, ${ROUNDS} alternating rounds; ${fields[0]} vs ${fields[1]} form controls rendered` } : {}),
        };
      };
      return {
        suite: "form",
        rows: [row(50), row(95)],
        details: { chromium: `Chromium ${browser.version()}`, samplesMs: samples, formControls: { plugboard: fields[0], rjsf: fields[1] } },
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
