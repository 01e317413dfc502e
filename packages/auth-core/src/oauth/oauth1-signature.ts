/**
 * OAuth 1.0a request signing (RFC 5849 §3): HMAC-SHA1/SHA256/SHA512, RSA-SHA1/SHA256, PLAINTEXT.
 * Server-side only: every method needs a consumer secret or a private key (oauth-security.md §2.3 rule 16).
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { base64ToBytes, bytesToBase64 } from "../internal/base64.ts";
import { percentEncode } from "./percent-encode.ts";
import { generateNonce } from "./random.ts";

export { percentEncode } from "./percent-encode.ts";

export type OAuth1SignatureMethod = "HMAC-SHA1" | "HMAC-SHA256" | "HMAC-SHA512" | "PLAINTEXT" | "RSA-SHA1" | "RSA-SHA256";

export const OAUTH1_SIGNATURE_METHODS: readonly OAuth1SignatureMethod[] = [
  "HMAC-SHA1",
  "HMAC-SHA256",
  "HMAC-SHA512",
  "PLAINTEXT",
  "RSA-SHA1",
  "RSA-SHA256",
];

/** One decoded name/value pair; repeated names are separate pairs. */
export type OAuth1Param = readonly [name: string, value: string];

export interface OAuth1SignRequest {
  method: string;
  /** Absolute http(s) URL; its query parameters are signed (RFC 5849 §3.4.1.3.1). */
  url: string;
  /**
   * Decoded `application/x-www-form-urlencoded` body parameters, which are signed. Do not pass JSON or
   * other bodies: they are not signed (§3.4.1.3.1).
   */
  params?: Record<string, string | string[]> | URLSearchParams;
  consumerKey: string;
  /** Unused by RSA methods (pass `""`). */
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  signatureMethod: OAuth1SignatureMethod;
  /** RSA methods: PEM PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). */
  privateKey?: string;
  /** Defaults to a fresh {@link generateNonce}. */
  nonce?: string;
  /** Epoch seconds; defaults to now. */
  timestamp?: string | number;
  /** Sent in the header only, never signed (§3.4.1.3.1). */
  realm?: string;
  /** `oauth_callback` for the temporary credentials request (§2.1). */
  callback?: string;
  /** `oauth_verifier` for the token credentials request (§2.3). */
  verifier?: string;
  /** Adds `oauth_version=1.0` (optional per §3.1; some servers require it). */
  includeVersion?: boolean;
}

export interface OAuth1SignedRequest {
  /** Decoded `oauth_signature` (base64 for HMAC/RSA). */
  signature: string;
  /** Complete `Authorization` header value: `OAuth realm="…", oauth_consumer_key="…", …, oauth_signature="…"`. */
  authorization: string;
  /** Signature base string (§3.4.1.1), also for PLAINTEXT, where it is not used. */
  baseString: string;
  /** Every `oauth_*` protocol parameter sent, decoded, including `oauth_signature`. */
  oauthParams: Record<string, string>;
}

/**
 * Base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, default port dropped, path kept as
 * sent (an empty path becomes `/`), query and fragment dropped. Uses the WHATWG URL parser, the same one
 * `fetch` uses, so the signed path is exactly what goes on the wire.
 */
