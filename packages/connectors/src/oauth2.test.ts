/**
 * northwind-books (OAuth 2.0 + PKCE, QuickBooks-style) through the engine, with the real spec, the
 * mock authorization server and the consent page a person would click.
 */
import { ErrorKey } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allMockHandlers, approveConsent, EXAMPLE_REDIRECT_URI, NORTHWIND_CLIENT, NORTHWIND_REALM_ID, northwindBooks, northwindProvider, resetMockProviders } from "./index.ts";
import { errorOf, exampleEngine } from "./test-support.ts";

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

const authorize = ({ url }: { url: string }) => approveConsent(url);

describe("northwind-books: connect", () => {
  it("offers one oauth2 option with the sandbox switch", async () => {
    const options = await exampleEngine(northwindBooks).engine.getAuthOptions();
    expect(options).toEqual([
      expect.objectContaining({ key: "", type: "oauth2", title: "Northwind Books account", requiresAuthorization: true, inputSchema: expect.objectContaining({ type: "object" }) }),
    ]);
  });

  it("sends the user to the provider with PKCE S256, the scopes, prompt=consent and a fresh state", async () => {
    const pending = await exampleEngine(northwindBooks).engine.startAuthorization({ input: {} });
    const url = new URL(pending.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(northwindProvider.authorizeUri);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: NORTHWIND_CLIENT.clientId,
      redirect_uri: EXAMPLE_REDIRECT_URI,
      state: pending.state,
      scope: "com.northwind.accounting openid",
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: "S256",
      prompt: "consent",
    });
    expect(url.search).toContain("scope=com.northwind.accounting%20openid");
  });

  it("connects to the production company: credentials keep the token response, realmId, isSandbox and expires_at", async () => {
    const { engine, requests } = exampleEngine(northwindBooks);
    const steps: string[] = [];
    const before = Date.now();
    const connection = await engine.connect({ input: {}, authorize, onProgress: (step) => steps.push(step) });

    expect(steps).toEqual(["connecting", "authorizing", "exchanging", "testing"]);
    expect(connection).toMatchObject({ authOptionKey: "", authType: "oauth2", input: { isSandbox: false } });
    expect(connection.credentials).toMatchObject({
      access_token: expect.stringMatching(/^at_/),
      refresh_token: expect.stringMatching(/^rt_/),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "com.northwind.accounting openid",
      realmId: NORTHWIND_REALM_ID,
      isSandbox: false,
    });
    expect(connection.credentials.expires_at).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(northwindProvider.isValidAccessToken(connection.credentials.access_token as string)).toBe(true);
    expect(northwindProvider.stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0 });

    // The test ran on the production host; so does the client.
    expect(requests).toEqual([`GET https://api.northwind.example/v3/company/${NORTHWIND_REALM_ID}/companyinfo`]);
    const invoices = (await engine.createApiClient(connection).get("/invoices")) as { environment: string; QueryResponse: { totalCount: number } };
    expect(invoices).toMatchObject({ environment: "production", QueryResponse: { totalCount: 2 } });
    expect(requests[1]).toBe(`GET https://api.northwind.example/v3/company/${NORTHWIND_REALM_ID}/invoices`);
  });

  it("connects to the sandbox company when the user asks for it", async () => {
    const { engine, requests } = exampleEngine(northwindBooks);
    const connection = await engine.connect({ input: { isSandbox: true }, authorize });
    expect(connection.credentials).toMatchObject({ isSandbox: true, realmId: NORTHWIND_REALM_ID, expires_at: expect.any(Number) });
    const company = await engine.createApiClient(connection).get("/companyinfo");
    expect(company).toMatchObject({ environment: "sandbox", CompanyInfo: { CompanyName: "Sandbox Company_US_1" } });
    expect(requests.every((request) => request.startsWith("GET https://sandbox-api.northwind.example/v3/company/"))).toBe(true);
  });

  it("rejects input that does not match the input schema before leaving for the provider", async () => {
    const error = await errorOf(exampleEngine(northwindBooks).engine.connect({ input: { isSandbox: "yes" }, authorize }));
    expect(error.key).toBe(ErrorKey.INVALID_INPUT);
    expect(northwindProvider.stats.authorizeRequests).toBe(0);
  });
});

