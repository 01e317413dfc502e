/** A server runtime wired straight to an in-process auth handler (the handler's own fetch goes through MSW). */
import { createServerRuntime } from "@plugboard/auth-core";
import type { ServerRuntime } from "@plugboard/auth-core";
import { createAuthHandler } from "@plugboard/auth-core/server";
import type { ServerConnector } from "@plugboard/auth-core/server";
import { exampleConnectors, exampleEngineOptions, parseExampleSpec } from "./connectors.ts";
import { APP_ORIGIN } from "./fake-popup.ts";

export function serverRuntimeFor(connectorKey: string, options: { failFirst?: number } = {}): { runtime: ServerRuntime; calls: string[] } {
  const connectors: Record<string, ServerConnector> = {};
  for (const connector of exampleConnectors) {
    const engine = exampleEngineOptions(connector);
    connectors[connector.key] = {
      spec: parseExampleSpec(connector),
      connectorParameters: engine.connectorParameters ?? {},
      ...(engine.platformToken ? { platformToken: engine.platformToken } : {}),
    };
  }
  // Mounted at the app's root, so its callback is the example app's registered redirect URI.
  const handler = createAuthHandler({
    connectors,
    secret: "react-tests-secret-that-is-long-enough-0123",
    baseUrl: APP_ORIGIN,
    allowedOrigins: [APP_ORIGIN],
    engine: { sleep: async () => {} },
  });
  const calls: string[] = [];
  let failures = options.failFirst ?? 0;
  const runtime = createServerRuntime({
    baseUrl: APP_ORIGIN,
    connectorKey,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      if (failures > 0) {
        failures -= 1;
        throw new TypeError("Failed to fetch");
      }
      const headers = new Headers(request.headers);
      headers.set("origin", APP_ORIGIN);
      return handler(new Request(request, { headers }));
    },
  });
  return { runtime, calls };
}
