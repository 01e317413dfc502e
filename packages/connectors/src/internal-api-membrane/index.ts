import { INTERNAL_API_WORKSPACE } from "../internal-api/mocks.ts";
import type { ExampleConnector } from "../types.ts";
import spec from "./spec.yml?raw";
import { membraneApiMock } from "./mocks.ts";

export const internalApiMembrane: ExampleConnector = {
  key: "internal-api-membrane",
  title: "Internal API (Membrane token)",
  summary: "membrane-token: the JWT in X-Membrane-Token and the legacy X-Integration-App-Token (root-level shape).",
  authTypes: ["membrane-token"],
  spec,
  files: {},
  handlers: membraneApiMock.handlers,
  sampleRequest: { method: "GET", path: "/projects" },
  platformToken: { ...INTERNAL_API_WORKSPACE },
  fixtures: { validInput: {} },
};
