import type { ExampleConnector } from "../types.ts";
import makeApiClient from "./auth/make-api-client.map.yml?raw";
import test from "./auth/test.rest.yml?raw";
import spec from "./spec.yml?raw";
import { INTERNAL_API_WORKSPACE, internalApiMock } from "./mocks.ts";

export const internalApi: ExampleConnector = {
  key: "internal-api",
  title: "Internal API",
  summary: "integration-app-token: no input; every request carries an HS256 JWT signed with the workspace secret (auth: block with files).",
  authTypes: ["integration-app-token"],
  spec,
  files: { "auth/make-api-client.map.yml": makeApiClient, "auth/test.rest.yml": test },
  handlers: internalApiMock.handlers,
  sampleRequest: { method: "GET", path: "/projects" },
  platformToken: { ...INTERNAL_API_WORKSPACE },
  fixtures: { validInput: {} },
};
