/**
 * The makeApiClient output, normalized. Specs write it several ways (reference §2.2):
 * top-level fields or wrapped in `args:`, `baseUri` or `baseUrl`, `query` or
 * `defaultQueryParameters`. Everything downstream sees one shape.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";

export interface BasicAuth {
  username?: string;
  password?: string;
}

/** One `responseHandlers[]` entry, still as formulas (evaluated per response). */
export interface ResponseHandlerSpec {
  match?: unknown;
  isSuccess?: unknown;
  data?: unknown;
  error?: unknown;
}

export interface ApiClientConfig {
  baseUri?: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  auth?: BasicAuth;
}

interface SplitMapping {
  clientMapping: unknown;
  responseHandlers: ResponseHandlerSpec[];
}

// One split per mapping object, so the formula compile cache (keyed by identity) keeps hitting.
const splitCache = new WeakMap<object, SplitMapping>();

/** Splits a raw makeApiClient mapping so `responseHandlers` is compiled apart: its formulas read `response`, which only exists per request. */
export function splitResponseHandlers(mapping: unknown): SplitMapping {
  if (!isPlainObject(mapping)) return { clientMapping: mapping, responseHandlers: [] };
  let split = splitCache.get(mapping);
  if (!split) {
    split = splitOnce(mapping);
    splitCache.set(mapping, split);
  }
  return split;
}

function splitOnce(mapping: Record<string, unknown>): SplitMapping {
  if (isPlainObject(mapping.args)) {
    const { responseHandlers, ...args } = mapping.args;
    return { clientMapping: { ...mapping, args }, responseHandlers: toHandlerList(responseHandlers) };
  }
  const { responseHandlers, ...rest } = mapping;
  return { clientMapping: rest, responseHandlers: toHandlerList(responseHandlers) };
}

/** Normalizes an evaluated makeApiClient result (aliases, `args:` wrapper, header values as strings). */
export function normalizeApiClientConfig(value: unknown): ApiClientConfig & { responseHandlers: ResponseHandlerSpec[] } {
  if (value === undefined || value === null) return { headers: {}, query: {}, responseHandlers: [] };
  if (!isPlainObject(value)) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `makeApiClient must return an object with baseUri, headers, query, auth or responseHandlers; got ${describe(value)}.`,
    });
  }
  const source = isPlainObject(value.args) ? value.args : value;
  const baseUri = source.baseUri ?? source.baseUrl;
  if (baseUri !== undefined && typeof baseUri !== "string") {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: `makeApiClient baseUri must be a string; got ${describe(baseUri)}.` });
  }
  const headers: Record<string, string> = {};
  const rawHeaders = source.headers;
  if (isPlainObject(rawHeaders)) {
    for (const [name, headerValue] of Object.entries(rawHeaders)) {
      if (headerValue === undefined || headerValue === null) continue;
      headers[name] = typeof headerValue === "string" ? headerValue : JSON.stringify(headerValue);
    }
  }
  const rawQuery = source.query ?? source.defaultQueryParameters;
  const query = isPlainObject(rawQuery) ? { ...rawQuery } : {};
  const auth = isPlainObject(source.auth) ? (source.auth as BasicAuth) : undefined;
  return {
    ...(baseUri === undefined ? {} : { baseUri }),
    headers,
    query,
    ...(auth ? { auth } : {}),
    responseHandlers: toHandlerList(source.responseHandlers),
  };
}

function toHandlerList(value: unknown): ResponseHandlerSpec[] {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  return value === null ? "null" : typeof value;
}
