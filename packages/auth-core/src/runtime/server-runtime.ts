/**
 * The browser side of the server runtime: a ConnectRuntime (for the connect flow store) that
 * talks to `createAuthHandler` over HTTP. Secrets stay on the server; this side only ever sees
 * connection summaries with masked credentials, and calls APIs through the server.
 */
import { ErrorKey, InputError, PlugboardError } from "../errors.ts";
import { callbackSearchParams } from "../oauth/callback-search-params.ts";
import type { Issue } from "../errors.ts";
import type { ConnectProgressStep } from "../flow/connect-flow-reducer.ts";
import type { ConnectRuntime, FlowAuthorizeHandler } from "../flow/connect-flow.ts";
import type { ApiClient, ApiRequestOptions, FetchLike, HttpMethod } from "../http/types.ts";
import type { AuthOption, Connection } from "../types.ts";

export interface ServerRuntimeOptions {
  /** Where the server handler is mounted, e.g. `/plugboard` or `https://app.example.com/plugboard`. */
  baseUrl: string;
  connectorKey: string;
  fetch?: FetchLike;
  /** Reconnect: replace the credentials of this existing connection instead of creating one. */
  connectionId?: string;
}

export interface ServerAuthorization {
  authorizeUrl: string;
  state: string;
  /** Opaque, sealed by the server; send it back with the callback parameters. */
  flowToken: string;
}

export interface ServerRuntime extends ConnectRuntime {
  readonly connectorKey: string;
  startAuthorization(request: { authOptionKey?: string; input?: Record<string, unknown>; returnTo?: string }): Promise<ServerAuthorization>;
  completeAuthorization(flowToken: string, params: URLSearchParams): Promise<Connection>;
  getConnection(id: string): Promise<Connection>;
  testConnection(id: string): Promise<void>;
  refreshConnection(id: string): Promise<Connection>;
  deleteConnection(id: string): Promise<void>;
  /** An ApiClient whose requests run on the server with the stored credentials. */
  apiClient(connectionId: string): ApiClient;
}

export function createServerRuntime(options: ServerRuntimeOptions): ServerRuntime {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, "");
  const connector = `${base}/connectors/${encodeURIComponent(options.connectorKey)}`;
  let cachedOptions: Promise<AuthOption[]> | undefined;

  async function call<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new PlugboardError(ErrorKey.NETWORK_ERROR, { message: `Could not reach the Plugboard server at ${base}.`, cause: error });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      throw new PlugboardError(ErrorKey.INTERNAL_ERROR, { message: `The Plugboard server answered HTTP ${response.status} with a body that is not JSON.` });
    }
    const error = (parsed as { error?: { key?: string; message?: string; issues?: Issue[] } }).error;
    if (!response.ok || error) {
      const key = (Object.values(ErrorKey) as string[]).includes(error?.key ?? "") ? (error!.key as ErrorKey) : ErrorKey.INTERNAL_ERROR;
      const message = error?.message ?? `The Plugboard server answered HTTP ${response.status}.`;
      if (key === ErrorKey.INVALID_INPUT) throw new InputError(error?.issues ?? [], message);
      throw new PlugboardError(key, { message, data: { status: response.status, ...(error?.issues ? { issues: error.issues } : {}) } });
    }
    return parsed as T;
  }

  const runtime: ServerRuntime = {
    connectorKey: options.connectorKey,
    getAuthOptions() {
      cachedOptions ??= call<{ options: AuthOption[] }>("GET", `${connector}/options`).then((result) => result.options);
      cachedOptions.catch(() => (cachedOptions = undefined));
      return cachedOptions;
    },
    async connect(request: {
      authOptionKey?: string;
      input?: Record<string, unknown>;
      onProgress?: (step: ConnectProgressStep) => void;
      authorize?: FlowAuthorizeHandler;
    }) {
      const available = await runtime.getAuthOptions();
      const option = request.authOptionKey === undefined ? (available.length === 1 ? available[0] : undefined) : available.find((o) => o.key === request.authOptionKey);
      request.onProgress?.("connecting");
      if (!option?.requiresAuthorization) {
        const result = await call<{ connection: Connection }>("POST", `${connector}/connect`, {
          authOptionKey: request.authOptionKey,
          input: request.input ?? {},
          connectionId: options.connectionId,
        });
        return result.connection;
      }
      if (!request.authorize) {
        throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Auth option "${option.key}" needs the user at the provider: pass authorize (a popup handler).` });
      }
      const authorization = await runtime.startAuthorization({ authOptionKey: option.key, input: request.input ?? {} });
      request.onProgress?.("authorizing");
      const callback = await request.authorize({ url: authorization.authorizeUrl, state: authorization.state });
      request.onProgress?.("exchanging");
      return runtime.completeAuthorization(authorization.flowToken, callbackSearchParams(callback));
    },
    startAuthorization: (request) =>
      call<ServerAuthorization>("POST", `${connector}/authorize`, {
        authOptionKey: request.authOptionKey,
        input: request.input ?? {},
        connectionId: options.connectionId,
        ...(request.returnTo ? { returnTo: request.returnTo } : {}),
      }),
    async completeAuthorization(flowToken, params) {
      const result = await call<{ connection: Connection }>("POST", `${connector}/complete`, { flowToken, params: [...params.entries()] });
      return result.connection;
    },
    getConnection: async (id) => (await call<{ connection: Connection }>("GET", `${base}/connections/${encodeURIComponent(id)}`)).connection,
    testConnection: async (id) => {
      await call("POST", `${base}/connections/${encodeURIComponent(id)}/test`, {});
    },
    refreshConnection: async (id) => (await call<{ connection: Connection }>("POST", `${base}/connections/${encodeURIComponent(id)}/refresh`, {})).connection,
    deleteConnection: async (id) => {
      await call("DELETE", `${base}/connections/${encodeURIComponent(id)}`);
    },
    apiClient(connectionId) {
      const request = async (method: HttpMethod, path: string, requestOptions: ApiRequestOptions = {}) => {
        const result = await call<{ status: number; data: unknown }>("POST", `${base}/connections/${encodeURIComponent(connectionId)}/request`, {
          method,
          path,
          ...(requestOptions.query ? { query: requestOptions.query } : {}),
          ...(requestOptions.data === undefined ? {} : { data: requestOptions.data }),
        });
        return requestOptions.returnFullResponse ? { status: result.status, statusCode: result.status, headers: {}, data: result.data } : result.data;
      };
      return {
        request,
        get: (path, query, opts) => request("GET", path, { ...opts, ...(query ? { query } : {}) }),
        delete: (path, query, opts) => request("DELETE", path, { ...opts, ...(query ? { query } : {}) }),
        post: (path, data, opts) => request("POST", path, { ...opts, data }),
        put: (path, data, opts) => request("PUT", path, { ...opts, data }),
        patch: (path, data, opts) => request("PATCH", path, { ...opts, data }),
      };
    },
  };
  return runtime;
}
