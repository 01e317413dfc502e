import { createAuthEngine } from "@plugboard/auth-core";
import type { AuthEngine, AuthEngineOptions } from "@plugboard/auth-core";
import { exampleEngineOptions, parseExampleSpec } from "./connectors.ts";
import type { ExampleConnector } from "./connectors.ts";

/** A local engine for an example connector against its mocks (no backoff sleeps). */
export function engineFor(connector: ExampleConnector, options: Partial<AuthEngineOptions> = {}): AuthEngine {
  return createAuthEngine(parseExampleSpec(connector), { ...exampleEngineOptions(connector), sleep: async () => {}, ...options });
}
