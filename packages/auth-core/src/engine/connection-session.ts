/**
 * A live connection: its current credentials, the ApiClient built from makeApiClient, and
 * single-flight credential refresh (N concurrent 401s cause one refresh; with rotating refresh
 * tokens two refreshes would revoke the grant).
 */
import { CONNECTION_ERROR_KEYS, ConnectionError, ErrorKey, isPlugboardError, PlugboardError } from "../errors.ts";
import { compileMapping } from "../formulas/index.ts";
import type { CompiledMapping } from "../formulas/index.ts";
import { runFunction } from "../functions/run-function.ts";
import { createApiClient, refreshOrFail } from "../http/api-client.ts";
import type { HandlerOutcome, OutgoingRequest, RequestLogEntry, ResolvedClientConfig, RetryOptions } from "../http/api-client.ts";
import { isPlainObject, normalizeApiClientConfig, splitResponseHandlers } from "../http/client-config.ts";
import type { ResponseHandlerSpec } from "../http/client-config.ts";
import type { ApiClient, ApiResponse, FetchLike } from "../http/types.ts";
import type { SandboxLimits } from "../sandbox/index.ts";
import type { Connection, Credentials, EffectiveAuthOption, FunctionImplementation, MethodName } from "../types.ts";
import { methodInputs } from "./method-inputs.ts";
import type { PlatformTokenOptions } from "../auth-types/platform-token.ts";

const DEFAULT_REFRESH_MARGIN_MS = 60_000;

export interface EngineContext {
  connectorParameters: Record<string, unknown>;
  fetch?: FetchLike;
  sandboxLimits?: SandboxLimits;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  now: () => number;
  /** Refresh this long before `expires_at`. Default 60 s. */
  refreshMarginMs?: number;
  /** Workspace credentials for integration-app-token / membrane-token. */
  platformToken?: PlatformTokenOptions;
  onRequest?: (entry: RequestLogEntry) => void;
  onLog?: (level: string, args: unknown[]) => void;
}

/** How an auth type refreshes and signs; the client-credentials type needs neither. */
export interface AuthTypeHooks {
  /** Default refresh when the spec has no refreshCredentials method. */
  refresh?: (session: ConnectionSession) => Promise<Credentials>;
  /** Adds auth that formulas cannot express (OAuth1 signatures, platform tokens). */
  authorizeRequest?: (request: OutgoingRequest, session: ConnectionSession) => void | Promise<void>;
}

export interface ConnectionSessionOptions {
  option: EffectiveAuthOption;
  connection: Connection;
  context: EngineContext;
  hooks?: AuthTypeHooks;
  onCredentialsChange?: (connection: Connection) => void;
}

/** The client config built for one credentials object; `ready` once built, so requests need not await it. */
interface BuiltConfig {
  credentials: Credentials;
  config: Promise<ResolvedClientConfig>;
  ready?: ResolvedClientConfig;
}

export class ConnectionSession {
  readonly option: EffectiveAuthOption;
  readonly context: EngineContext;
  readonly apiClient: ApiClient;
  /**
   * A client that never refreshes: used by refresh methods themselves and before a connection
   * exists, where a 401 must fail instead of waiting on a refresh that waits on it.
   */
  readonly nonRefreshingApiClient: ApiClient;
  private current: Connection;
  private readonly hooks: AuthTypeHooks;
  private readonly onCredentialsChange: ((connection: Connection) => void) | undefined;
  private configFor: BuiltConfig | undefined;
  private inFlightRefresh: Promise<Connection> | undefined;

  constructor(options: ConnectionSessionOptions) {
    this.option = options.option;
    this.context = options.context;
    this.current = options.connection;
    this.hooks = options.hooks ?? {};
    this.onCredentialsChange = options.onCredentialsChange;
    const { authorizeRequest } = this.hooks;
    const shared = {
      ...(authorizeRequest ? { authorizeRequest: (request: OutgoingRequest) => authorizeRequest(request, this) } : {}),
      ...(this.context.fetch ? { fetch: this.context.fetch } : {}),
      ...(this.context.retry ? { retry: this.context.retry } : {}),
      ...(this.context.sleep ? { sleep: this.context.sleep } : {}),
      ...(this.context.onRequest ? { onRequest: this.context.onRequest } : {}),
    };
    this.apiClient = createApiClient({
      ...shared,
      resolveConfig: () => this.resolveConfig(true),
      ...(this.canRefresh ? { refreshCredentials: (stale: ResolvedClientConfig) => this.refreshIfStale(stale) } : {}),
    });
    this.nonRefreshingApiClient = createApiClient({ ...shared, resolveConfig: () => this.resolveConfig(false) });
  }

  get connection(): Connection {
    return this.current;
  }

  get credentials(): Credentials {
    return this.current.credentials;
  }

  get canRefresh(): boolean {
    return Boolean(this.option.methods.refreshCredentials || this.hooks.refresh);
  }

