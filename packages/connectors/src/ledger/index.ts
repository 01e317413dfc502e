import type { ExampleConnector } from "../types.ts";
import getCredentials from "./auth/get-credentials-from-connection-parameters.js?raw";
import refreshCredentials from "./auth/refresh-credentials.js?raw";
import test from "./auth/test.js?raw";
import spec from "./spec.yml?raw";
import { createLedgerMock, LEDGER_ACCOUNT } from "./mocks.ts";

export const ledgerMock = createLedgerMock();

export const ledger: ExampleConnector = {
  key: "ledger",
  title: "Ledger",
  summary: "Email and password exchanged for a session token; refresh logs in again.",
  authTypes: ["client-credentials"],
  spec,
  files: {
    "auth/get-credentials-from-connection-parameters.js": getCredentials,
    "auth/refresh-credentials.js": refreshCredentials,
    "auth/test.js": test,
  },
  handlers: ledgerMock.handlers,
  sampleRequest: { method: "GET", path: "/invoices" },
  fixtures: {
    validInput: { ...LEDGER_ACCOUNT },
    rejectedInput: { email: LEDGER_ACCOUNT.email, password: "wrong" },
    invalidInput: { email: "not-an-email" },
  },
};
