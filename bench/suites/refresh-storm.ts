/**
 * Refresh storm: 100 concurrent requests with an expired token must cause exactly one token
 * request (single-flight refresh), and all 100 must succeed. A correctness figure, run against the
 * example connectors' mock providers (msw handlers answered in-process through `getResponse`, no
 * global fetch patching):
 * - northwind-books (OAuth 2.0): access tokens revoked at the provider → 100 × 401 → one
 *   refresh_token grant; and `expires_at` in the past → one refresh ahead of the requests;
 * - ledger (email + password session, JavaScript refreshCredentials in the QuickJS sandbox): sessions
 *   expired → 100 × 401 → one login.
 */
import { performance } from "node:perf_hooks";
import { createAuthEngine } from "@plugboard/auth-core";
import type { AuthEngine, Connection } from "@plugboard/auth-core";
import { allMockHandlers, approveConsent, exampleEngineOptions, ledger, ledgerMock, northwindBooks, northwindProvider, parseExampleSpec, resetMockProviders } from "@plugboard/connectors";
import type { ExampleConnector } from "@plugboard/connectors";
import { getResponse } from "msw";
import type { BenchRow, BudgetCheck, Suite, SuiteResult } from "../lib/types.ts";

export const CONCURRENCY = 100;

/** fetch answered by the example mocks, in-process. */
const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  return (await getResponse(allMockHandlers, request)) ?? new Response(`No mock for ${request.method} ${request.url}`, { status: 599 });
};

interface StormResult {
  id: string;
  label: string;
  tokenRequests: number;
  succeeded: number;
  /** Every fetch during the storm: first attempts, the token request, retries. */
  fetches: number;
  ms: number;
}

async function storm(
  id: string,
  label: string,
  connector: ExampleConnector,
  connect: (engine: AuthEngine) => Promise<Connection>,
  expire: (connection: Connection) => Connection,
  tokenRequests: () => number,
): Promise<StormResult> {
  resetMockProviders();
  let fetches = 0;
  const engine = createAuthEngine(parseExampleSpec(connector), {
    ...exampleEngineOptions(connector),
    fetch: (input, init) => {
      fetches += 1;
      return mockFetch(input, init);
    },
    sleep: async () => {},
  });
  const session = engine.openConnection(expire(await connect(engine)));
  const before = tokenRequests();
  fetches = 0;
  const { path, query } = connector.sampleRequest;
  const start = performance.now();
  const results = await Promise.allSettled(Array.from({ length: CONCURRENCY }, () => session.apiClient.get(path, query)));
  const ms = performance.now() - start;
  return { id, label, tokenRequests: tokenRequests() - before, succeeded: results.filter((result) => result.status === "fulfilled").length, fetches, ms };
}

async function runStorms(): Promise<StormResult[]> {
  const connectNorthwind = (engine: AuthEngine) => engine.connect({ input: {}, authorize: ({ url }) => approveConsent(url, { fetch: mockFetch }) });
  const northwindTokens = () => northwindProvider.stats.tokenRequests.refresh_token + northwindProvider.stats.tokenRequests.authorization_code;
  try {
    return [
      await storm(
        "refresh-storm.oauth2-401",
        "northwind-books (OAuth2), token revoked → 401s",
        northwindBooks,
        connectNorthwind,
        (connection) => {
          northwindProvider.expireAccessTokens();
          return connection;
        },
        northwindTokens,
      ),
      await storm(
        "refresh-storm.oauth2-expires-at",
        "northwind-books (OAuth2), expires_at passed",
        northwindBooks,
        connectNorthwind,
        (connection) => {
          northwindProvider.expireAccessTokens();
          return { ...connection, credentials: { ...connection.credentials, expires_at: Date.now() - 1000 } };
        },
        northwindTokens,
      ),
      await storm(
        "refresh-storm.ledger-401",
        "ledger (session login in QuickJS), session expired → 401s",
        ledger,
        (engine) => engine.connect({ input: { ...ledger.fixtures.validInput } }),
        (connection) => {
          ledgerMock.expireTokens();
          return connection;
        },
        () => ledgerMock.loginCount,
      ),
    ];
  } finally {
    resetMockProviders();
  }
}

const passes = (storm: StormResult) => storm.tokenRequests === 1 && storm.succeeded === CONCURRENCY;

export const refreshStormSuite: Suite = {
  name: "refresh-storm",
  description: `${CONCURRENCY} concurrent requests with an expired token → exactly one token request`,

  async run(): Promise<SuiteResult> {
    const storms = await runStorms();
    const rows: BenchRow[] = storms.map((storm) => ({
      id: storm.id,
      label: `Refresh storm: ${storm.label}`,
      plugboard: { value: storm.tokenRequests, unit: storm.tokenRequests === 1 ? "token request" : "token requests" },
      target: `= 1, ${CONCURRENCY}/${CONCURRENCY} ok`,
      pass: passes(storm),
      budget: true,
      note: `${storm.succeeded}/${CONCURRENCY} requests succeeded, ${storm.fetches} fetches (first attempts, token request, retries), ${storm.ms.toFixed(0)} ms in total`,
    }));
    return { suite: "refresh-storm", rows, details: { storms } };
  },

  async check(): Promise<BudgetCheck[]> {
    return (await runStorms()).map((storm) => ({
      id: storm.id,
      label: `Refresh storm, ${storm.label}: ${CONCURRENCY} concurrent requests → one token request`,
      pass: passes(storm),
      actual: `${storm.tokenRequests} token request(s), ${storm.succeeded}/${CONCURRENCY} succeeded`,
      budget: `1 token request, ${CONCURRENCY}/${CONCURRENCY} succeeded`,
      ...(passes(storm) ? {} : { message: "The single-flight refresh in ConnectionSession / createApiClient (packages/auth-core/src/engine, src/http) let requests refresh on their own, or requests failed." }),
    }));
  },
};
