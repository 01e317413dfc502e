/**
 * Runtimes built from the example connectors: a local engine (for parts used alone, e.g.
 * OAuthButton), and a server runtime whose "server" is the real auth handler running in the page
 * (its own API calls go through the preview's MSW worker), optionally unreachable for a while.
 */
import { createAuthEngine, createServerRuntime } from "@plugboard/auth-core";
import type { AuthEngine, ServerRuntime } from "@plugboard/auth-core";
import { createAuthHandler } from "@plugboard/auth-core/server";
import type { ServerConnector } from "@plugboard/auth-core/server";
import { noSleep } from "./connector-props.ts";
import { exampleConnectors, exampleEngineOptions, parseExampleSpec } from "./connectors.ts";
import type { ExampleConnector } from "./connectors.ts";
import { APP_ORIGIN } from "./fake-popup.ts";

/** A local engine for an example connector against its mocks. */
export function engineFor(connector: ExampleConnector): AuthEngine {
  return createAuthEngine(parseExampleSpec(connector), { ...exampleEngineOptions(connector), sleep: noSleep });
}

/**
 * `createServerRuntime` for `connectorKey`, talking to an in-page `createAuthHandler` that runs
 * every example connector. The first `unreachableFor` requests fail as if the network were down.
 */
export function inPageServerRuntime(connectorKey: string, options: { unreachableFor?: number } = {}): ServerRuntime {
  const connectors: Record<string, ServerConnector> = {};
  for (const connector of exampleConnectors) {
    const engine = exampleEngineOptions(connector);
    connectors[connector.key] = {
      spec: parseExampleSpec(connector),
      connectorParameters: engine.connectorParameters ?? {},
      ...(engine.platformToken ? { platformToken: engine.platformToken } : {}),
    };
  }
  const handler = createAuthHandler({
    connectors,
    secret: "storybook-only-secret-that-is-long-enough-0123",
    baseUrl: APP_ORIGIN,
    allowedOrigins: [APP_ORIGIN],
    engine: { sleep: noSleep },
  });
  let failures = options.unreachableFor ?? 0;
  return createServerRuntime({
    baseUrl: APP_ORIGIN,
    connectorKey,
    fetch: async (input, init) => {
      if (failures > 0) {
        failures -= 1;
        throw new TypeError("Failed to fetch");
      }
      const request = new Request(input, init);
      const headers = new Headers(request.headers);
      headers.set("origin", APP_ORIGIN);
      return handler(new Request(request, { headers }));
    },
  });
}

/** sessionStorage stand-in for the same-window redirect (so a story never leaves the page). */
export function memoryStorage(): { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
