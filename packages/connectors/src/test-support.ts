/** Shared by this package's tests: engines for the examples, error keys, request logs. */
import { createAuthEngine, isPlugboardError } from "@plugboard/auth-core";
import type { AuthEngine, AuthEngineOptions, PlugboardError } from "@plugboard/auth-core";
import { exampleEngineOptions, parseExampleSpec } from "./registry.ts";
import type { ExampleConnector } from "./types.ts";

/** An engine for an example connector against its mocks; `requests` collects every API call's method and URL. */
export function exampleEngine(connector: ExampleConnector, options: Partial<AuthEngineOptions> = {}): { engine: AuthEngine; requests: string[] } {
  const requests: string[] = [];
  const engine = createAuthEngine(parseExampleSpec(connector), {
    ...exampleEngineOptions(connector),
    sleep: async () => {},
    onRequest: (entry) => requests.push(`${entry.method} ${entry.url}`),
    ...options,
  });
  return { engine, requests };
}

/** The PlugboardError a promise rejects with (fails the test when it resolves or throws something else). */
export async function errorOf(promise: Promise<unknown>): Promise<PlugboardError> {
  try {
    await promise;
  } catch (error) {
    if (isPlugboardError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}
