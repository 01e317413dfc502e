/**
 * The engine for one connector spec: options, connect (every auth type), and live connections
 * (ApiClient, refresh, test). It runs wherever it is created: in the page (local runtime) or on
 * a server, where secrets stay (server runtime).
 */
import { connectClientCredentials } from "../auth-types/client-credentials.ts";
import { hooksFor, needsAuthorization } from "../auth-types/index.ts";
import { completeOAuth1, startOAuth1 } from "../auth-types/oauth1.ts";
import type { PendingOAuth1 } from "../auth-types/oauth1.ts";
import { completeOAuth2, startOAuth2 } from "../auth-types/oauth2.ts";
import type { PendingOAuth2 } from "../auth-types/oauth2.ts";
import { connectPlatformToken } from "../auth-types/platform-token.ts";
import type { PlatformTokenOptions } from "../auth-types/platform-token.ts";
import { ErrorKey, PlugboardError } from "../errors.ts";
import type { RequestLogEntry, RetryOptions } from "../http/api-client.ts";
import type { ApiClient, FetchLike } from "../http/types.ts";
import type { SandboxLimits } from "../sandbox/index.ts";
import { getAuthOptions, getEffectiveAuthOption } from "../spec/index.ts";
import type { AuthOption, Connection, ConnectorSpec, EffectiveAuthOption } from "../types.ts";
import { ConnectionSession } from "./connection-session.ts";
import type { EngineContext } from "./connection-session.ts";

/** Steps a connect reports, in order: `authorizing`/`exchanging` only for OAuth. */
export type ConnectStep = "connecting" | "authorizing" | "exchanging" | "testing";

/** A connector a `proxy` option can delegate to. */
export interface RegisteredConnector {
  spec: ConnectorSpec;
  connectorParameters?: Record<string, unknown>;
}

export interface AuthEngineOptions {
  /** The integration's own settings (client ids, secrets, scopes…), visible to every method. */
  connectorParameters?: Record<string, unknown>;
  /** fetch used for every API and token request; defaults to the global fetch. */
  fetch?: FetchLike;
  sandboxLimits?: SandboxLimits;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Refresh OAuth tokens this long before they expire. Default 60 s. */
  refreshMarginMs?: number;
  /** Called after each HTTP request an ApiClient makes (for request logs). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** console output of sandboxed spec code. */
  onLog?: (level: string, args: unknown[]) => void;
  /** Default OAuth redirect (callback) URI when a connect request gives none. */
  redirectUri?: string;
  /** Workspace credentials for integration-app-token / membrane-token (server side). */
  platformToken?: PlatformTokenOptions;
  /** Connectors `proxy` options may delegate to, by key. */
  connectors?: Record<string, RegisteredConnector>;
}

/** Takes the user to the provider and resolves with the callback URL (or its query). */
export type AuthorizeHandler = (request: { url: string; state: string }) => Promise<URL | string | URLSearchParams>;

export interface ConnectRequest {
  /** The option to use; defaults to the only option when there is exactly one. */
  authOptionKey?: string;
  /** What the user entered in the option's form. */
  input?: Record<string, unknown>;
  onProgress?: (step: ConnectStep) => void;
  /** OAuth: where the provider sends the user back (must be registered there). */
  redirectUri?: string;
  /** OAuth: opens the provider (popup or redirect) and waits for the callback. */
  authorize?: AuthorizeHandler;
}

/** An OAuth flow between leaving for the provider and coming back; keep it until the callback. */
export type PendingAuthorization = (PendingOAuth1 | PendingOAuth2) & {
  /** Set when a proxy option delegated the flow to another connector. */
  proxy?: { authOptionKey: string; connectorKey: string };
};

