/**
 * The fetch-based ApiClient every connector gets from makeApiClient.
 *
 * Defaults (reference §2.2): 2xx → body; 401 → `access_token_expired` (refresh once, retry);
 * 429 → `rate_limit_exceeded` (bounded exponential backoff, honours Retry-After); anything else
 * → `api_request_failed` carrying status and body. `responseHandlers` run before the defaults.
 */
import { ConnectionError, ErrorKey, isPlugboardError, PlugboardError } from "../errors.ts";
import { utf8ToBase64 } from "../internal/base64.ts";
import type { ApiClientConfig, BasicAuth } from "./client-config.ts";
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
  /**
   * Called per request, so refreshed credentials take effect on the next call. Per-config work
   * (default headers, Basic auth, default query) is cached by object identity: return a new
   * object when the config changes instead of mutating the previous one.
   */
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

  // One async function per call (no per-attempt helper): every extra await layer costs a promise
  // and a resume on each request.
  async function request(method: HttpMethod, path: string, request: ApiRequestOptions = {}): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      // Skip the await (a microtask hop) when the config is already at hand.
      const pending = options.resolveConfig();
      const config = isPromiseLike(pending) ? await pending : pending;
      let url: string;
      let init: RequestInit;
      if (options.authorizeRequest || request.headers || (request.data !== undefined && request.data !== null)) {
        const outgoing = buildRequest(config, method, path, request);
        if (options.authorizeRequest) await options.authorizeRequest(outgoing);
        url = outgoing.url;
        init = { method, headers: outgoing.headers, body: outgoing.body };
      } else {
        // The common case (no per-call headers, no body, no signing): URL and headers from what
        // is prepared once per config, instead of building URL and Headers objects per request.
        const prepared = preparedConfig(config);
        url = prepared.url(path, request.query);
        init = { method, headers: prepared.defaultHeaders(), body: undefined };
      }
      if (request.signal) init.signal = request.signal;

      const started = options.onRequest ? now() : 0;
      let raw: Response;
      try {
        raw = await fetchImpl(url, init);
      } catch (error) {
        options.onRequest?.({ method, url, durationMs: now() - started, error: String(error) });
        if (request.signal?.aborted) throw new PlugboardError(ErrorKey.CANCELLED, { message: "The request was cancelled.", cause: error });
        throw new ConnectionError(ErrorKey.NETWORK_ERROR, {
          message: `Could not reach ${method} ${url}: ${error instanceof Error ? error.message : String(error)}`,
          data: { method, url },
          cause: error,
        });
      }
      const response = toApiResponse(raw, request.responseType === "arraybuffer" ? await raw.arrayBuffer() : await raw.text(), request.responseType);
      options.onRequest?.({ method, url, status: response.status, durationMs: now() - started });
      let handled = config.handleResponse ? config.handleResponse(response) : undefined;
      if (isPromiseLike(handled)) handled = await handled;
      const outcome = handled ?? defaultOutcome(response, method, url);

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

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
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
  const url = preparedConfig(config).url(path, request.query);

  const headers = new Headers();
  for (const [name, value] of Object.entries(config.headers)) headers.set(name, value);
  if (request.headers) for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
  if (config.auth && !headers.has("authorization")) headers.set("authorization", basicAuthorization(config.auth));
  if (!headers.has("accept")) headers.set("accept", "application/json");

  const { body, formParams } = encodeBody(request.data, headers);
  return { method, url, headers, body, ...(formParams ? { formParams } : {}) };
}

const MAX_CACHED_PATHS = 100;

/**
 * What requests need from a config regardless of the call, computed on first use and cached per
 * config object. Each part is computed separately, so errors (invalid URL, header or query
 * value) surface in the same order, and on every request, as when nothing was cached.
 */
