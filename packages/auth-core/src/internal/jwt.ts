/** Compact HS256 JWTs (RFC 7519) over crypto.subtle, for platform tokens. */
import { bytesToBase64Url, utf8ToBase64Url } from "./base64.ts";

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
  }
  return key;
}

export async function signJwtHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  const header = utf8ToBase64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = utf8ToBase64Url(JSON.stringify(claims));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${bytesToBase64Url(new Uint8Array(signature))}`;
}
