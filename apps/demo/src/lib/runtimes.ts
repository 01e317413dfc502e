/** The two runtimes the demo can switch between, for one example connector. */
import { createAuthEngine, createServerRuntime } from "@plugboard/auth-core";
import type { ApiClient, AuthEngine, Connection, RequestLogEntry, ServerRuntime } from "@plugboard/auth-core";
import { exampleEngineOptions, parseExampleSpec } from "@plugboard/connectors";
import type { ExampleConnector } from "@plugboard/connectors";

export type RuntimeKind = "local" | "server";

export interface DemoRuntime {
  kind: RuntimeKind;
  /** For the widget: the local engine or the server runtime. */
  widgetProps: { engine: AuthEngine } | { runtime: ServerRuntime };
  apiClient(connection: Connection): ApiClient;
  test(connection: Connection): Promise<void>;
  refresh(connection: Connection): Promise<Connection>;
}

export const LOCAL_CALLBACK_PATH = "/oauth/callback";

export function createDemoRuntime(kind: RuntimeKind, connector: ExampleConnector, onRequest: (entry: RequestLogEntry) => void): DemoRuntime {
  if (kind === "server") {
    const runtime = createServerRuntime({ baseUrl: "/plugboard", connectorKey: connector.key });
    const idOf = (connection: Connection) => connection.id ?? "";
    return {
      kind,
      widgetProps: { runtime },
      apiClient(connection) {
        // Requests run on the server; log what the browser asked for.
        const client = runtime.apiClient(idOf(connection));
        const logged = async (method: string, path: string, run: () => Promise<unknown>) => {
          const started = performance.now();
          try {
            const result = await run();
            onRequest({ method: method as RequestLogEntry["method"], url: `(server) ${path}`, status: 200, durationMs: performance.now() - started });
            return result;
          } catch (error) {
            onRequest({ method: method as RequestLogEntry["method"], url: `(server) ${path}`, durationMs: performance.now() - started, error: String(error) });
            throw error;
          }
        };
        return {
          ...client,
          request: (method, path, options) => logged(method, path, () => client.request(method, path, options)),
          get: (path, query, options) => logged("GET", path, () => client.get(path, query, options)),
        };
      },
      test: (connection) => runtime.testConnection(idOf(connection)),
      refresh: (connection) => runtime.refreshConnection(idOf(connection)),
    };
  }
  const engine = createAuthEngine(parseExampleSpec(connector), {
    ...exampleEngineOptions(connector, { redirectUri: `${window.location.origin}${LOCAL_CALLBACK_PATH}` }),
    onRequest,
  });
  return {
    kind,
    widgetProps: { engine },
    apiClient: (connection) => engine.createApiClient(connection),
    test: (connection) => engine.testConnection(connection),
    refresh: (connection) => engine.refreshCredentials(connection),
  };
}
