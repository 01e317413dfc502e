/**
 * The client-credentials example connectors, end to end through the engine: real specs, the
 * same MSW mock providers the demo and Storybook use, the sandbox for their JavaScript.
 */
import { createAuthEngine, createConnectFlow, ErrorKey, isPlugboardError, parseConnectorSpec } from "@plugboard/auth-core";
import type { AuthEngine } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acmeCrm, ACME_VALID_KEYS, createLedgerMock, exampleConnectors, helpdesk, ledger, weatherly } from "./index.ts";
import type { ExampleConnector } from "./index.ts";

const ledgerMock = createLedgerMock();
const server = setupServer(
  ...exampleConnectors.filter((connector) => connector !== ledger).flatMap((connector) => connector.handlers),
  ...ledgerMock.handlers,
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => ledgerMock.reset());
afterAll(() => server.close());

function engineFor(connector: ExampleConnector): AuthEngine {
  const spec = parseConnectorSpec(connector.spec, { files: connector.files, sourceName: `${connector.key}/spec.yml` });
  return createAuthEngine(spec, { connectorParameters: connector.connectorParameters ?? {}, sleep: async () => {} });
}

async function keyOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isPlugboardError(error)) return error.key;
    throw error;
  }
  throw new Error("expected a rejection");
}

// Connectors whose only auth is client-credentials (pipeline-crm also offers OAuth: oauth.test.ts covers it).
const clientCredentialConnectors = exampleConnectors.filter((connector) => connector.authTypes.every((type) => type === "client-credentials"));

describe.each(clientCredentialConnectors.map((connector) => [connector.key, connector] as const))("%s", (_key, connector) => {
  it("offers one client-credentials option with an input schema", async () => {
    const options = await engineFor(connector).getAuthOptions();
    expect(options).toHaveLength(1);
    expect(options[0]).toMatchObject({ type: "client-credentials" });
    expect(options[0]!.inputSchema).toMatchObject({ type: "object" });
  });

  it("connects with valid input and calls the API through its client", async () => {
    const engine = engineFor(connector);
    const connection = await engine.connect({ input: connector.fixtures.validInput });
    expect(connection).toMatchObject({ authType: "client-credentials", input: expect.objectContaining(connector.fixtures.validInput) });
    const { method, path, query } = connector.sampleRequest;
    const result = await engine.createApiClient(connection).request(method, path, query ? { query } : {});
    expect(result).toBeTruthy();
  });

  it("rejects input that does not match the input schema with invalid_input", async () => {
    expect(await keyOf(engineFor(connector).connect({ input: connector.fixtures.invalidInput ?? {} }))).toBe(ErrorKey.INVALID_INPUT);
  });

  it("fails credentials the provider rejects, with a stable key", async () => {
    const key = await keyOf(engineFor(connector).connect({ input: connector.fixtures.rejectedInput ?? {} }));
    expect([ErrorKey.TEST_FAILED, ErrorKey.CREDENTIALS_REJECTED]).toContain(key);
  });
});

describe("acme-crm (API key header, root-level shape)", () => {
  it("sends the key in X-API-Key to the region's base URL, defaulting the region", async () => {
    const engine = engineFor(acmeCrm);
    const connection = await engine.connect({ input: { apiKey: ACME_VALID_KEYS[1] } });
    expect(connection.input).toEqual({ apiKey: ACME_VALID_KEYS[1], region: "us" });
    expect(await engine.createApiClient(connection).get("/me")).toMatchObject({ region: "us" });
  });

  it("turns the revoked-key response into connection_is_defunct through a responseHandler", async () => {
    const engine = engineFor(acmeCrm);
    const connection = { authOptionKey: "", authType: "client-credentials" as const, credentials: { apiKey: "acme_revoked123", region: "us" }, input: {}, connectedAt: "" };
    expect(await keyOf(engine.createApiClient(connection).get("/me"))).toBe(ErrorKey.CONNECTION_IS_DEFUNCT);
  });

  it("reports the schema problem with a JSON pointer", async () => {
    try {
      await engineFor(acmeCrm).connect({ input: { apiKey: "nope" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ key: ErrorKey.INVALID_INPUT, issues: [expect.objectContaining({ path: "/apiKey" })] });
    }
  });
});

describe("weatherly (API key in query, auth: block with files)", () => {
  it("puts the app id and the connector parameter units in the query", async () => {
    const engine = engineFor(weatherly);
    const connection = await engine.connect({ input: weatherly.fixtures.validInput });
    expect(await engine.createApiClient(connection).get("/weather", { q: "Oslo" })).toEqual({ name: "Oslo", main: { temp: 10 }, units: "metric" });
  });
});

describe("helpdesk (basic auth, sandboxed JavaScript test)", () => {
  it("fails the test when the provider answers with an anonymous user", async () => {
    const key = await keyOf(engineFor(helpdesk).connect({ input: helpdesk.fixtures.rejectedInput ?? {} }));
    expect(key).toBe(ErrorKey.TEST_FAILED);
  });
});

describe("ledger (email/password → token, refresh by logging in again)", () => {
  it("stores the session token next to the input", async () => {
    const connection = await engineFor(ledger).connect({ input: ledger.fixtures.validInput });
    expect(connection.credentials).toMatchObject({ email: ledger.fixtures.validInput.email, token: expect.stringMatching(/^sess_/) });
    expect(ledgerMock.loginCount).toBe(1);
  });

  it("reports wrong passwords as credentials_rejected", async () => {
    expect(await keyOf(engineFor(ledger).connect({ input: ledger.fixtures.rejectedInput ?? {} }))).toBe(ErrorKey.CREDENTIALS_REJECTED);
  });

  it("refreshes once for ten concurrent requests after the token expired, and all succeed", async () => {
    const engine = engineFor(ledger);
    const connection = await engine.connect({ input: ledger.fixtures.validInput });
    const changes: unknown[] = [];
    const session = engine.openConnection(connection, { onCredentialsChange: (updated) => changes.push(updated.credentials) });
    ledgerMock.expireTokens();
    const results = await Promise.all(Array.from({ length: 10 }, () => session.apiClient.get("/invoices")));
    expect(results).toHaveLength(10);
    expect(ledgerMock.loginCount).toBe(2);
    expect(changes).toHaveLength(1);
    expect(session.connection.credentials.token).not.toBe(connection.credentials.token);
    expect(session.connection.credentials.email).toBe(connection.credentials.email);
  });

  it("runs through the connect flow store: entering-input → connecting → testing → connected", async () => {
    const flow = createConnectFlow({ runtime: engineFor(ledger) });
    const states: string[] = [];
    flow.subscribe(() => states.push(flow.getSnapshot().state));
    await flow.start();
    flow.setInput({ email: "nope" });
    await flow.submit();
    expect(flow.getSnapshot()).toMatchObject({ state: "entering-input", error: { key: ErrorKey.INVALID_INPUT } });
    flow.setInput(ledger.fixtures.validInput);
    await flow.submit();
    expect(flow.getSnapshot().state).toBe("connected");
    expect(states).toEqual(["loading-options", "entering-input", "entering-input", "connecting", "entering-input", "entering-input", "connecting", "testing", "connected"]);
  });
});
