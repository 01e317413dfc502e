/** The gallery of example connectors, and what a host needs to run one against its mocks. */
import { parseConnectorSpec } from "@plugboard/auth-core";
import type { AuthEngineOptions, ConnectorSpec } from "@plugboard/auth-core";
import type { RequestHandler } from "msw";
import { acmeCrm } from "./acme-crm/index.ts";
import { EXAMPLE_REDIRECT_URI } from "./example-app.ts";
import { helpdesk } from "./helpdesk/index.ts";
import { internalApi } from "./internal-api/index.ts";
import { internalApiMock } from "./internal-api/mocks.ts";
import { internalApiMembrane } from "./internal-api-membrane/index.ts";
import { membraneApiMock } from "./internal-api-membrane/mocks.ts";
import { ledger, ledgerMock } from "./ledger/index.ts";
import { northwindBooks } from "./northwind-books/index.ts";
import { northwindProxy } from "./northwind-proxy/index.ts";
import { photoShare } from "./photo-share/index.ts";
import { pipelineCrm } from "./pipeline-crm/index.ts";
import type { ExampleConnector } from "./types.ts";
import { weatherly } from "./weatherly/index.ts";

/**
 * Every example connector, in gallery order: client credentials, OAuth 2.0, OAuth 1.0a, proxy,
 * platform tokens, several options.
 */
export const exampleConnectors: readonly ExampleConnector[] = [
  acmeCrm,
  weatherly,
  helpdesk,
  ledger,
  northwindBooks,
  photoShare,
  northwindProxy,
  internalApi,
  internalApiMembrane,
  pipelineCrm,
];

/** All mock provider handlers (each once), for msw setupServer / setupWorker. */
export const allMockHandlers: RequestHandler[] = [...new Set(exampleConnectors.flatMap((connector) => connector.handlers))];

/** Forgets every token, grant, session and counter of every mock, between tests. */
export function resetMockProviders(): void {
  const providers = new Set(exampleConnectors.flatMap((connector) => (connector.oauthProvider ? [connector.oauthProvider.provider] : [])));
  for (const provider of providers) provider.reset();
  internalApiMock.reset();
  membraneApiMock.reset();
  ledgerMock.reset();
}

export function findExampleConnector(key: string): ExampleConnector | undefined {
  return exampleConnectors.find((connector) => connector.key === key);
}

/** Parses an example's spec with its method files. */
export function parseExampleSpec(connector: ExampleConnector): ConnectorSpec {
  return parseConnectorSpec(connector.spec, { files: connector.files, sourceName: `${connector.key}/spec.yml` });
}

/**
 * The engine options an example needs against its mocks: its connector parameters, the example
 * app's redirect URI, the workspace for platform tokens, and the connectors a proxy delegates to.
 */
export function exampleEngineOptions(
  connector: ExampleConnector,
  overrides: { redirectUri?: string; connectorParameters?: Record<string, unknown> } = {},
): Pick<AuthEngineOptions, "connectorParameters" | "redirectUri" | "platformToken" | "connectors"> {
  const connectors: NonNullable<AuthEngineOptions["connectors"]> = {};
  for (const key of connector.delegatesTo ?? []) {
    const delegate = findExampleConnector(key);
    if (!delegate) throw new Error(`Example connector "${connector.key}" delegates to "${key}", which is not an example connector.`);
    connectors[key] = { spec: parseExampleSpec(delegate), connectorParameters: delegate.connectorParameters ?? {} };
  }
  return {
    connectorParameters: overrides.connectorParameters ?? connector.connectorParameters ?? {},
    redirectUri: overrides.redirectUri ?? EXAMPLE_REDIRECT_URI,
    ...(connector.platformToken ? { platformToken: connector.platformToken } : {}),
    ...(connector.delegatesTo ? { connectors } : {}),
  };
}
