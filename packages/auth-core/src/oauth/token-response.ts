/**
 * Token endpoint response parsing (RFC 6749 §5.1, §5.2) hardened against real providers
 * (oauth-security.md §2.3 rules 20–21, §4 pitfalls 7–9, 13).
 */
import { ErrorKey, PlugboardError } from "../errors.ts";

/** The token response body: raw members as sent, with `expires_in` coerced and unknown members kept (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  /** As sent by the server (case preserved). */
  token_type?: string;
  /** `"Bearer"` when `token_type` is bearer in any case (RFC 6749 §5.1 is case-insensitive); else the raw value. */
  tokenType?: string;
  /** Seconds; a numeric string is coerced. Absent when missing, non-numeric, zero or negative (unknown: refresh on 401). */
  expires_in?: number;
  /** Absent when the server sent none (or `null`/`""`): keep the stored refresh token then (RFC 6749 §6). */
  refresh_token?: string;
  scope?: string;
  [member: string]: unknown;
}

/** `data` of the PlugboardError thrown for a failed token request. */
export interface TokenErrorData {
  status: number;
  error?: string;
  error_description?: string;
  error_uri?: string;
  /** The parsed body (token-like members redacted), or up to 2000 characters of an unparseable body. */
  body?: unknown;
}

const SECRET_MEMBERS = ["access_token", "refresh_token", "id_token"];
const BODY_SNIPPET_LENGTH = 2000;
const NUMERIC = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Parses a token endpoint response (authorization_code, refresh_token, client_credentials grants).
 *
 * Accepts JSON and `application/x-www-form-urlencoded` bodies (GitHub without `Accept: application/json`),
 * whatever the Content-Type says. An `error` member fails the call even with HTTP 200 (GitHub, Slack), and is
 * checked before `access_token`. Errors: `access_denied` for `error=access_denied`, else `token_exchange_failed`.
 */
export async function parseTokenResponse(response: Response): Promise<TokenResponse> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new PlugboardError(ErrorKey.NETWORK_ERROR, { message: "Could not read the token response body.", cause, data: { status: response.status } });
  }
  const body = parseBody(text, response.headers.get("content-type") ?? "");
  const status = response.status;

  const error = body?.error;
  if (body && typeof error === "string" && error !== "") {
    const data: TokenErrorData = { status, error, body: redact(body) };
    if (typeof body.error_description === "string") data.error_description = body.error_description;
    if (typeof body.error_uri === "string") data.error_uri = body.error_uri;
    throw new PlugboardError(error === "access_denied" ? ErrorKey.ACCESS_DENIED : ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: `The token endpoint returned "${error}"${data.error_description ? `: ${data.error_description}` : ""} (HTTP ${status}).`,
      data,
    });
  }
  if (status < 200 || status > 299) {
    throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: `The token endpoint answered HTTP ${status}.`,
      data: { status, body: body ? redact(body) : snippet(text) } satisfies TokenErrorData,
    });
  }
  if (!body) {
    throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: "The token response is neither a JSON object nor form-encoded.",
      data: { status, body: snippet(text) } satisfies TokenErrorData,
    });
  }
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: 'The token response has no "access_token".',
      data: { status, body: redact(body) } satisfies TokenErrorData,
    });
  }

  const result: TokenResponse = { ...body, access_token: body.access_token };
  normalizeOptionalString(result, "refresh_token", status);
  normalizeOptionalString(result, "token_type", status);
  if (Array.isArray(result.scope) && result.scope.every((item) => typeof item === "string")) result.scope = result.scope.join(" ");
  normalizeOptionalString(result, "scope", status);

  const expiresIn = coerceExpiresIn(body.expires_in);
  if (expiresIn === undefined) delete result.expires_in;
  else result.expires_in = expiresIn;

  if (result.token_type !== undefined) {
    result.tokenType = result.token_type.toLowerCase() === "bearer" ? "Bearer" : result.token_type;
  }
  return result;
}

/** `now + expires_in` in epoch ms (RFC 6749 §5.1, computed on arrival); `undefined` when the lifetime is unknown. */
export function computeExpiresAt(expiresIn: number | undefined, now: number): number | undefined {
  if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  return now + expiresIn * 1000;
}

/**
 * True when the token is expired or expires within `marginMs` (refresh early). An unknown `expiresAt`
 * is never "expired": refresh on a 401 instead. A negative margin is rejected (pitfall 17).
 */
export function isExpired(expiresAt: number | undefined, now: number, marginMs = 0): boolean {
  if (typeof marginMs !== "number" || !Number.isFinite(marginMs) || marginMs < 0) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `The expiry margin must be a non-negative number of milliseconds, got ${String(marginMs)}.` });
  }
  if (expiresAt === undefined) return false;
  return now + marginMs >= expiresAt;
}

/** A string or number `expires_in` as seconds, or `undefined` for missing, non-numeric, zero or negative values. */
function coerceExpiresIn(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string" && NUMERIC.test(value)) seconds = Number(value);
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** Drops `null`/`""`; rejects any other non-string (oauthlib and oauth4webapi do the same). */
function normalizeOptionalString(result: TokenResponse, member: "refresh_token" | "token_type" | "scope", status: number): void {
  const value = result[member];
  if (value === undefined || value === null || value === "") {
    delete result[member];
    return;
  }
  if (typeof value !== "string") {
    throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: `The token response member "${member}" must be a string.`,
      data: { status, body: redact(result) } satisfies TokenErrorData,
    });
  }
}

function parseBody(text: string, contentType: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const type = contentType.toLowerCase();
  if (trimmed.startsWith("{") || /[/+]json\b/.test(type)) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      if (trimmed.startsWith("{")) return undefined;
    }
  }
  // Form bodies, also when mislabelled as text/plain or JSON (pitfall 7).
  if (type.includes("application/x-www-form-urlencoded") || /^[^=&\s<>{}"]+=[^\s<>]*$/.test(trimmed)) {
    const result: Record<string, unknown> = {};
    for (const [name, value] of new URLSearchParams(trimmed)) {
      if (!Object.prototype.hasOwnProperty.call(result, name)) result[name] = value;
    }
    return result;
  }
  return undefined;
}

function redact(body: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  for (const member of SECRET_MEMBERS) {
    if (copy[member] !== undefined && copy[member] !== null) copy[member] = "[redacted]";
  }
  return copy;
}

function snippet(text: string): string {
  return text.length > BODY_SNIPPET_LENGTH ? `${text.slice(0, BODY_SNIPPET_LENGTH)}…` : text;
}
