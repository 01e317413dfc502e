/**
 * ApiClient overhead: GET requests to a loopback server through the client of an API-key
 * connector (acme-crm's real spec, base URL pointed at the loopback server: the `$tpl` base URI,
 * the X-API-Key header and the response handler all run) vs plain `fetch` with the same headers
 * and `response.json()`. 10,000 timed sequential requests per side, in many short batches run in
 * ABBA / BAAB blocks; the ratio is the median of the per-block ratios, with its spread. An A/A
 * control (fetch vs the same fetch) is measured the same way, interleaved block by block with the
 * real comparison, to show the noise floor of the machine at that moment.
 *
 * Why short batches: on a busy 2-core machine a batch is regularly stalled by a preemption or a
 * young-generation GC whose parallel helpers wait for a core (tens of ms each, every few hundred
 * requests). With 500-request batches every batch is hit by several, so their sum, not the code,
 * decides the ratio; with 10-request batches most blocks are clean and the median ignores the rest.
 * Measured at load 2–10 on 2 cores: with 10-request batches the ratio stayed within 1.04–1.08 over
 * about 20 runs (A/A 0.99–1.02); with 50-request batches it went 1.03–1.16 in 4 runs, the A/A
 * 0.95–1.02. GC pauses each side triggered are kept in the JSON and the note.
 */
import { createAuthEngine, parseConnectorSpec } from "@plugboard/auth-core";
import type { ApiClient } from "@plugboard/auth-core";
import { acmeCrm } from "@plugboard/connectors";
import { startLoopbackServer } from "../lib/loopback-server.ts";
import { describeRatios, median, pairedBlocks, quantile, round, summarizeRatios } from "../lib/stats.ts";
import type { PairedSeries, RatioSummary } from "../lib/stats.ts";
import type { Suite, SuiteResult } from "../lib/types.ts";

/** Timed requests per side. */
export const REQUESTS = 10_000;
/** Timed requests per batch (≈ 3 ms). */
const BATCH = 10;
/**
 * Untimed requests before each batch: the first request after switching sides is slower (caches,
 * branch predictors), which with batches this short would otherwise weigh on the figure.
 */
const LEAD_IN = 2;
/** ABBA blocks per comparison: each times two batches per side, so BLOCKS × 2 × BATCH = REQUESTS. */
const BLOCKS = REQUESTS / (2 * BATCH);
/** Blocks per comparison run first and discarded. */
const WARMUP_BLOCKS = 25;
/** Headers every fetch adds on its own; everything else the client sent is copied to the baseline. */
const FETCH_DEFAULT_HEADERS = new Set(["host", "connection", "user-agent", "accept-encoding", "accept-language", "sec-fetch-mode"]);

async function acmeClient(origin: string): Promise<ApiClient> {
  const template = "https://{region}.api.acme-crm.example/v2";
  if (!acmeCrm.spec.includes(template)) throw new Error(`acme-crm's spec no longer has the base URI ${template}; update the api-client bench.`);
  const spec = parseConnectorSpec(acmeCrm.spec.replace(template, `${origin}/{region}/v2`), { sourceName: "acme-crm/spec.yml" });
  const engine = createAuthEngine(spec);
  // A real connect: input validated, then the spec's test (GET /me) through the client.
  const connection = await engine.connect({ input: { ...acmeCrm.fixtures.validInput } });
  return engine.createApiClient(connection);
}

const us = (ns: number) => ns / 1000;
const r4 = (value: number) => round(value, 4);

const rounded = (summary: RatioSummary, scale = 1) => {
  const r = (value: number) => r4(value * scale);
  return { n: summary.n, median: r(summary.median), q1: r(summary.q1), q3: r(summary.q3), iqr: r(summary.iqr), trimmedMean: r(summary.trimmedMean), ci95: summary.ci95.map(r), min: r(summary.min), max: r(summary.max) };
};

/** What the JSON keeps of one comparison: the ratio and difference summaries and GC pauses. */
function seriesDetails(series: PairedSeries, summary: RatioSummary) {
  return {
    ratio: rounded(summary),
    /** A's extra time per request, µs (per-block differences). */
    differenceUs: rounded(summarizeRatios(series.differences), 1 / 1000),
    gc: { a: { count: series.gc.a.count, ms: r4(series.gc.a.ms) }, b: { count: series.gc.b.count, ms: r4(series.gc.b.ms) } },
  };
}

/** `+17.2 µs (95 % CI +15.0 to +19.1)`: the median per-block difference per request. */
const differenceNote = (series: PairedSeries) => {
  const summary = summarizeRatios(series.differences);
  const f = (ns: number) => `${ns >= 0 ? "+" : "−"}${Math.abs(us(ns)).toFixed(1)}`;
  return `${f(summary.median)} µs per request (95 % CI ${f(summary.ci95[0])} to ${f(summary.ci95[1])})`;
};

const gcNote = (series: PairedSeries) =>
  `GC pauses started in the timed batches: ${series.gc.a.count} (${Math.round(series.gc.a.ms)} ms) vs ${series.gc.b.count} (${Math.round(series.gc.b.ms)} ms)`;

