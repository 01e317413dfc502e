import { EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import { northwindProvider, northwindReportsHandlers } from "../northwind-books/mocks.ts";
import type { ExampleConnector } from "../types.ts";
import spec from "./spec.yml?raw";

export const northwindProxy: ExampleConnector = {
  key: "northwind-proxy",
  title: "Northwind Reports",
  summary: "Auth proxy: connects through the Northwind Books connector's OAuth app and calls the reports API with its token.",
  authTypes: ["proxy"],
  spec,
  files: {},
  // The provider's handlers too, so this connector works on its own (e.g. in a single story).
  handlers: [...northwindProvider.handlers, ...northwindReportsHandlers],
  sampleRequest: { method: "GET", path: "/profit-and-loss", query: { period: "last-month" } },
  oauthProvider: { protocol: "oauth2", provider: northwindProvider, redirectUris: [...EXAMPLE_REDIRECT_URIS] },
  delegatesTo: ["northwind-books"],
  fixtures: { validInput: { isSandbox: false }, sandboxInput: { isSandbox: true } },
};
