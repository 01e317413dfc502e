import type { ExampleConnector } from "../types.ts";
import test from "./auth/test.js?raw";
import spec from "./spec.yml?raw";
import { HELPDESK_ACCOUNT, helpdeskHandlers } from "./mocks.ts";

export const helpdesk: ExampleConnector = {
  key: "helpdesk",
  title: "Helpdesk",
  summary: "HTTP basic auth with an email/token pair; sandboxed JavaScript test.",
  authTypes: ["client-credentials"],
  spec,
  files: { "auth/test.js": test },
  handlers: helpdeskHandlers,
  sampleRequest: { method: "GET", path: "/tickets.json" },
  fixtures: {
    validInput: { ...HELPDESK_ACCOUNT },
    rejectedInput: { ...HELPDESK_ACCOUNT, apiToken: "wrong" },
    invalidInput: { subdomain: "Not A Subdomain", email: "nope", apiToken: "" },
  },
};
