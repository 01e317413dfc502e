/**
 * The fetch-based ApiClient every connector gets from makeApiClient.
 *
 * Defaults (reference §2.2): 2xx → body; 401 → `access_token_expired` (refresh once, retry);
 * 429 → `rate_limit_exceeded` (bounded exponential backoff, honours Retry-After); anything else
 * → `api_request_failed` carrying status and body. `responseHandlers` run before the defaults.
 */
import { ConnectionError, ErrorKey, isPlugboardError, PlugboardError } from "../errors.ts";
import { utf8ToBase64 } from "../internal/base64.ts";
import type { ApiClientConfig } from "./client-config.ts";
import type { ApiClient, ApiRequestOptions, ApiResponse, FetchLike, HttpMethod } from "./types.ts";

/** What a matching response handler decided. */
export type HandlerOutcome =
  | { success: true; data: unknown }
  | { success: false; key: ErrorKey; message: string; data?: unknown };

export interface ResolvedClientConfig extends ApiClientConfig {
  /** Runs `responseHandlers`; returns undefined when none matched. */
  handleResponse?: (response: ApiResponse) => HandlerOutcome | undefined | Promise<HandlerOutcome | undefined>;
}

/** A request about to be sent; `authorizeRequest` may add headers (OAuth1 signature, platform token). */
export interface OutgoingRequest {
  method: HttpMethod;
  url: string;
  headers: Headers;
  body: BodyInit | undefined;
  /** Form parameters when the body is form-encoded (OAuth1 signs them). */
  formParams?: Record<string, string | string[]>;
}

export interface RetryOptions {
  /** Retries after a 429 before giving up with `rate_limit_exceeded`. Default 3. */
  maxRetries?: number;
  /** First backoff delay; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound for one wait, also for Retry-After. Default 10 s. */
  maxDelayMs?: number;
}

export interface RequestLogEntry {
  method: HttpMethod;
  url: string;
  status?: number;
  durationMs: number;
  error?: string;
}

export interface ApiClientOptions {
  /** Called per request, so refreshed credentials take effect on the next call. */
  resolveConfig: () => ResolvedClientConfig | Promise<ResolvedClientConfig>;
  fetch?: FetchLike;
  /**
   * Refreshes credentials; without it a 401 is final. Gets the config the failed request used, so
   * a caller that already refreshed since (concurrent 401s) can return at once: single flight.
   */
  refreshCredentials?: (staleConfig: ResolvedClientConfig) => Promise<void>;
  authorizeRequest?: (request: OutgoingRequest) => void | Promise<void>;
  retry?: RetryOptions;
  sleep?: (ms: number) => Promise<void>;
  onRequest?: (entry: RequestLogEntry) => void;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => Date.now());
  const maxRetries = options.retry?.maxRetries ?? 3;
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 10_000;

  async function sendOnce(
    method: HttpMethod,
    path: string,
    request: ApiRequestOptions,
  ): Promise<{ response: ApiResponse; outcome: HandlerOutcome; url: string; config: ResolvedClientConfig }> {
    const config = await options.resolveConfig();
    const outgoing = buildRequest(config, method, path, request);
    if (options.authorizeRequest) await options.authorizeRequest(outgoing);
    const started = now();
    let raw: Response;
    try {
      raw = await fetchImpl(outgoing.url, {
        method,
        headers: outgoing.headers,
        body: outgoing.body,
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      options.onRequest?.({ method, url: outgoing.url, durationMs: now() - started, error: String(error) });
      if (request.signal?.aborted) throw new PlugboardError(ErrorKey.CANCELLED, { message: "The request was cancelled.", cause: error });
      throw new ConnectionError(ErrorKey.NETWORK_ERROR, {
        message: `Could not reach ${method} ${outgoing.url}: ${error instanceof Error ? error.message : String(error)}`,
        data: { method, url: outgoing.url },
        cause: error,
      });
    }
    const response = await readResponse(raw, request.responseType);
    options.onRequest?.({ method, url: outgoing.url, status: response.status, durationMs: now() - started });
    const handled = config.handleResponse ? await config.handleResponse(response) : undefined;
    return { response, outcome: handled ?? defaultOutcome(response, method, outgoing.url), url: outgoing.url, config };
  }

  async function request(method: HttpMethod, path: string, request: ApiRequestOptions = {}): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const { response, outcome, url, config } = await sendOnce(method, path, request);
      if (outcome.success) return request.returnFullResponse ? { ...response, data: outcome.data } : outcome.data;

      if (outcome.key === ErrorKey.ACCESS_TOKEN_EXPIRED && options.refreshCredentials && !refreshed) {
        refreshed = true;
        await refreshOrFail(() => options.refreshCredentials!(config));
        continue;
      }
      if (outcome.key === ErrorKey.RATE_LIMIT_EXCEEDED && attempt < maxRetries) {
        await sleep(backoffDelay(response, attempt, baseDelayMs, maxDelayMs));
        continue;
      }
      throw new ConnectionError(outcome.key, {
        message: outcome.message,
        data: { status: response.status, method, url, body: response.data, ...(outcome.data === undefined ? {} : { details: outcome.data }) },
      });
    }
  }

  return {
    request,
    get: (path, query, opts) => request("GET", path, { ...opts, query: { ...opts?.query, ...query } }),
    delete: (path, query, opts) => request("DELETE", path, { ...opts, query: { ...opts?.query, ...query } }),
    post: (path, data, opts) => request("POST", path, { ...opts, data }),
    put: (path, data, opts) => request("PUT", path, { ...opts, data }),
    patch: (path, data, opts) => request("PATCH", path, { ...opts, data }),
  };
}

