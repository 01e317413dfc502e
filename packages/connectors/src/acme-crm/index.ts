import type { ExampleConnector } from "../types.ts";
import spec from "./spec.yml?raw";
import { ACME_REVOKED_KEY, ACME_VALID_KEYS, acmeCrmHandlers } from "./mocks.ts";

export const acmeCrm: ExampleConnector = {
  key: "acme-crm",
  title: "Acme CRM",
  summary: "API key in a header, data region picks the base URL (root-level spec shape).",
  authTypes: ["client-credentials"],
  spec,
  files: {},
  handlers: acmeCrmHandlers,
  sampleRequest: { method: "GET", path: "/contacts", query: { limit: 2 } },
  fixtures: {
    validInput: { apiKey: ACME_VALID_KEYS[0]!, region: "eu" },
    rejectedInput: { apiKey: "acme_wrongkey00" },
    invalidInput: { apiKey: "not-a-key" },
    revokedInput: { apiKey: ACME_REVOKED_KEY },
  },
};
