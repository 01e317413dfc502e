/**
 * ApiClient overhead: GET requests to a loopback server through the client of an API-key
 * connector (acme-crm's real spec, base URL pointed at the loopback server: the `$tpl` base URI,
 * the X-API-Key header and the response handler all run) vs plain `fetch` with the same headers
 * and `response.json()`. 10,000 sequential requests per side, in interleaved batches.
 */
import { createAuthEngine, parseConnectorSpec } from "@plugboard/auth-core";
import type { ApiClient } from "@plugboard/auth-core";
import { acmeCrm } from "@plugboard/connectors";
import { startLoopbackServer } from "../lib/loopback-server.ts";
import { interleaved, median, percentile } from "../lib/stats.ts";
import type { Suite, SuiteResult } from "../lib/types.ts";

export const REQUESTS = 10_000;
const BATCH = 500;
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
      const viaFetch = async (n: number) => {
        for (let i = 0; i < n; i += 1) {
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await response.json();
        }
      };
      const before = (await server.lastRequest()).count;
      const result = await interleaved(viaClient, viaFetch, { samples: REQUESTS / BATCH, warmupSamples: 2, sampleMs: 0, iterations: BATCH });
      const served = (await server.lastRequest()).count - before;
      const ratio = median(result.a) / median(result.b);
      const us = (ns: number) => ns / 1000;
      return {
        suite: "api-client",
        rows: [
          {
            id: "api-client.request",
            label: `ApiClient: ${REQUESTS.toLocaleString("en")} GETs, time per request`,
            plugboard: { value: us(median(result.a)), unit: "µs" },
            baseline: { name: "fetch + same headers", value: us(median(result.b)), unit: "µs" },
            ratio,
            target: "ratio ≤ 1.1",
            pass: ratio <= 1.1,
            note: `medians of ${result.a.length} batches of ${BATCH} sequential requests per side (p90 batch: ${us(percentile(result.a, 90)).toFixed(1)} vs ${us(percentile(result.b, 90)).toFixed(1)} µs); the server runs in a worker thread`,
          },
        ],
        details: { headers, url, served, batch: BATCH, batchesUs: { plugboard: result.a.map(us), baseline: result.b.map(us) } },
      };
    } finally {
      await server.close();
    }
  },
};
