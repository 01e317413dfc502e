export type { ExampleConnector } from "./types.ts";
export { acmeCrm } from "./acme-crm/index.ts";
export { ACME_REVOKED_KEY, ACME_VALID_KEYS, acmeCrmHandlers } from "./acme-crm/mocks.ts";
export { weatherly } from "./weatherly/index.ts";
export { WEATHERLY_APP_ID, weatherlyHandlers } from "./weatherly/mocks.ts";
export { helpdesk } from "./helpdesk/index.ts";
export { HELPDESK_ACCOUNT, helpdeskHandlers } from "./helpdesk/mocks.ts";
export { ledger, ledgerMock } from "./ledger/index.ts";
export { createLedgerMock, LEDGER_ACCOUNT } from "./ledger/mocks.ts";
export type { LedgerMock } from "./ledger/mocks.ts";

import { acmeCrm } from "./acme-crm/index.ts";
import { helpdesk } from "./helpdesk/index.ts";
import { ledger } from "./ledger/index.ts";
import { weatherly } from "./weatherly/index.ts";
import type { ExampleConnector } from "./types.ts";

/** Every example connector, in gallery order. */
export const exampleConnectors: readonly ExampleConnector[] = [acmeCrm, weatherly, helpdesk, ledger];

/** All mock provider handlers, for msw setupServer / setupWorker. */
export const allMockHandlers = exampleConnectors.flatMap((connector) => connector.handlers);
