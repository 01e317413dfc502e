/**
 * Sealed tokens: AES-256-GCM encrypted, authenticated JSON with an expiry, keyed by the server
 * secret. They carry a pending OAuth flow (PKCE verifier, request-token secret, input) through the
 * browser without the browser being able to read or change it, so any server instance can finish
 * the flow: no server-side session store.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { base64ToBytes, bytesToBase64Url } from "../internal/base64.ts";

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", new TextEncoder().encode(`plugboard-seal:${secret}`))
      .then((digest) => crypto.subtle.importKey("raw", digest, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]));
    keys.set(secret, key);
  }
  return key;
}

export async function seal(payload: unknown, secret: string, options: { ttlSeconds: number; now: number }): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const exp = Math.floor(options.now / 1000) + options.ttlSeconds;
  const plaintext = new TextEncoder().encode(JSON.stringify({ p: payload, exp }));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFor(secret), plaintext));
  return `${bytesToBase64Url(iv)}.${bytesToBase64Url(ciphertext)}`;
}

export async function unseal<T>(token: string, secret: string, options: { now: number }): Promise<T> {
  const [ivPart, dataPart, extra] = token.split(".");
  if (!ivPart || !dataPart || extra !== undefined) throw tampered();
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: base64ToBytes(ivPart) }, await keyFor(secret), base64ToBytes(dataPart));
  } catch {
    throw tampered();
  }
  const { p, exp } = JSON.parse(new TextDecoder().decode(plaintext)) as { p: T; exp: number };
  if (Math.floor(options.now / 1000) > exp) {
    throw new PlugboardError(ErrorKey.STATE_EXPIRED, { message: "This sign-in attempt expired. Start connecting again." });
  }
  return p;
}

function tampered(): PlugboardError {
  return new PlugboardError(ErrorKey.STATE_MISMATCH, { message: "The sign-in flow token is invalid or was tampered with. Start connecting again." });
}
