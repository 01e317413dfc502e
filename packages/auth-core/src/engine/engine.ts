/**
 * The engine for one connector spec: options, connect, and live connections (ApiClient, refresh,
 * test). It runs wherever it is created: in the page (local runtime) or on a server.
 */
import { connectClientCredentials } from "../auth-types/client-credentials.ts";
import type { ConnectStep } from "../auth-types/client-credentials.ts";
import { ErrorKey, PlugboardError } from "../errors.ts";
import type { RequestLogEntry, RetryOptions } from "../http/api-client.ts";
import type { ApiClient, FetchLike } from "../http/types.ts";
import type { SandboxLimits } from "../sandbox/index.ts";
import { getAuthOptions, getEffectiveAuthOption } from "../spec/index.ts";
import type { AuthOption, Connection, ConnectorSpec, EffectiveAuthOption } from "../types.ts";
import { ConnectionSession } from "./connection-session.ts";
import type { EngineContext } from "./connection-session.ts";

export interface AuthEngineOptions {
  /** The integration's own settings (client ids, secrets, scopes…), visible to every method. */
  connectorParameters?: Record<string, unknown>;
  /** fetch used for every API and token request; defaults to the global fetch. */
  fetch?: FetchLike;
  sandboxLimits?: SandboxLimits;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called after each HTTP request an ApiClient makes (for request logs). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** console output of sandboxed spec code. */
  onLog?: (level: string, args: unknown[]) => void;
}

export interface ConnectRequest {
  /** The option to use; defaults to the only option when there is exactly one. */
  authOptionKey?: string;
  /** What the user entered in the option's form. */
  input?: Record<string, unknown>;
  onProgress?: (step: ConnectStep) => void;
}

export interface OpenConnectionOptions {
  /** Called whenever credentials change (refresh), so the host can persist them. */
  onCredentialsChange?: (connection: Connection) => void;
}

export interface AuthEngine {
  readonly spec: ConnectorSpec;
  getAuthOptions(): Promise<AuthOption[]>;
  connect(request: ConnectRequest): Promise<Connection>;
  /** A live connection: `apiClient`, `refresh()`, `test()`, current `connection`. */
  openConnection(connection: Connection, options?: OpenConnectionOptions): ConnectionSession;
  createApiClient(connection: Connection, options?: OpenConnectionOptions): ApiClient;
  refreshCredentials(connection: Connection): Promise<Connection>;
  testConnection(connection: Connection): Promise<void>;
}

export function createAuthEngine(spec: ConnectorSpec, options: AuthEngineOptions = {}): AuthEngine {
  const context: EngineContext = {
    connectorParameters: options.connectorParameters ?? {},
    now: options.now ?? (() => Date.now()),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sandboxLimits ? { sandboxLimits: options.sandboxLimits } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  };

  async function resolveOption(key: string | undefined): Promise<EffectiveAuthOption> {
    const available = await getAuthOptions(spec, { connectorParameters: context.connectorParameters });
    if (key === undefined) {
      if (available.length !== 1) {
        throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
          message: `This connector offers ${available.length} auth options (${available.map((o) => `"${o.key}"`).join(", ")}); pass authOptionKey to pick one.`,
        });
      }
      key = available[0]!.key;
    }
    if (!available.some((option) => option.key === key)) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
        message: `Auth option "${key}" is not available. Available options: ${available.map((o) => `"${o.key}"`).join(", ") || "none"}.`,
      });
    }
    return getEffectiveAuthOption(spec, key);
  }

  function openConnection(connection: Connection, open: OpenConnectionOptions = {}): ConnectionSession {
    const option = getEffectiveAuthOption(spec, connection.authOptionKey);
    return new ConnectionSession({
      option,
      connection,
      context,
      ...(open.onCredentialsChange ? { onCredentialsChange: open.onCredentialsChange } : {}),
    });
  }

  return {
    spec,
    getAuthOptions: () => getAuthOptions(spec, { connectorParameters: context.connectorParameters }),
    async connect(request) {
      const option = await resolveOption(request.authOptionKey);
      switch (option.type) {
        case "client-credentials":
          return connectClientCredentials(
            option,
            { input: request.input ?? {}, ...(request.onProgress ? { onProgress: request.onProgress } : {}) },
            context,
          );
        default:
          throw new PlugboardError(ErrorKey.NOT_SUPPORTED, {
            message: `Connecting with auth type "${option.type}" is not supported by this engine yet.`,
          });
      }
    },
    openConnection,
    createApiClient: (connection, open) => openConnection(connection, open).apiClient,
    refreshCredentials: (connection) => openConnection(connection).refresh(),
    testConnection: (connection) => openConnection(connection).test(),
  };
}
