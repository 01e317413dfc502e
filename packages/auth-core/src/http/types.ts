/** The HTTP client handed to connector methods and to the host app. */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ApiRequestOptions {
  /** Extra query parameters, merged over the client's defaults. Arrays repeat the key. */
  query?: Record<string, unknown>;
  /** Extra headers, merged over the client's defaults. */
  headers?: Record<string, string>;
  /** Request body: objects are sent as JSON unless a Content-Type says otherwise. */
  data?: unknown;
  /** Return `{status, statusCode, headers, data}` instead of just the body. */
  returnFullResponse?: boolean;
  /** How to read the body; defaults to JSON when the response says so, else text. */
  responseType?: "json" | "text" | "arraybuffer";
  signal?: AbortSignal;
}

export interface ApiResponse<T = unknown> {
  status: number;
  /** Alias of `status`, as rest-api-mapping exposes it. */
  statusCode: number;
  headers: Record<string, string>;
  data: T;
}

export interface ApiClient {
  request(method: HttpMethod, path: string, options?: ApiRequestOptions): Promise<unknown>;
  get(path: string, query?: Record<string, unknown>, options?: ApiRequestOptions): Promise<unknown>;
  post(path: string, data?: unknown, options?: ApiRequestOptions): Promise<unknown>;
  put(path: string, data?: unknown, options?: ApiRequestOptions): Promise<unknown>;
  patch(path: string, data?: unknown, options?: ApiRequestOptions): Promise<unknown>;
  delete(path: string, query?: Record<string, unknown>, options?: ApiRequestOptions): Promise<unknown>;
}
