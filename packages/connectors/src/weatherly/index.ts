import type { ExampleConnector } from "../types.ts";
import makeApiClient from "./auth/make-api-client.map.yml?raw";
import test from "./auth/test.yml?raw";
import spec from "./spec.yml?raw";
import { WEATHERLY_APP_ID, weatherlyHandlers } from "./mocks.ts";

export const weatherly: ExampleConnector = {
  key: "weatherly",
  title: "Weatherly",
  summary: "API key in the query string (older auth: block, method files, args:-wrapped client).",
  authTypes: ["client-credentials"],
  spec,
  files: { "auth/make-api-client.map.yml": makeApiClient, "auth/test.yml": test },
  connectorParameters: { units: "metric" },
  handlers: weatherlyHandlers,
  sampleRequest: { method: "GET", path: "/weather", query: { q: "Paris" } },
  fixtures: {
    validInput: { appId: WEATHERLY_APP_ID },
    rejectedInput: { appId: "ffffffffffffffffffff" },
    invalidInput: { appId: "short" },
  },
};
