import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { allMockHandlers, resetMockProviders } from "./connectors.ts";

/**
 * The example connectors' mock providers (msw) for one test file: listening from the first test,
 * any unhandled request an error, handlers and provider state reset after each test.
 */
export function setupMockProviders() {
  const server = setupServer(...allMockHandlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    resetMockProviders();
  });
  afterAll(() => server.close());
  return server;
}