export interface AuthEngine {
  readonly spec: ConnectorSpec;
  getAuthOptions(): Promise<AuthOption[]>;
  /** Runs the whole connect for any auth type; OAuth types need `authorize` (and a redirect URI). */
  connect(request: ConnectRequest): Promise<Connection>;
  /** OAuth, step 1: the URL to send the user to, and what to keep until the callback. */
  startAuthorization(request: { authOptionKey?: string; input?: Record<string, unknown>; redirectUri?: string; state?: string }): Promise<PendingAuthorization>;
  /** OAuth, step 2: checks the callback, exchanges the code or verifier, tests, returns the connection. */
  completeAuthorization(
    pending: PendingAuthorization,
    callback: URL | string | URLSearchParams,
    options?: { onProgress?: (step: ConnectStep) => void },
  ): Promise<Connection>;
  /** A live connection: `apiClient`, `refresh()`, `test()`, current `connection`. */
  openConnection(connection: Connection, options?: OpenConnectionOptions): ConnectionSession;
  createApiClient(connection: Connection, options?: OpenConnectionOptions): ApiClient;
  refreshCredentials(connection: Connection): Promise<Connection>;
  testConnection(connection: Connection): Promise<void>;
}

export interface OpenConnectionOptions {
  /** Called whenever credentials change (refresh), so the host can persist them. */
  onCredentialsChange?: (connection: Connection) => void;
}