  /** The inputs a method of this connection receives. */
  inputs(extra: Record<string, unknown> = {}, apiClient: ApiClient = this.apiClient): Record<string, unknown> {
    return methodInputs({
      ...extra,
      connectorParameters: this.context.connectorParameters,
      input: this.current.input,
      credentials: this.current.credentials,
      apiClient,
    });
  }

  run(methodName: MethodName, implementation: FunctionImplementation, inputs: Record<string, unknown>): Promise<unknown> {
    return runFunction(methodName, implementation, inputs, {
      apiClient: (inputs.apiClient as ApiClient | undefined) ?? this.apiClient,
      ...(this.context.sandboxLimits ? { sandboxLimits: this.context.sandboxLimits } : {}),
      ...(this.context.onLog ? { onLog: this.context.onLog } : {}),
    });
  }

  /** Refreshes credentials now; concurrent calls share one refresh. */
  refresh(): Promise<Connection> {
    if (!this.inFlightRefresh) {
      this.inFlightRefresh = this.runRefresh().finally(() => {
        this.inFlightRefresh = undefined;
      });
    }
    return this.inFlightRefresh;
  }

  /** Runs the `test` method: truthy (or undefined, for legacy tests) passes; falsy or a throw fails with `test_failed`. */
  async test(): Promise<void> {
    const implementation = this.option.methods.test;
    if (!implementation) return;
    let result: unknown;
    try {
      result = await this.run("test", implementation, this.inputs());
    } catch (error) {
      throw testFailure(error);
    }
    if (result !== undefined && !result) {
      throw new PlugboardError(ErrorKey.TEST_FAILED, {
        message: "The connection test did not pass: the connector's test returned a falsy result. Check the credentials you entered.",
        data: { result },
      });
    }
  }

  /** Replaces credentials (e.g. after an external refresh) and notifies listeners. */
  updateCredentials(credentials: Credentials): Connection {
    this.current = { ...this.current, credentials, refreshedAt: new Date(this.context.now()).toISOString() };
    this.configFor = undefined;
    this.onCredentialsChange?.(this.current);
    return this.current;
  }

  private async refreshIfStale(stale: ResolvedClientConfig): Promise<void> {
    if (this.inFlightRefresh) {
      await this.inFlightRefresh;
      return;
    }
    // Another caller already refreshed after this request was built: just retry.
    if (this.configFor && (await this.configFor.config) !== stale) return;
    await this.refresh();
  }

  private async runRefresh(): Promise<Connection> {
    const implementation = this.option.methods.refreshCredentials;
    if (implementation) {
      const update = await this.run("refreshCredentials", implementation, this.inputs({}, this.nonRefreshingApiClient));
      if (update !== undefined && update !== null && !isPlainObject(update)) {
        throw new PlugboardError(ErrorKey.REFRESH_FAILED, { message: `refreshCredentials must return an object of credentials to merge; got ${typeof update}.` });
      }
      // Refresh results are merged: returning only access_token keeps the rest (reference §2.4).
      return this.updateCredentials({ ...this.current.credentials, ...(update ?? {}) });
    }
    if (this.hooks.refresh) return this.updateCredentials(await this.hooks.refresh(this));
    throw new PlugboardError(ErrorKey.NOT_SUPPORTED, { message: "This connection cannot refresh its credentials." });
  }

  /** Refreshes ahead of expiry (`credentials.expires_at`, epoch ms) so requests rarely meet a 401. */
  private isExpiring(): boolean {
    const expiresAt = this.current.credentials.expires_at;
    if (typeof expiresAt !== "number" || !this.canRefresh) return false;
    return this.context.now() >= expiresAt - (this.context.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS);
  }

  // Not async on purpose: the common path (fresh credentials, config built) returns the config
  // itself, so a request costs no extra promise hop.
  private resolveConfig(refreshAhead: boolean): ResolvedClientConfig | Promise<ResolvedClientConfig> {
    if (refreshAhead && this.isExpiring()) return refreshOrFail(() => this.refresh()).then(() => this.currentConfig());
    return this.currentConfig();
  }

  private currentConfig(): ResolvedClientConfig | Promise<ResolvedClientConfig> {
    const credentials = this.current.credentials;
    let entry = this.configFor;
    if (entry?.credentials !== credentials) {
      const built: BuiltConfig = { credentials, config: this.buildConfig() };
      this.configFor = entry = built;
      built.config.then(
        (config) => {
          built.ready = config;
        },
        () => {
          if (this.configFor === built) this.configFor = undefined;
        },
      );
    }
    return entry.ready ?? entry.config;
  }

