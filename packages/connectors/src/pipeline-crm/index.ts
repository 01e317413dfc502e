import { EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import type { ExampleConnector } from "../types.ts";
import spec from "./spec.yml?raw";
import { PIPELINE_API_KEY, PIPELINE_CLIENT, pipelineCrmHandlers, pipelineProvider } from "./mocks.ts";

export const pipelineCrm: ExampleConnector = {
  key: "pipeline-crm",
  title: "Pipeline CRM",
  summary: "Two options: an API token, and OAuth 2.0 offered only when the integration set its own client id (enabled formula).",
  authTypes: ["client-credentials", "oauth2"],
  spec,
  files: {},
  connectorParameters: { ...PIPELINE_CLIENT },
  handlers: pipelineCrmHandlers,
  sampleRequest: { method: "GET", path: "/deals" },
  oauthProvider: { protocol: "oauth2", provider: pipelineProvider, redirectUris: [...EXAMPLE_REDIRECT_URIS] },
  fixtures: {
    validInput: { apiKey: PIPELINE_API_KEY },
    rejectedInput: { apiKey: "pl_ffffffffffffffffffffffff" },
    invalidInput: { apiKey: "not-a-token" },
  },
};
