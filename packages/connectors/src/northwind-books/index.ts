import { EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import type { ExampleConnector } from "../types.ts";
import spec from "./spec.yml?raw";
import { NORTHWIND_CLIENT, northwindBooksHandlers, northwindProvider } from "./mocks.ts";

export const northwindBooks: ExampleConnector = {
  key: "northwind-books",
  title: "Northwind Books",
  summary: "OAuth 2.0 with PKCE; a sandbox switch picks the API host and the callback's realmId is kept (QuickBooks-style).",
  authTypes: ["oauth2"],
  spec,
  files: {},
  connectorParameters: { ...NORTHWIND_CLIENT },
  handlers: northwindBooksHandlers,
  sampleRequest: { method: "GET", path: "/invoices" },
  oauthProvider: { protocol: "oauth2", provider: northwindProvider, redirectUris: [...EXAMPLE_REDIRECT_URIS] },
  fixtures: {
    validInput: { isSandbox: false },
    sandboxInput: { isSandbox: true },
    invalidInput: { isSandbox: "yes" },
  },
};