export function createAuthEngine(spec: ConnectorSpec, options: AuthEngineOptions = {}): AuthEngine {
  const context: EngineContext = {
    connectorParameters: options.connectorParameters ?? {},
    now: options.now ?? (() => Date.now()),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sandboxLimits ? { sandboxLimits: options.sandboxLimits } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: options.refreshMarginMs }),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.platformToken ? { platformToken: options.platformToken } : {}),
  };

  /** The engine of the connector a proxy option delegates to. */
  function delegateEngine(option: EffectiveAuthOption): { engine: AuthEngine; connectorKey: string } {
    const connectorKey = option.proxyKey;
    const registered = connectorKey ? options.connectors?.[connectorKey] : undefined;
    if (!connectorKey || !registered) {
      throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
        message: `Proxy option "${option.key}" delegates to connector "${connectorKey ?? ""}", which is not registered. Pass it in the engine's connectors option.`,
      });
    }
    const engine = createAuthEngine(registered.spec, {
      ...options,
      connectorParameters: registered.connectorParameters ?? {},
      connectors: {},
    });
    return { engine, connectorKey };
  }

  async function listOptions(): Promise<AuthOption[]> {
    const listed = await getAuthOptions(spec, { connectorParameters: context.connectorParameters });
    return Promise.all(
      listed.map(async (option) => {
        if (option.type !== "proxy") return { ...option, requiresAuthorization: needsAuthorization(option.type) };
        const delegate = await soleOption(delegateEngine(getEffectiveAuthOption(spec, option.key)).engine);
        return {
          ...option,
          ...(option.inputSchema || !delegate.inputSchema ? {} : { inputSchema: delegate.inputSchema }),
          requiresAuthorization: Boolean(delegate.requiresAuthorization),
        };
      }),
    );
  }

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

  /** Wraps a delegate's connection as this connector's proxy connection. */
  function asProxyConnection(option: EffectiveAuthOption, connectorKey: string, delegated: Connection): Connection {
    return {
      ...delegated,
      authOptionKey: option.key,
      authType: "proxy",
      delegate: { connectorKey, authOptionKey: delegated.authOptionKey, authType: delegated.authType },
    };
  }

  const engine: AuthEngine = {
    spec,
    getAuthOptions: listOptions,

    async connect(request) {
      const option = await resolveOption(request.authOptionKey);
      const input = request.input ?? {};
      const onProgress = request.onProgress;
      switch (option.type) {
        case "client-credentials":
          return connectClientCredentials(option, { input, ...(onProgress ? { onProgress } : {}) }, context);
        case "integration-app-token":
        case "membrane-token":
          return connectPlatformToken(option, { input, ...(onProgress ? { onProgress } : {}) }, context);
        case "proxy": {
          const { engine: delegate, connectorKey } = delegateEngine(option);
          const delegatedOption = await soleOption(delegate);
          const connection = await delegate.connect({ ...request, authOptionKey: delegatedOption.key });
          const proxied = asProxyConnection(option, connectorKey, connection);
          // The proxy's own test (if any) runs on the delegated client.
          if (option.methods.test) await engine.testConnection(proxied);
          return proxied;
        }
        case "oauth1":
        case "oauth2": {
          if (!request.authorize) {
            throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
              message: `Auth option "${option.key}" is ${option.type}: pass authorize (a popup or redirect handler) to connect, or use startAuthorization/completeAuthorization.`,
            });
          }
          onProgress?.("connecting");
          const pending = await engine.startAuthorization({
            authOptionKey: option.key,
            input,
            ...(request.redirectUri ? { redirectUri: request.redirectUri } : {}),
          });
          onProgress?.("authorizing");
          const callback = await request.authorize({ url: pending.authorizeUrl, state: pending.state });
          return engine.completeAuthorization(pending, callback, onProgress ? { onProgress } : {});
        }
        default:
          option.type satisfies never;
          throw new PlugboardError(ErrorKey.NOT_SUPPORTED, { message: `Unknown auth type "${String(option.type)}".` });
      }
    },

    async startAuthorization(request) {
      const option = await resolveOption(request.authOptionKey);
      const redirectUri = request.redirectUri ?? options.redirectUri;
      const input = request.input ?? {};
      if (option.type === "proxy") {
        const { engine: delegate, connectorKey } = delegateEngine(option);
        const delegatedOption = await soleOption(delegate);
        const pending = await delegate.startAuthorization({ ...request, authOptionKey: delegatedOption.key });
        return { ...pending, proxy: { authOptionKey: option.key, connectorKey } };
      }
      if (!needsAuthorization(option.type)) {
        throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Auth option "${option.key}" is ${option.type}; it has no authorization step. Use connect().` });
      }
      if (!redirectUri) {
        throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "OAuth needs a redirectUri (the callback URL registered with the provider)." });
      }
      const start = { input, redirectUri, ...(request.state ? { state: request.state } : {}) };
      return option.type === "oauth2" ? startOAuth2(option, start, context) : startOAuth1(option, start, context);
    },

    async completeAuthorization(pending, callback, complete = {}) {
      if (pending.proxy) {
        const option = getEffectiveAuthOption(spec, pending.proxy.authOptionKey);
        const { engine: delegate, connectorKey } = delegateEngine(option);
        const { proxy: _proxy, ...delegatedPending } = pending;
        const connection = await delegate.completeAuthorization(delegatedPending, callback, complete);
        const proxied = asProxyConnection(option, connectorKey, connection);
        if (option.methods.test) await engine.testConnection(proxied);
        return proxied;
      }
      const option = getEffectiveAuthOption(spec, pending.authOptionKey);
      const onProgress = complete.onProgress;
      return pending.kind === "oauth2"
        ? completeOAuth2(option, pending, callback, context, onProgress)
        : completeOAuth1(option, pending, callback, context, onProgress);
    },

    openConnection(connection, open = {}) {
      const option = getEffectiveAuthOption(spec, connection.authOptionKey);
      const sessionOptions = open.onCredentialsChange ? { onCredentialsChange: open.onCredentialsChange } : {};
      if (option.type === "proxy" && connection.delegate) {
        // The delegate's option (refresh, signing) with the proxy's own methods on top.
        const { engine: delegate } = delegateEngine(option);
        const delegatedOption = getEffectiveAuthOption(delegate.spec, connection.delegate.authOptionKey);
        const merged: EffectiveAuthOption = {
          ...delegatedOption,
          key: option.key,
          methods: { ...delegatedOption.methods, ...pickDefined(option.methods, ["makeApiClient", "test", "refreshCredentials"]) },
        };
        const registered = options.connectors?.[connection.delegate.connectorKey];
        return new ConnectionSession({
          option: merged,
          connection,
          // The delegate's parameters win on name clashes: its refresh and signing must use its own client credentials.
          context: { ...context, connectorParameters: { ...context.connectorParameters, ...registered?.connectorParameters } },
          hooks: hooksFor(delegatedOption.type),
          ...sessionOptions,
        });
      }
      return new ConnectionSession({ option, connection, context, hooks: hooksFor(option.type), ...sessionOptions });
    },

    createApiClient: (connection, open) => engine.openConnection(connection, open).apiClient,
    refreshCredentials: (connection) => engine.openConnection(connection).refresh(),
    testConnection: (connection) => engine.openConnection(connection).test(),
  };
  return engine;
}

/** A proxy delegates to its connector's only option. */
async function soleOption(engine: AuthEngine): Promise<AuthOption> {
  const available = await engine.getAuthOptions();
  if (available.length !== 1) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `A proxy needs the connector it delegates to (${engine.spec.key ?? "unnamed"}) to offer exactly one auth option; it offers ${available.length}.`,
    });
  }
  return available[0]!;
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