class PreparedConfig {
  /** `new URL(baseUri + path).href` per path requested so far. Bounded: paths may embed ids. */
  private readonly hrefs = new Map<string, string>();
  /** The config's query as form-encoded `name=value` strings ("" for an empty array), in order. */
  private query: Array<{ name: string; pair: string }> | undefined;
  private headers: Record<string, string> | undefined;

  constructor(private readonly config: ApiClientConfig) {}

  /**
   * The request URL: `baseUri` + `path`, then the config's query, then the call's query (which
   * replaces config parameters of the same name). Same result as appending both to
   * `URL.searchParams` (the reference in the tests), without re-serializing the URL per parameter.
   */
  url(path: string, requestQuery: Record<string, unknown> | undefined): string {
    let href = this.hrefs.get(path);
    if (href === undefined) {
      href = new URL(joinUrl(this.config.baseUri, path)).href;
      if (this.hrefs.size >= MAX_CACHED_PATHS) this.hrefs.clear();
      this.hrefs.set(path, href);
    }
    this.query ??= queryEntries(this.config.query).map(([name, value]) => ({ name, pair: encodePair(name, value) }));
    const extra = requestQuery ? queryEntries(requestQuery) : [];
    if (this.query.length === 0 && extra.length === 0) return href;
    if (href.includes("?") || href.includes("#")) {
      // The path brings its own query or fragment (rare): let URLSearchParams merge them.
      const url = new URL(joinUrl(this.config.baseUri, path));
      appendQuery(url.searchParams, this.config.query);
      if (requestQuery) appendQuery(url.searchParams, requestQuery);
      return url.href;
    }
    let search = "";
    for (const { name, pair } of this.query) {
      if (pair && !extra.some(([extraName]) => extraName === name)) search += search ? `&${pair}` : pair;
    }
    for (const [name, value] of extra) {
      const pair = encodePair(name, value);
      if (pair) search += search ? `&${pair}` : pair;
    }
    return search ? `${href}?${search}` : href;
  }

  /**
   * The headers of a request without per-call headers or body (what buildRequest would send), as
   * a fresh plain object: cheaper to build, and for fetch to read, than a Headers object.
   */
  defaultHeaders(): Record<string, string> {
    this.headers ??= this.validatedHeaders();
    return { ...this.headers };
  }

  private validatedHeaders(): Record<string, string> {
    // Same steps as buildRequest. A Headers object validates and normalizes each value (same
    // TypeErrors); the map keeps what fetch would send from it: per lower-cased name, the first
    // position and the last name and value set.
    const check = new Headers();
    const byName = new Map<string, [string, string]>();
    const set = (name: string, value: string) => {
      check.set(name, value);
      byName.set(name.toLowerCase(), [name, check.get(name) ?? ""]);
    };
    for (const [name, value] of Object.entries(this.config.headers)) set(name, value);
    if (this.config.auth && !byName.has("authorization")) set("authorization", basicAuthorization(this.config.auth));
    if (!byName.has("accept")) set("accept", "application/json");
    return Object.fromEntries(byName.values());
  }
}

const preparedConfigs = new WeakMap<ApiClientConfig, PreparedConfig>();

function preparedConfig(config: ApiClientConfig): PreparedConfig {
  let prepared = preparedConfigs.get(config);
  if (!prepared) {
    prepared = new PreparedConfig(config);
    preparedConfigs.set(config, prepared);
  }
  return prepared;
}

function basicAuthorization(auth: BasicAuth): string {
  return `Basic ${utf8ToBase64(`${auth.username ?? ""}:${auth.password ?? ""}`)}`;
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

/** The parameters a query object sends: undefined and null values are skipped (they do not replace a default either). */
function queryEntries(query: Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value !== undefined && value !== null) entries.push([name, value]);
  }
  return entries;
}

/** `name=value` form-encoded; array values repeat the name; "" when an array has no values. */
function encodePair(name: string, value: unknown): string {
  if (!Array.isArray(value)) return `${formEncode(name)}=${formEncode(stringify(value))}`;
  let out = "";
  for (const item of value) {
    if (item === undefined || item === null) continue;
    const pair = `${formEncode(name)}=${formEncode(stringify(item))}`;
    out += out ? `&${pair}` : pair;
  }
  return out;
}

