/** Client authentication helpers: `client_secret_basic` (RFC 6749 §2.3.1) and plain HTTP Basic (RFC 7617). */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { utf8ToBase64 } from "../internal/base64.ts";

/**
 * application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B), as the WHATWG URL
 * standard serializes it (URLSearchParams): UTF-8, space ⇒ `+`, only `*-._` and alphanumerics kept.
 */
export function formUrlEncode(value: string): string {
  assertWellFormed(value, "value");
  return new URLSearchParams([["", value]]).toString().slice(1);
}

/**
 * `Authorization` header value for `client_secret_basic` (RFC 6749 §2.3.1): client id and secret are each
 * form-urlencoded, joined with `:`, and the UTF-8 octets are base64-encoded.
 */
export function encodeClientSecretBasic(clientId: string, clientSecret: string): string {
  return `Basic ${utf8ToBase64(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`)}`;
}

/**
 * `Authorization` header value for raw HTTP Basic (RFC 7617 §2, charset="UTF-8"): no form-encoding.
 * Use for API Basic auth and for servers that do not decode `client_secret_basic` credentials.
 */
export function encodeBasicCredentials(userId: string, password: string): string {
  assertWellFormed(userId, "user-id");
  assertWellFormed(password, "password");
  if (userId.includes(":")) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: 'An HTTP Basic user-id cannot contain ":" (RFC 7617 §2).' });
  }
  return `Basic ${utf8ToBase64(`${userId}:${password}`)}`;
}

function assertWellFormed(value: string, what: string): void {
  // A lone surrogate has no UTF-8 encoding; TextEncoder would silently turn it into U+FFFD.
  if (typeof value !== "string" || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `The ${what} must be a well-formed Unicode string.` });
  }
}