export const apiClientSuite: Suite = {
  name: "api-client",
  description: `${REQUESTS.toLocaleString("en")} loopback GETs: acme-crm ApiClient vs plain fetch`,

  async run(): Promise<SuiteResult> {
    const server = await startLoopbackServer();
    try {
      const api = await acmeClient(server.origin);
      const sample = (await api.get("/contacts", { limit: 2 })) as { data: unknown[] };
      if (sample.data.length !== 2) throw new Error("unexpected loopback response");
      const sent = (await server.lastRequest()).headers;
      const headers = Object.fromEntries(Object.entries(sent).filter(([name]) => !FETCH_DEFAULT_HEADERS.has(name)));
      const region = (acmeCrm.fixtures.validInput as { region: string }).region;
      const url = `${server.origin}/${region}/v2/contacts?limit=2`;

      const viaClient = async (n: number) => {
        for (let i = 0; i < n; i += 1) await api.get("/contacts", { limit: 2 });
      };
      // A factory, so the A/A control compares two separate (identical) closures.
      const makeViaFetch = () => async (n: number) => {
        for (let i = 0; i < n; i += 1) {
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await response.json();
        }
      };

      const before = (await server.lastRequest()).count;
      const result = await pairedBlocks(
        { main: { a: viaClient, b: makeViaFetch() }, control: { a: makeViaFetch(), b: makeViaFetch() } },
        { blocks: BLOCKS, warmupBlocks: WARMUP_BLOCKS, iterations: BATCH, leadIn: LEAD_IN },
      );
      const served = (await server.lastRequest()).count - before;
      const expected = 2 * 4 * (BATCH + LEAD_IN) * (BLOCKS + WARMUP_BLOCKS);
      if (served !== expected) throw new Error(`the loopback server saw ${served} requests, expected ${expected}`);

      const main = summarizeRatios(result.main.ratios);
      const control = summarizeRatios(result.control.ratios);
      const timed = result.main.a.length * BATCH;
      const p90 = (values: number[]) => us(quantile(values, 0.9)).toFixed(1);
      return {
        suite: "api-client",
        rows: [
          {
            id: "api-client.request",
            label: `ApiClient: ${REQUESTS.toLocaleString("en")} GETs, time per request`,
            plugboard: { value: us(median(result.main.a)), unit: "µs" },
            baseline: { name: "fetch + same headers", value: us(median(result.main.b)), unit: "µs" },
            ratio: main.median,
            target: "ratio ≤ 1.1",
            pass: main.median <= 1.1,
            note:
              `ratio = ${describeRatios(main)} of per-block ratios (A₁+A₂)/(B₁+B₂); ${BLOCKS} ABBA/BAAB blocks of ${BATCH}-request batches ` +
              `(${timed.toLocaleString("en")} timed sequential requests per side, each batch after ${LEAD_IN} untimed ones, ${WARMUP_BLOCKS} warm-up blocks), ` +
              `interleaved block by block with the A/A control below; ApiClient's extra time per block, median: ${differenceNote(result.main)}; per-side figures are batch medians (p90 batch ${p90(result.main.a)} vs ${p90(result.main.b)} µs); ` +
              `${gcNote(result.main)}; the server runs in a worker thread`,
          },
          {
            id: "api-client.aa-control",
            label: "ApiClient bench A/A control: fetch vs the same fetch",
            plugboard: { value: us(median(result.control.a)), unit: "µs" },
            baseline: { name: "fetch + same headers", value: us(median(result.control.b)), unit: "µs" },
            ratio: control.median,
            note:
              `informational (no target), the noise floor: identical code on both sides, measured exactly like the row above; ratio = ${describeRatios(control)}, difference ${differenceNote(result.control)}. ` +
              `How far this median sits from 1 and how wide its CI is show how far noise alone moves a ratio; ${gcNote(result.control)}`,
          },
        ],
        details: {
          headers,
          url,
          served,
          batch: BATCH,
          leadIn: LEAD_IN,
          blocks: BLOCKS,
          warmupBlocks: WARMUP_BLOCKS,
          method:
            "ABBA and BAAB blocks alternate; block ratio = (A1+A2)/(B1+B2) of batch times; the main comparison and the A/A control are interleaved block by block (order rotating every two blocks); row ratio = median of the block ratios; a = Plugboard (main) / first fetch (control)",
          main: seriesDetails(result.main, main),
          control: { ...seriesDetails(result.control, control), blockRatios: result.control.ratios.map(r4) },
          // The samples of the main comparison (µs per request, per batch, in the order they ran:
          // block k's ratio is (plugboard[2k] + plugboard[2k+1]) / (baseline[2k] + baseline[2k+1])).
          batchesUs: { plugboard: result.main.a.map((ns) => r4(us(ns))), baseline: result.main.b.map((ns) => r4(us(ns))) },
        },
      };
    } finally {
      await server.close();
    }
  },
};
