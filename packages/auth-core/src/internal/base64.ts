/** Base64 helpers over UTF-8, for browser and Node alike (no Buffer, no btoa on raw strings). */

const encoder = new TextEncoder();

/** Standard base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5), as PKCE and JWT use. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Standard base64 of a string's UTF-8 octets (RFC 7617 charset="UTF-8"). */
export function utf8ToBase64(text: string): string {
  return bytesToBase64(encoder.encode(text));
}

/** base64url of a string's UTF-8 octets, no padding. */
export function utf8ToBase64Url(text: string): string {
  return bytesToBase64Url(encoder.encode(text));
}

/** Decodes base64 or base64url (padding optional) to bytes. */
export function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  const normalized = value.replace(/-/g, "+").replace(/_/g, "/");
  const padded = normalized + "=".repeat((4 - (normalized.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes base64/base64url to a UTF-8 string. */
export function base64ToUtf8(value: string): string {
  return new TextDecoder().decode(base64ToBytes(value));
}