export function normalizeBaseUri(url: string | URL): string {
  const parsed = parseHttpUrl(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname || "/"}`;
}

/** Request parameters normalization (RFC 5849 §3.4.1.3.2): encode, sort by name then value, join. */
export function normalizeParameters(params: Iterable<OAuth1Param>): string {
  const encoded = [...params].map(([name, value]) => [percentEncode(name), percentEncode(value)] as const);
  encoded.sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB));
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

/**
 * Signature base string (RFC 5849 §3.4.1.1). The query of `url` is decoded (form rules, `+` is a space)
 * and added to `params`, which must hold the form body and `oauth_*` parameters but not `realm` or
 * `oauth_signature`.
 */
export function buildSignatureBaseString(method: string, url: string | URL, params: Iterable<OAuth1Param>): string {
  const parsed = parseHttpUrl(url);
  const all: OAuth1Param[] = [...parsed.searchParams, ...params];
  return [percentEncode(method.toUpperCase()), percentEncode(normalizeBaseUri(parsed)), percentEncode(normalizeParameters(all))].join("&");
}

/** Signs a request and returns the `Authorization` header value (RFC 5849 §3.1, §3.5.1). */
export async function signOAuth1Request(request: OAuth1SignRequest): Promise<OAuth1SignedRequest> {
  const { signatureMethod } = request;
  if (!OAUTH1_SIGNATURE_METHODS.includes(signatureMethod)) {
    throw new PlugboardError(ErrorKey.NOT_SUPPORTED, { message: `Unsupported OAuth 1 signature method: ${String(signatureMethod)}.` });
  }
  if (typeof request.consumerKey !== "string" || request.consumerKey === "") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "OAuth 1 signing needs a consumer key." });
  }
  if (typeof request.method !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(request.method)) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Invalid HTTP method: ${String(request.method)}.` });
  }
  const url = parseHttpUrl(request.url);
  const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000));
  if (!/^\d+$/.test(timestamp)) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `oauth_timestamp must be a non-negative integer, got ${timestamp}.` });
  }

  // §3.1 protocol parameters, in the order the RFC's examples send them.
  const oauthParams: Record<string, string> = { oauth_consumer_key: request.consumerKey };
  if (request.token) oauthParams.oauth_token = request.token;
  oauthParams.oauth_signature_method = signatureMethod;
  oauthParams.oauth_timestamp = timestamp;
  oauthParams.oauth_nonce = request.nonce ?? generateNonce();
  if (request.includeVersion) oauthParams.oauth_version = "1.0";
  if (request.callback !== undefined) oauthParams.oauth_callback = request.callback;
  if (request.verifier !== undefined) oauthParams.oauth_verifier = request.verifier;

  const bodyParams = toPairs(request.params);
  // A protocol parameter must appear once across header, query and body (§3.5; servers reject duplicates).
  for (const [name] of [...url.searchParams, ...bodyParams]) {
    if (name === "oauth_signature" || Object.prototype.hasOwnProperty.call(oauthParams, name)) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
        message: `The request already carries "${name}" in its query or body; it is a protocol parameter sent in the Authorization header.`,
      });
    }
  }

  const baseString = buildSignatureBaseString(request.method, url, [...bodyParams, ...Object.entries(oauthParams)]);
  const signature = await computeSignature(signatureMethod, baseString, request);
  oauthParams.oauth_signature = signature;

  // §3.5.1: names and values percent-encoded (§3.6), quoted, comma-separated; realm first and unsigned.
  const parts = Object.entries(oauthParams).map(([name, value]) => `${percentEncode(name)}="${percentEncode(value)}"`);
  if (request.realm !== undefined) parts.unshift(`realm="${percentEncode(request.realm)}"`);
  return { signature, authorization: `OAuth ${parts.join(", ")}`, baseString, oauthParams };
}

interface NodeHmacModule {
  createHmac(algorithm: string, key: string): { update(data: string): { digest(encoding: "base64"): string } };
}

let nodeHmacModule: NodeHmacModule | null | undefined;

/**
 * Node's synchronous HMAC when the runtime offers it (`process.getBuiltinModule`, Node ≥ 20.16):
 * an order of magnitude faster per signature than the async WebCrypto hop. Browsers use WebCrypto.
 */
function nodeHmac(): NodeHmacModule | null {
  if (nodeHmacModule === undefined) {
    const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    try {
      nodeHmacModule = (processLike?.getBuiltinModule?.("node:crypto") as NodeHmacModule | undefined) ?? null;
    } catch {
      nodeHmacModule = null;
    }
  }
  return nodeHmacModule;
}

// Importing an HMAC key costs about as much as signing: keep the last few (one per connection).
const HMAC_KEY_CACHE_SIZE = 64;
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(key: string, hash: string): Promise<CryptoKey> {
  const id = `${hash}\n${key}`;
  let cached = hmacKeys.get(id);
  if (!cached) {
    cached = crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash }, false, ["sign"]);
    cached.catch(() => hmacKeys.delete(id));
    if (hmacKeys.size >= HMAC_KEY_CACHE_SIZE) hmacKeys.delete(hmacKeys.keys().next().value as string);
    hmacKeys.set(id, cached);
  }
  return cached;
}

