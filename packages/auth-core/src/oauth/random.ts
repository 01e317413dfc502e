/** Random values for OAuth flows, from `crypto.getRandomValues` only. */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { bytesToBase64Url } from "../internal/base64.ts";

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)));
  }
  return bytes;
}

/** A fresh OAuth 2 `state`: 32 random bytes, base64url without padding (43 chars, 256 bits; RFC 9700 §2.1). */
export function generateRandomState(): string {
  return bytesToBase64Url(randomBytes(32));
}

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Bytes at or above this value are rejected so that `byte % 62` stays uniform. */
const NONCE_BYTE_LIMIT = 256 - (256 % NONCE_ALPHABET.length);

/**
 * A fresh OAuth 1 `oauth_nonce` (RFC 5849 §3.3): alphanumeric only, so it needs no encoding and passes
 * strict servers (oauthlib's default accepts 20–30 alphanumerics). The default 24 chars carry ~143 bits.
 */
export function generateNonce(length = 24): string {
  if (!Number.isInteger(length) || length < 8 || length > 256) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Nonce length must be an integer from 8 to 256, got ${length}.` });
  }
  let nonce = "";
  while (nonce.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < NONCE_BYTE_LIMIT) nonce += NONCE_ALPHABET[byte % NONCE_ALPHABET.length];
      if (nonce.length === length) break;
    }
  }
  return nonce;
}
