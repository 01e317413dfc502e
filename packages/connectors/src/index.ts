export type { ExampleConnector, ExampleOAuthProvider } from "./types.ts";

// The gallery
export { exampleConnectors, allMockHandlers, resetMockProviders, findExampleConnector, parseExampleSpec, exampleEngineOptions } from "./registry.ts";
export { EXAMPLE_APP_NAME, EXAMPLE_REDIRECT_URI, EXAMPLE_REDIRECT_URIS } from "./example-app.ts";

// Client credentials
export { acmeCrm } from "./acme-crm/index.ts";
export { ACME_REVOKED_KEY, ACME_VALID_KEYS, acmeCrmHandlers } from "./acme-crm/mocks.ts";
export { weatherly } from "./weatherly/index.ts";
export { WEATHERLY_APP_ID, weatherlyHandlers } from "./weatherly/mocks.ts";
export { helpdesk } from "./helpdesk/index.ts";
export { HELPDESK_ACCOUNT, helpdeskHandlers } from "./helpdesk/mocks.ts";
export { ledger, ledgerMock } from "./ledger/index.ts";
export { createLedgerMock, LEDGER_ACCOUNT } from "./ledger/mocks.ts";
export type { LedgerMock } from "./ledger/mocks.ts";

// OAuth 2.0, OAuth 1.0a, proxy
export { northwindBooks } from "./northwind-books/index.ts";
export { NORTHWIND_CLIENT, NORTHWIND_REALM_ID, northwindProvider, northwindBooksHandlers, northwindReportsHandlers } from "./northwind-books/mocks.ts";
export { photoShare } from "./photo-share/index.ts";
export { PHOTO_SHARE_CONSUMER, photoShareProvider, photoShareHandlers } from "./photo-share/mocks.ts";
export { northwindProxy } from "./northwind-proxy/index.ts";

// Platform tokens
export { internalApi } from "./internal-api/index.ts";
export { INTERNAL_API_WORKSPACE, createPlatformTokenApi, internalApiMock } from "./internal-api/mocks.ts";
export type { PlatformTokenApiMock, PlatformTokenApiStats } from "./internal-api/mocks.ts";
export { internalApiMembrane } from "./internal-api-membrane/index.ts";
export { membraneApiMock } from "./internal-api-membrane/mocks.ts";

// Several options
export { pipelineCrm } from "./pipeline-crm/index.ts";
export { PIPELINE_API_KEY, PIPELINE_CLIENT, PIPELINE_COMPANY_DOMAIN, pipelineProvider, pipelineCrmHandlers } from "./pipeline-crm/mocks.ts";

// Mock providers
export { createMockOAuth2Provider } from "./mock-providers/oauth2-provider.ts";
export type { AccessTokenInfo, MockOAuth2Client, MockOAuth2Provider, MockOAuth2ProviderOptions, MockOAuth2Stats } from "./mock-providers/oauth2-provider.ts";
export { createMockOAuth1Provider } from "./mock-providers/oauth1-provider.ts";
export type { MockOAuth1Consumer, MockOAuth1Provider, MockOAuth1ProviderOptions, MockOAuth1Stats, OAuth1Verification } from "./mock-providers/oauth1-provider.ts";
export type { MockProvider } from "./mock-providers/types.ts";
export { approveConsent, denyConsent, findDecisionLink } from "./mock-providers/consent.ts";
export type { ApproveConsentOptions } from "./mock-providers/consent.ts";
export { verifyPlatformToken } from "./mock-providers/platform-token.ts";
export type { PlatformTokenClaims, PlatformTokenVerification, VerifyPlatformTokenOptions } from "./mock-providers/platform-token.ts";
