/**
 * The mock OAuth 1.0a provider's own RFC 5849 verifier: parameter collection (§3.4.1.3.1),
 * normalization (§3.4.1.3.2), base string URI (§3.4.1.2), base string (§3.4.1.1) and
 * HMAC-SHA1 / HMAC-SHA256 over crypto.subtle. Written independently of auth-core's signer on
 * purpose, so the two check each other.
 */
import { bytesToBase64 } from "./util.ts";

export type MockOAuth1SignatureMethod = "HMAC-SHA1" | "HMAC-SHA256";

export const MOCK_OAUTH1_SIGNATURE_METHODS: readonly MockOAuth1SignatureMethod[] = ["HMAC-SHA1", "HMAC-SHA256"];

/** RFC 5849 §3.6: everything but `A-Z a-z 0-9 - . _ ~` as `%XX` (upper-case hex) of its UTF-8 bytes. */
export function rfc5849Encode(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * Parses `Authorization: OAuth realm="…", oauth_consumer_key="…", …` (§3.5.1). Values are
 * percent-decoded. Returns `undefined` when the header is not an OAuth header; throws on a
 * malformed or repeated parameter.
 */
export function parseOAuthHeader(header: string | null): Map<string, string> | undefined {
  if (!header) return undefined;
  const match = /^OAuth\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const params = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_\-.~%]+)\s*=\s*"([^"]*)"\s*(?:,|$)/y;
  const text = match[1]!;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const part = pattern.exec(text);
    if (!part) throw new Error(`Malformed OAuth Authorization header near "${text.slice(position, position + 20)}".`);
    const name = decodeURIComponent(part[1]!);
    if (params.has(name)) throw new Error(`The OAuth parameter "${name}" appears more than once in the Authorization header.`);
    params.set(name, decodeURIComponent(part[2]!));
    position = pattern.lastIndex;
  }
  return params;
}

/** §3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment. */
export function baseStringUri(url: string | URL): string {
  const parsed = new URL(String(url));
  // URL already lower-cases scheme and host, drops default ports and percent-encodes the path.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** §3.4.1.3.2: encode names and values, sort by name then value (byte order), join. */
export function normalizeParameters(pairs: [string, string][]): string {
  return pairs
    .map(([name, value]) => [rfc5849Encode(name), rfc5849Encode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** §3.4.1.1: `METHOD&encoded-base-uri&encoded-normalized-parameters`. */
export function signatureBaseString(method: string, url: string | URL, pairs: [string, string][]): string {
  return [method.toUpperCase(), rfc5849Encode(baseStringUri(url)), rfc5849Encode(normalizeParameters(pairs))].join("&");
}

/** §3.4.2: base64 of HMAC(key = encode(consumerSecret)&encode(tokenSecret), baseString). */
export async function hmacSignature(method: MockOAuth1SignatureMethod, baseString: string, consumerSecret: string, tokenSecret = ""): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(`${rfc5849Encode(consumerSecret)}&${rfc5849Encode(tokenSecret)}`),
    { name: "HMAC", hash: method === "HMAC-SHA1" ? "SHA-1" : "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(baseString));
  return bytesToBase64(new Uint8Array(signature));
}

/**
 * §3.4.1.3.1: every parameter that is signed: the query (form-decoded), the OAuth header
 * parameters except `realm` and `oauth_signature`, and a form body (`formBody`, already decoded).
 */
export function collectParameters(url: string | URL, header: Map<string, string> | undefined, formBody: [string, string][] | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const pair of new URL(String(url)).searchParams) if (pair[0] !== "oauth_signature") pairs.push(pair);
  for (const [name, value] of header ?? []) if (name !== "realm" && name !== "oauth_signature") pairs.push([name, value]);
  for (const pair of formBody ?? []) if (pair[0] !== "oauth_signature") pairs.push(pair);
  return pairs;
}
