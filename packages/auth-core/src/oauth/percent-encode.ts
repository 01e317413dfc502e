/** OAuth 1.0 percent-encoding (RFC 5849 §3.6). */
import { ErrorKey, PlugboardError } from "../errors.ts";

/**
 * RFC 5849 §3.6: UTF-8 encode, keep only unreserved `A-Z a-z 0-9 - . _ ~`, `%XX` upper-case hex for the rest.
 * Unlike `encodeURIComponent`, `!*'()` are encoded too.
 */
const UNRESERVED_ONLY = /^[A-Za-z0-9._~-]*$/;

export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value; // the common case: nothing to encode
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "Cannot percent-encode a string with a lone surrogate.", cause });
  }
  return encoded.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