/** Runs a refresh; anything but a network problem means the credentials are unusable now. */
export async function refreshOrFail(refresh: () => Promise<unknown>): Promise<void> {
  try {
    await refresh();
  } catch (error) {
    if (isPlugboardError(error) && (error.key === ErrorKey.NETWORK_ERROR || error.key === ErrorKey.CONNECTION_IS_DEFUNCT)) throw error;
    throw new ConnectionError(ErrorKey.CONNECTION_IS_DEFUNCT, {
      message: `The access token expired and refreshing it failed: ${error instanceof Error ? error.message : String(error)}. Reconnect to continue.`,
      cause: error,
    });
  }
}

function defaultOutcome(response: ApiResponse, method: HttpMethod, url: string): HandlerOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { success: true, data: response.data };
  if (status === 401) {
    return { success: false, key: ErrorKey.ACCESS_TOKEN_EXPIRED, message: `${method} ${url} answered 401 Unauthorized: the credentials were rejected or have expired.` };
  }
  if (status === 429) {
    return { success: false, key: ErrorKey.RATE_LIMIT_EXCEEDED, message: `${method} ${url} answered 429 Too Many Requests: the API rate limit was exceeded.` };
  }
  return { success: false, key: ErrorKey.API_REQUEST_FAILED, message: `${method} ${url} failed with HTTP ${status}${summarizeBody(response.data)}.` };
}

function summarizeBody(body: unknown): string {
  if (body === undefined || body === null || body === "") return "";
  if (typeof body === "object") {
    const record = body as Record<string, unknown>;
    const detail = record.message ?? record.error_description ?? record.error;
    if (typeof detail === "string") return `: ${detail}`;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function backoffDelay(response: ApiResponse, attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const retryAfter = response.headers["retry-after"];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxDelayMs);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.min(Math.max(0, date - Date.now()), maxDelayMs);
  }
  return Math.min(baseDelayMs * 2 ** attempt, maxDelayMs);
}

/** Builds the URL, headers and body for one request from the client config and call options. */
export function buildRequest(config: ApiClientConfig, method: HttpMethod, path: string, request: ApiRequestOptions): OutgoingRequest {
  const url = new URL(joinUrl(config.baseUri, path));
  appendQuery(url.searchParams, config.query);
  if (request.query) appendQuery(url.searchParams, request.query);

  const headers = new Headers();
  for (const [name, value] of Object.entries(config.headers)) headers.set(name, value);
  if (request.headers) for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
  if (config.auth && !headers.has("authorization")) {
    headers.set("authorization", `Basic ${utf8ToBase64(`${config.auth.username ?? ""}:${config.auth.password ?? ""}`)}`);
  }
  if (!headers.has("accept")) headers.set("accept", "application/json");

  const { body, formParams } = encodeBody(request.data, headers);
  return { method, url: url.toString(), headers, body, ...(formParams ? { formParams } : {}) };
}

function joinUrl(baseUri: string | undefined, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  if (!baseUri) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `Cannot request "${path}": makeApiClient set no baseUri, so paths must be absolute URLs.`,
    });
  }
  if (!path) return baseUri;
  return `${baseUri.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function appendQuery(params: URLSearchParams, query: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.delete(name);
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined && item !== null) params.append(name, stringify(item));
    } else {
      params.append(name, stringify(value));
    }
  }
}

function stringify(value: unknown): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function encodeBody(data: unknown, headers: Headers): { body: BodyInit | undefined; formParams?: Record<string, string | string[]> } {
  if (data === undefined || data === null) return { body: undefined };
  if (typeof data === "string" || data instanceof ArrayBuffer || ArrayBuffer.isView(data) || data instanceof Blob || data instanceof FormData) {
    return { body: data as BodyInit };
  }
  if (data instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
    return { body: data, formParams: collectForm(data) };
  }
  const contentType = headers.get("content-type") ?? "";
  if (contentType.includes("application/x-www-form-urlencoded") && typeof data === "object") {
    const params = new URLSearchParams();
    appendQuery(params, data as Record<string, unknown>);
    return { body: params.toString(), formParams: collectForm(params) };
  }
  if (!contentType) headers.set("content-type", "application/json");
  return { body: JSON.stringify(data) };
}

function collectForm(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    out[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

/** Reads status, headers (lower-cased names) and body; a body that is not what it claims is kept as text. */
export async function readResponse(raw: Response, responseType?: ApiRequestOptions["responseType"]): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  let data: unknown;
  if (responseType === "arraybuffer") {
    data = await raw.arrayBuffer();
  } else {
    const text = await raw.text();
    const isJson = responseType === "json" || /[/+]json\b/i.test(headers["content-type"] ?? "");
    data = text;
    if (text === "") data = undefined;
    else if (isJson || (responseType === undefined && /^\s*[[{]/.test(text))) {
      try {
        data = JSON.parse(text) as unknown;
      } catch {
        data = text;
      }
    }
  }
  return { status: raw.status, statusCode: raw.status, headers, data };
}