async function computeSignature(method: OAuth1SignatureMethod, baseString: string, request: OAuth1SignRequest): Promise<string> {
  // §3.4.2 / §3.4.4: key = encode(client secret) "&" encode(token secret), both possibly empty.
  const key = `${percentEncode(request.consumerSecret ?? "")}&${percentEncode(request.tokenSecret ?? "")}`;
  switch (method) {
    case "PLAINTEXT":
      return key;
    case "HMAC-SHA1":
    case "HMAC-SHA256":
    case "HMAC-SHA512": {
      const hash = method === "HMAC-SHA1" ? "SHA-1" : method === "HMAC-SHA256" ? "SHA-256" : "SHA-512";
      const node = nodeHmac();
      if (node) return node.createHmac(hash.replace("-", "").toLowerCase(), key).update(baseString).digest("base64");
      const cryptoKey = await hmacKey(key, hash);
      return bytesToBase64(new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(baseString))));
    }
    case "RSA-SHA1":
    case "RSA-SHA256": {
      // §3.4.3: RSASSA-PKCS1-v1_5 (RFC 3447 §8.2) over the base string.
      if (!request.privateKey) {
        throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `${method} needs a PEM private key.` });
      }
      const hash = method === "RSA-SHA1" ? "SHA-1" : "SHA-256";
      const cryptoKey = await importRsaPrivateKey(request.privateKey, hash);
      const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", cryptoKey, encoder.encode(baseString));
      return bytesToBase64(new Uint8Array(signature));
    }
  }
}

const encoder = new TextEncoder();

/** Imports a PEM RSA private key; PKCS#1 (`BEGIN RSA PRIVATE KEY`) is wrapped into PKCS#8 first. */
async function importRsaPrivateKey(pem: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const match = /-----BEGIN (RSA )?PRIVATE KEY-----([\s\S]*?)-----END \1?PRIVATE KEY-----/.exec(pem);
  if (!match?.[2]) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
      message: 'The RSA private key must be an unencrypted PEM "PRIVATE KEY" (PKCS#8) or "RSA PRIVATE KEY" (PKCS#1).',
    });
  }
  let der: Uint8Array;
  try {
    der = base64ToBytes(match[2].replace(/\s+/g, ""));
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The RSA private key PEM is not valid base64.", cause });
  }
  if (match[1]) der = wrapPkcs1InPkcs8(der);
  try {
    return await crypto.subtle.importKey("pkcs8", der as Uint8Array<ArrayBuffer>, { name: "RSASSA-PKCS1-v1_5", hash }, false, ["sign"]);
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The RSA private key could not be imported.", cause });
  }
}

/** PrivateKeyInfo (RFC 5208 §5) = SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
function wrapPkcs1InPkcs8(pkcs1: Uint8Array): Uint8Array {
  const version = [0x02, 0x01, 0x00];
  // SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }
  const algorithm = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const octetString = [0x04, ...derLength(pkcs1.length)];
  const contentLength = version.length + algorithm.length + octetString.length + pkcs1.length;
  const header = [0x30, ...derLength(contentLength), ...version, ...algorithm, ...octetString];
  const out = new Uint8Array(header.length + pkcs1.length);
  out.set(header);
  out.set(pkcs1, header.length);
  return out;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function toPairs(params: OAuth1SignRequest["params"]): OAuth1Param[] {
  if (!params) return [];
  if (params instanceof URLSearchParams) return [...params];
  const pairs: OAuth1Param[] = [];
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) pairs.push([name, item]);
  }
  return pairs;
}

function parseHttpUrl(url: string | URL): URL {
  if (url instanceof URL && (url.protocol === "http:" || url.protocol === "https:")) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Not an absolute URL: ${String(url)}.`, cause });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `OAuth 1 signs http(s) URLs only, got ${parsed.protocol}.` });
  }
  return parsed;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
