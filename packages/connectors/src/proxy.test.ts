/**
 * northwind-proxy (type: proxy, proxyKey: northwind-books): connects through northwind-books'
 * OAuth app, then runs its own makeApiClient/test (the reports API) with the delegated token.
 */
import { createAuthEngine, ErrorKey } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allMockHandlers, approveConsent, NORTHWIND_REALM_ID, northwindProvider, northwindProxy, parseExampleSpec, resetMockProviders } from "./index.ts";
import { errorOf, exampleEngine } from "./test-support.ts";

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

const authorize = ({ url }: { url: string }) => approveConsent(url);

describe("northwind-proxy", () => {
  it("offers the delegate's option: its input form, and that it needs authorization", async () => {
    const [option, ...rest] = await exampleEngine(northwindProxy).engine.getAuthOptions();
    expect(rest).toEqual([]);
    expect(option).toMatchObject({ key: "", type: "proxy", title: "Northwind Books account", requiresAuthorization: true });
    expect(option!.inputSchema).toMatchObject({ properties: { isSandbox: { type: "boolean" } } });
  });

  it("connects through northwind-books' OAuth (its consent page, token endpoint and test), then runs its own test on the reports API", async () => {
    const { engine, requests } = exampleEngine(northwindProxy);
    let authorizeUrl = "";
    const connection = await engine.connect({
      input: {},
      authorize: ({ url }) => {
        authorizeUrl = url;
        return approveConsent(url);
      },
    });
    expect(authorizeUrl.startsWith(northwindProvider.authorizeUri)).toBe(true);
    expect(connection).toMatchObject({
      authOptionKey: "",
      authType: "proxy",
      delegate: { connectorKey: "northwind-books", authOptionKey: "", authType: "oauth2" },
      credentials: { access_token: expect.stringMatching(/^at_/), realmId: NORTHWIND_REALM_ID, isSandbox: false },
    });
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(1);
    // The delegate's test (accounting API), then the proxy's own test (reports API).
    expect(requests).toEqual([
      `GET https://api.northwind.example/v3/company/${NORTHWIND_REALM_ID}/companyinfo`,
      "GET https://api.northwind.example/reports/v1/profit-and-loss?period=this-month",
    ]);
  });

  it("calls the reports path with the delegated token, on the sandbox host when asked", async () => {
    const { engine, requests } = exampleEngine(northwindProxy);
    const connection = await engine.connect({ input: { isSandbox: true }, authorize });
    requests.length = 0;
    const { method, path, query } = northwindProxy.sampleRequest;
    const report = await engine.createApiClient(connection).request(method, path, { query: query! });
    expect(report).toMatchObject({ report: "ProfitAndLoss", environment: "sandbox", realmId: NORTHWIND_REALM_ID, period: "last-month" });
    expect(requests).toEqual(["GET https://sandbox-api.northwind.example/reports/v1/profit-and-loss?period=last-month"]);
  });

  it("also works in two steps (startAuthorization / completeAuthorization)", async () => {
    const { engine } = exampleEngine(northwindProxy);
    const pending = await engine.startAuthorization({ input: {} });
    expect(pending.proxy).toEqual({ authOptionKey: "", connectorKey: "northwind-books" });
    const connection = await engine.completeAuthorization(pending, await approveConsent(pending.authorizeUrl));
    expect(connection.authType).toBe("proxy");
    expect(await engine.createApiClient(connection).get("/profit-and-loss")).toMatchObject({ environment: "production" });
  });

  it("refreshes with the delegate's refresh-token grant, once for concurrent calls", async () => {
    const { engine } = exampleEngine(northwindProxy);
    const connection = await engine.connect({ input: {}, authorize });
    const session = engine.openConnection(connection);
    northwindProvider.expireAccessTokens();
    const results = await Promise.all(Array.from({ length: 5 }, () => session.apiClient.get("/profit-and-loss")));
    expect(results).toHaveLength(5);
    expect(northwindProvider.stats.tokenRequests.refresh_token).toBe(1);
    expect(session.connection.credentials.refresh_token).not.toBe(connection.credentials.refresh_token);
  });

  it("passes the delegate's errors through (access_denied)", async () => {
    const error = await errorOf(exampleEngine(northwindProxy).engine.connect({ input: {}, authorize: ({ url }) => approveConsent(url, { deny: true }) }));
    expect(error.key).toBe(ErrorKey.ACCESS_DENIED);
  });

  it("fails with configuration_error when the delegate is not registered", async () => {
    const engine = createAuthEngine(parseExampleSpec(northwindProxy), { redirectUri: "https://app.plugboard.example/oauth/callback" });
    expect((await errorOf(engine.connect({ input: {}, authorize }))).key).toBe(ErrorKey.CONFIGURATION_ERROR);
  });
});