describe("northwind-books: the callback", () => {
  it("fails with access_denied when the user clicks Deny, without a token request", async () => {
    const error = await errorOf(exampleEngine(northwindBooks).engine.connect({ input: {}, authorize: ({ url }) => approveConsent(url, { deny: true }) }));
    expect(error.key).toBe(ErrorKey.ACCESS_DENIED);
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);
  });

  it("fails with state_mismatch when the state in the callback was changed, without a token request", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const pending = await engine.startAuthorization({ input: {} });
    const callback = new URL(await approveConsent(pending.authorizeUrl));
    callback.searchParams.set("state", `${pending.state.slice(0, -1)}${pending.state.endsWith("A") ? "B" : "A"}`);
    const error = await errorOf(engine.completeAuthorization(pending, callback));
    expect(error.key).toBe(ErrorKey.STATE_MISMATCH);
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);
  });

  it("fails with state_mismatch when a callback from another flow is used", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const mine = await engine.startAuthorization({ input: {} });
    const theirs = await engine.startAuthorization({ input: {} });
    const error = await errorOf(engine.completeAuthorization(mine, await approveConsent(theirs.authorizeUrl)));
    expect(error.key).toBe(ErrorKey.STATE_MISMATCH);
  });

  it("refuses to replay a code: the second exchange fails with token_exchange_failed (invalid_grant) and the first grant is revoked", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const pending = await engine.startAuthorization({ input: {} });
    const callback = await approveConsent(pending.authorizeUrl);
    const first = await engine.completeAuthorization(pending, callback);
    const error = await errorOf(engine.completeAuthorization(pending, callback));
    expect(error.key).toBe(ErrorKey.TOKEN_EXCHANGE_FAILED);
    expect(error.data).toMatchObject({ status: 400, error: "invalid_grant" });
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(2);
    expect(northwindProvider.isValidAccessToken(first.credentials.access_token as string)).toBe(false);
  });

  it("fails with token_exchange_failed (invalid_client) when the integration's client secret is wrong", async () => {
    const { engine } = exampleEngine(northwindBooks, { connectorParameters: { ...NORTHWIND_CLIENT, clientSecret: "wrong" } });
    const error = await errorOf(engine.connect({ input: {}, authorize }));
    expect(error.key).toBe(ErrorKey.TOKEN_EXCHANGE_FAILED);
    expect(error.data).toMatchObject({ status: 401, error: "invalid_client" });
  });

  it("fails with configuration_error when the integration has no client id", async () => {
    const error = await errorOf(exampleEngine(northwindBooks, { connectorParameters: {} }).engine.connect({ input: {}, authorize }));
    expect(error.key).toBe(ErrorKey.CONFIGURATION_ERROR);
  });

  it("shows an error page (not a redirect) for a redirect URI the app did not register", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const pending = await engine.startAuthorization({ input: {}, redirectUri: "https://evil.example/callback" });
    await expect(approveConsent(pending.authorizeUrl)).rejects.toThrow(/HTTP 400: Redirect URI not registered/);
  });

  it("accepts a loopback redirect URI on the dev server's port", async () => {
    const { engine } = exampleEngine(northwindBooks, { redirectUri: "http://localhost:5173/oauth/callback" });
    const connection = await engine.connect({ input: {}, authorize });
    expect(connection.credentials.realmId).toBe(NORTHWIND_REALM_ID);
  });
});

describe("northwind-books: refresh", () => {
  it("refreshes once for ten concurrent requests after the access token expired; all succeed and the refresh token rotates", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const connection = await engine.connect({ input: {}, authorize });
    const changes: string[] = [];
    const session = engine.openConnection(connection, { onCredentialsChange: (updated) => changes.push(updated.credentials.refresh_token as string) });

    northwindProvider.expireAccessTokens();
    const results = await Promise.all(Array.from({ length: 10 }, () => session.apiClient.get("/invoices")));

    expect(results).toHaveLength(10);
    expect(results.every((result) => (result as { environment: string }).environment === "production")).toBe(true);
    expect(northwindProvider.stats.tokenRequests.refresh_token).toBe(1);
    expect(changes).toHaveLength(1);
    const refreshed = session.connection.credentials;
    expect(refreshed.refresh_token).not.toBe(connection.credentials.refresh_token);
    expect(northwindProvider.isValidRefreshToken(refreshed.refresh_token as string)).toBe(true);
    expect(northwindProvider.isValidRefreshToken(connection.credentials.refresh_token as string)).toBe(false);
    expect(refreshed.access_token).not.toBe(connection.credentials.access_token);
    // What getCredentialsFromAccessTokenResponse added survives the refresh.
    expect(refreshed).toMatchObject({ realmId: NORTHWIND_REALM_ID, isSandbox: false, expires_at: expect.any(Number) });
  });

  it("refreshes ahead of expiry without a 401 when expires_at has passed", async () => {
    const { engine, requests } = exampleEngine(northwindBooks);
    const connection = await engine.connect({ input: {}, authorize });
    const stale = { ...connection, credentials: { ...connection.credentials, expires_at: Date.now() - 1000 } };
    northwindProvider.expireAccessTokens();
    requests.length = 0;
    await engine.createApiClient(stale).get("/invoices");
    expect(northwindProvider.stats.tokenRequests.refresh_token).toBe(1);
    expect(requests).toEqual([`GET https://api.northwind.example/v3/company/${NORTHWIND_REALM_ID}/invoices`]);
  });

  it("reports connection_is_defunct when the grant was revoked (a rotated refresh token reused elsewhere)", async () => {
    const { engine } = exampleEngine(northwindBooks);
    const connection = await engine.connect({ input: {}, authorize });
    // Another copy of the connection refreshes first…
    await engine.refreshCredentials(connection);
    // …then this copy presents the rotated-away refresh token: the provider revokes the grant.
    northwindProvider.expireAccessTokens();
    const error = await errorOf(engine.createApiClient(connection).get("/invoices"));
    expect(error.key).toBe(ErrorKey.CONNECTION_IS_DEFUNCT);
  });
});
