/**
 * pipeline-crm: two options (apiKey, oauth) sharing a top-level makeApiClient and test; the OAuth
 * option is gated by `enabled: {$var: connectorParameters.clientId}` and overrides makeApiClient.
 */
import { ErrorKey } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allMockHandlers, approveConsent, PIPELINE_API_KEY, PIPELINE_COMPANY_DOMAIN, pipelineCrm, pipelineProvider, resetMockProviders } from "./index.ts";
import { errorOf, exampleEngine } from "./test-support.ts";

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

const authorize = ({ url }: { url: string }) => approveConsent(url);

describe("pipeline-crm: options", () => {
  it("offers only apiKey when the integration has no OAuth client id", async () => {
    const options = await exampleEngine(pipelineCrm, { connectorParameters: {} }).engine.getAuthOptions();
    expect(options.map((option) => [option.key, option.type])).toEqual([["apiKey", "client-credentials"]]);
  });

  it("offers apiKey and oauth when it has one", async () => {
    const options = await exampleEngine(pipelineCrm).engine.getAuthOptions();
    expect(options).toEqual([
      expect.objectContaining({ key: "apiKey", type: "client-credentials", title: "API token", requiresAuthorization: false }),
      expect.objectContaining({ key: "oauth", type: "oauth2", title: "Sign in with Pipeline CRM", requiresAuthorization: true }),
    ]);
  });

  it("refuses the oauth option when it is not enabled (invalid_argument)", async () => {
    const { engine } = exampleEngine(pipelineCrm, { connectorParameters: {} });
    expect((await errorOf(engine.connect({ authOptionKey: "oauth", authorize }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
  });

  it("asks which option to use when there are several", async () => {
    expect((await errorOf(exampleEngine(pipelineCrm).engine.connect({ input: { apiKey: PIPELINE_API_KEY } }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
  });
});

describe("pipeline-crm: apiKey", () => {
  it("connects with the shared makeApiClient (Bearer API token) and the shared test", async () => {
    const { engine, requests } = exampleEngine(pipelineCrm, { connectorParameters: {} });
    const connection = await engine.connect({ authOptionKey: "apiKey", input: pipelineCrm.fixtures.validInput });
    expect(connection).toMatchObject({ authOptionKey: "apiKey", authType: "client-credentials", credentials: { apiKey: PIPELINE_API_KEY } });
    expect(await engine.createApiClient(connection).get("/deals")).toMatchObject({ authorized_by: "api-key" });
    expect(requests).toEqual(["GET https://api.pipeline-crm.example/v1/users/me", "GET https://api.pipeline-crm.example/v1/deals"]);
  });

  it("fails a token the API rejects with test_failed, and a malformed one with invalid_input", async () => {
    const { engine } = exampleEngine(pipelineCrm);
    expect((await errorOf(engine.connect({ authOptionKey: "apiKey", input: pipelineCrm.fixtures.rejectedInput! }))).key).toBe(ErrorKey.TEST_FAILED);
    expect((await errorOf(engine.connect({ authOptionKey: "apiKey", input: pipelineCrm.fixtures.invalidInput! }))).key).toBe(ErrorKey.INVALID_INPUT);
  });
});

describe("pipeline-crm: oauth", () => {
  it("connects with client credentials in the body, and its own makeApiClient uses the account's api_domain", async () => {
    const { engine, requests } = exampleEngine(pipelineCrm);
    const connection = await engine.connect({ authOptionKey: "oauth", authorize });
    expect(connection).toMatchObject({ authOptionKey: "oauth", authType: "oauth2", credentials: { api_domain: PIPELINE_COMPANY_DOMAIN, scope: "deals:read contacts:read users:read" } });
    expect(pipelineProvider.stats.tokenRequests.authorization_code).toBe(1);
    expect(await engine.createApiClient(connection).get("/deals")).toMatchObject({ authorized_by: "oauth" });
    // The test is inherited from the top level; the client is the option's own.
    expect(requests).toEqual([`GET ${PIPELINE_COMPANY_DOMAIN}/v1/users/me`, `GET ${PIPELINE_COMPANY_DOMAIN}/v1/deals`]);
  });

  it("refreshes an expired token through the option's OAuth config", async () => {
    const { engine } = exampleEngine(pipelineCrm);
    const connection = await engine.connect({ authOptionKey: "oauth", authorize });
    pipelineProvider.expireAccessTokens();
    const session = engine.openConnection(connection);
    await session.apiClient.get("/deals");
    expect(pipelineProvider.stats.tokenRequests.refresh_token).toBe(1);
    expect(session.connection.credentials).toMatchObject({ api_domain: PIPELINE_COMPANY_DOMAIN });
  });
});