  private async buildConfig(): Promise<ResolvedClientConfig> {
    const implementation = this.option.methods.makeApiClient;
    if (!implementation) {
      throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `Auth option "${this.option.key}" has no makeApiClient.` });
    }
    const inputs = methodInputs({ connectorParameters: this.context.connectorParameters, input: this.current.input, credentials: this.current.credentials });
    if (implementation.type === "mapping") {
      const { clientMapping, responseHandlers } = splitResponseHandlers(implementation.mapping);
      const config = normalizeApiClientConfig(await compileMapping(clientMapping).evaluate(inputs));
      return withHandlers(config, [...responseHandlers, ...config.responseHandlers], inputs);
    }
    const result = await runFunction("makeApiClient", implementation, inputs, {
      ...(this.context.sandboxLimits ? { sandboxLimits: this.context.sandboxLimits } : {}),
    });
    const config = normalizeApiClientConfig(result);
    return withHandlers(config, config.responseHandlers, inputs);
  }
}

/** Compiles responseHandlers: the first whose `match` holds decides, before the defaults. */
function withHandlers(
  config: ReturnType<typeof normalizeApiClientConfig>,
  handlers: ResponseHandlerSpec[],
  inputs: Record<string, unknown>,
): ResolvedClientConfig {
  const { responseHandlers: _ignored, ...base } = config;
  if (handlers.length === 0) return base;
  const compiled = handlers.map((handler) => ({
    match: compileMapping(handler.match ?? true),
    isSuccess: handler.isSuccess === undefined ? undefined : compileMapping(handler.isSuccess),
    data: handler.data === undefined ? undefined : compileMapping(handler.data),
    error: handler.error === undefined ? undefined : compileMapping(handler.error),
  }));
  // The variables of one response: the method inputs plus `response`. Cloned from a template that
  // already has the `response` key, because in V8 `{ ...inputs, response }` (a spread followed by
  // a new property) takes a slow path costing about 1 µs, and this runs on every response.
  const template: Record<string, unknown> = { ...inputs, response: undefined };
  const variablesFor = (response: ApiResponse): Record<string, unknown> => {
    const variables = { ...template };
    variables.response = response;
    return variables;
  };
  const isAsync = compiled.some((handler) => [handler.match, handler.isSuccess, handler.data, handler.error].some((mapping) => mapping?.isAsync));
  if (!isAsync) {
    // These run on every response: without $jsonata everything evaluates synchronously, with no promise per response.
    return {
      ...base,
      handleResponse(response: ApiResponse): HandlerOutcome | undefined {
        const variables = variablesFor(response);
        for (const handler of compiled) {
          if (!handler.match.evaluateSync(variables)) continue;
          // Without an explicit isSuccess, a handler that declares an error is a failure.
          const success = handler.isSuccess ? Boolean(handler.isSuccess.evaluateSync(variables)) : handler.error === undefined;
          if (success) return { success: true, data: handler.data ? handler.data.evaluateSync(variables) : response.data };
          return failureOutcome(handler.error?.evaluateSync(variables), response);
        }
        return undefined;
      },
    };
  }
  return {
    ...base,
    async handleResponse(response: ApiResponse): Promise<HandlerOutcome | undefined> {
      const variables = variablesFor(response);
      // Sync evaluation for the formulas that do not need jsonata.
      const evaluate = (mapping: CompiledMapping) => (mapping.isAsync ? mapping.evaluate(variables) : mapping.evaluateSync(variables));
      for (const handler of compiled) {
        if (!(await evaluate(handler.match))) continue;
        const success = handler.isSuccess ? Boolean(await evaluate(handler.isSuccess)) : handler.error === undefined;
        if (success) return { success: true, data: handler.data ? await evaluate(handler.data) : response.data };
        return failureOutcome(handler.error ? await evaluate(handler.error) : undefined, response);
      }
      return undefined;
    },
  };
}

/** A handler's `error` value as an outcome: a known connection error key, else api_request_failed. */
function failureOutcome(value: unknown, response: ApiResponse): HandlerOutcome {
  const error = value as { key?: unknown; message?: unknown; data?: unknown } | undefined;
  const key = CONNECTION_ERROR_KEYS.includes(error?.key as ErrorKey) ? (error?.key as ErrorKey) : ErrorKey.API_REQUEST_FAILED;
  const message = typeof error?.message === "string" ? error.message : `The API reported an error (HTTP ${response.status}).`;
  return { success: false, key, message, ...(error?.data === undefined ? {} : { data: error.data }) };
}

function testFailure(error: unknown): PlugboardError {
  const reason = error instanceof Error ? error.message : String(error);
  const causeKey = isPlugboardError(error) ? error.key : undefined;
  const status = error instanceof ConnectionError ? error.status : undefined;
  const hint =
    causeKey === ErrorKey.ACCESS_TOKEN_EXPIRED || causeKey === ErrorKey.CONNECTION_IS_DEFUNCT
      ? " The API rejected the credentials; check them and try again."
      : "";
  return new PlugboardError(ErrorKey.TEST_FAILED, {
    message: `The connection test failed: ${reason}${hint}`,
    data: { reason, ...(causeKey ? { causeKey } : {}), ...(status === undefined ? {} : { status }) },
    cause: error,
  });
}