/** The application/x-www-form-urlencoded serializer of one string (what URLSearchParams#toString does). */
function formEncode(text: string): string {
  if (isFormSafe(text)) return text;
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // Lone surrogates: URLSearchParams turns them into U+FFFD.
    return new URLSearchParams([["", text]]).toString().slice(1);
  }
  // encodeURIComponent leaves ! ' ( ) ~ alone and writes spaces as %20; form encoding does not.
  return encoded.replace(/%20|[!'()~]/g, (match) => (match === "%20" ? "+" : `%${match.charCodeAt(0).toString(16).toUpperCase()}`));
}

/** Whether form encoding leaves the text as it is: only ASCII letters, digits and `*-._` (a loop: cheaper than a regex for short names and values). */
function isFormSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const safe = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f;
    if (!safe) return false;
  }
  return true;
}

function appendQuery(params: URLSearchParams, query: Record<string, unknown>): void {
  for (const [name, value] of queryEntries(query)) {
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
  return toApiResponse(raw, responseType === "arraybuffer" ? await raw.arrayBuffer() : await raw.text(), responseType);
}

/** readResponse once the body is read (the client reads it itself: one async function less per request). */
function toApiResponse(raw: Response, body: string | ArrayBuffer, responseType: ApiRequestOptions["responseType"]): ApiResponse {
  let data: unknown = body;
  if (body === "") data = undefined;
  else if (typeof body === "string") {
    // JSON when asked for, when it looks like JSON (no responseType) or when the Content-Type says
    // so; the header is looked up last, only when the text alone does not decide.
    const isJson = responseType === "json" || (responseType === undefined && looksLikeJson(body)) || /[/+]json\b/i.test(raw.headers.get("content-type") ?? "");
    if (isJson) {
      try {
        data = JSON.parse(body) as unknown;
      } catch {
        data = body;
      }
    }
  }
  const status = raw.status;
  const response = { status, statusCode: status } as ApiResponse;
  Object.defineProperty(response, "headers", headersProperty);
  response.data = data;
  // Not enumerable: spreads and JSON do not carry it.
  Object.defineProperty(response, pendingHeaders, { value: { raw: raw.headers } });
  return response;
}

/** `/^\s*[[{]/.test(text)`, without running the regex when the first character decides. */
function looksLikeJson(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x7b || first === 0x5b) return true;
  // Every \s character is at most U+0020 or at least U+00A0.
  return (first <= 0x20 || first >= 0xa0) && /^\s*[[{]/.test(text);
}

/** Where a response keeps fetch's Headers until its `headers` are first read. */
const pendingHeaders = Symbol("pendingHeaders");

interface HeadersSlot {
  raw?: Headers | undefined;
  copy?: Record<string, string>;
}

/**
 * `ApiResponse.headers` (lower-cased names), copied from fetch's Headers on first read: most
 * responses are never asked for their headers, and iterating a Headers object sorts and combines
 * its list, several µs per response in Node 20. An own enumerable accessor, so spreads, JSON and
 * formulas see it as a plain property. One shared descriptor keeps response objects in V8's fast
 * mode (an object literal with `get headers()` does not, and then costs more than the copy).
 */
const headersProperty: PropertyDescriptor & ThisType<{ [pendingHeaders]: HeadersSlot }> = {
  get() {
    const slot = this[pendingHeaders];
    if (slot.raw) {
      const copy: Record<string, string> = {};
      for (const [name, value] of slot.raw) copy[name.toLowerCase()] = value;
      slot.copy = copy;
      slot.raw = undefined;
    }
    return slot.copy;
  },
  set(value: Record<string, string>) {
    const slot = this[pendingHeaders];
    slot.raw = undefined;
    slot.copy = value;
  },
  enumerable: true,
  configurable: true,
};
