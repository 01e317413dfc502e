/**
 * Authorization response validation for the code flow (RFC 6749 §4.1.2, RFC 9700 §2.1, RFC 9207).
 * Order (oauth-security.md §2.1): duplicates, then `state`, then `iss`, then `error`, then `code`.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { callbackSearchParams } from "./callback-search-params.ts";
import { timingSafeEqual } from "./constant-time.ts";

export interface ExpectedCallback {
  /** The `state` sent in the authorization request, or `undefined` if none was sent. */
  state: string | undefined;
  /** The authorization server's issuer identifier (RFC 9207 §2.4). Compared exactly when `iss` is present. */
  issuer?: string;
  /** Reject a response without `iss`, e.g. when metadata has `authorization_response_iss_parameter_supported: true`. */
  requireIssuer?: boolean;
}

export interface AuthorizationCallback {
  code: string;
  /** Every response parameter (each appears once), including `code`, `state` and `iss`. */
  params: Record<string, string>;
}

/** Error details carried in `data` when the authorization server redirected with `error=` (RFC 6749 §4.1.2.1). */
export interface AuthorizationErrorData {
  error: string;
  error_description?: string;
  error_uri?: string;
}

/**
 * Validates an authorization response and returns the code.
 *
 * `input` is the callback URL (its query is read), a query string (`?a=b` or `a=b`), a fragment string
 * starting with `#`, or URLSearchParams. Parameters are decoded as application/x-www-form-urlencoded,
 * so `+` and `%20` both mean a space.
 */
export function parseAuthorizationCallback(input: URL | string | URLSearchParams, expected: ExpectedCallback): AuthorizationCallback {
  if (expected.state === "") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The expected state must be a non-empty string or undefined." });
  }
  if (expected.requireIssuer && !expected.issuer) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "requireIssuer needs the expected issuer." });
  }
  const search = callbackSearchParams(input);

  // Rule 4 / RFC 6749 §3.1: parameters must not be included more than once.
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (Object.prototype.hasOwnProperty.call(params, name)) {
      throw new PlugboardError(ErrorKey.DUPLICATE_PARAMETER, {
        message: `The authorization response parameter "${name}" must be provided only once.`,
        data: { parameter: name },
      });
    }
    params[name] = value;
  }
  const get = (name: string): string | undefined => (Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined);

  // Rules 1–3: state is checked before anything else, including `error=`.
  const state = get("state");
  if (expected.state !== undefined) {
    if (state === undefined || state === "") {
      throw new PlugboardError(ErrorKey.STATE_MISSING, { message: 'The authorization response has no "state" parameter.' });
    }
    if (!timingSafeEqual(state, expected.state)) {
      throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: 'The authorization response "state" does not match this flow.' });
    }
  } else if (state !== undefined) {
    throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: 'Unexpected "state" parameter: this flow did not send one.' });
  }

  // Rule 7 / RFC 9207 §2.4: mix-up defence.
  const iss = get("iss");
  if (iss !== undefined && expected.issuer !== undefined && iss !== expected.issuer) {
    throw new PlugboardError(ErrorKey.ISSUER_MISMATCH, {
      message: `Unexpected "iss" in the authorization response: expected ${expected.issuer}, got ${iss}.`,
      data: { expected: expected.issuer, actual: iss },
    });
  }
  if (iss === undefined && expected.requireIssuer) {
    throw new PlugboardError(ErrorKey.ISSUER_MISMATCH, {
      message: `The "iss" parameter is missing from the authorization response, but ${expected.issuer} must send it (RFC 9207).`,
      data: { expected: expected.issuer, actual: undefined, missing: true },
    });
  }

  // RFC 6749 §4.1.2.1 error response.
  const error = get("error");
  if (error !== undefined) {
    const data: AuthorizationErrorData = { error };
    const description = get("error_description");
    const uri = get("error_uri");
    if (description !== undefined) data.error_description = description;
    if (uri !== undefined) data.error_uri = uri;
    const key = error === "access_denied" ? ErrorKey.ACCESS_DENIED : ErrorKey.TOKEN_EXCHANGE_FAILED;
    throw new PlugboardError(key, {
      message: `The authorization server returned "${error}"${description ? `: ${description}` : "."}`,
      data,
    });
  }

  const code = get("code");
  if (code === undefined || code === "") {
    throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: 'The authorization response has neither a "code" nor an "error" parameter.',
    });
  }
  return { code, params };
}
