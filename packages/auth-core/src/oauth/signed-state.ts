/**
 * Stateless signed OAuth `state` for the server runtime (RFC 6749 §10.12, RFC 9700 §2.1):
 * `base64url(json) "." base64url(HMAC-SHA256(secret, base64url(json)))`.
 *
 * The JSON is `{ p: payload, n: nonce, exp }` with `exp` in epoch seconds. The random nonce makes every
 * state unique even for equal payloads. Stateless means not single-use by itself: bind it to the browser
 * (e.g. put a hash of a session cookie in the payload and compare it after verifying).
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { base64ToUtf8, bytesToBase64Url, utf8ToBase64Url } from "../internal/base64.ts";
import { timingSafeEqual } from "./constant-time.ts";
import { generateRandomState } from "./random.ts";

export interface CreateSignedStateOptions {
  /** Lifetime of the state in seconds (e.g. 600). */
  ttlSeconds: number;
  /** Current time in epoch milliseconds; defaults to `Date.now()`. */
  now?: number;
}

export interface VerifySignedStateOptions {
  /** Current time in epoch milliseconds; defaults to `Date.now()`. */
  now?: number;
}

/** Shortest accepted HMAC secret, in characters. Use 32+ random bytes in production. */
export const SIGNED_STATE_MIN_SECRET_LENGTH = 16;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const encoder = new TextEncoder();

interface Envelope {
  p: object;
  n: string;
  exp: number;
}

/** Signs `payload` into a compact, URL-safe `state` value that expires after `ttlSeconds`. */
export async function createSignedState(payload: object, secret: string, options: CreateSignedStateOptions): Promise<string> {
  assertSecret(secret);
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "Signed state payload must be a plain object." });
  }
  const { ttlSeconds } = options;
  if (typeof ttlSeconds !== "number" || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Signed state ttlSeconds must be a positive number, got ${String(ttlSeconds)}.` });
  }
  const now = options.now ?? Date.now();
  const envelope: Envelope = { p: payload, n: generateRandomState(), exp: Math.floor((now + ttlSeconds * 1000) / 1000) };
  let json: string;
  try {
    json = JSON.stringify(envelope);
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "Signed state payload must be JSON-serializable.", cause });
  }
  const body = utf8ToBase64Url(json);
  return `${body}.${await sign(secret, body)}`;
}

/**
 * Verifies a state made by {@link createSignedState} and returns its payload.
 * Malformed or tampered ⇒ `state_mismatch`; valid signature but past `exp` ⇒ `state_expired`.
 */
export async function verifySignedState<T extends object = Record<string, unknown>>(
  state: string,
  secret: string,
  options: VerifySignedStateOptions = {},
): Promise<T> {
  assertSecret(secret);
  const parts = typeof state === "string" ? state.split(".") : [];
  const [body, signature] = parts;
  if (parts.length !== 2 || body === undefined || signature === undefined || !BASE64URL.test(body) || !BASE64URL.test(signature)) {
    throw mismatch("The state parameter is malformed.");
  }
  // Signature first, so a forged state never reaches JSON parsing or the expiry check.
  if (!timingSafeEqual(await sign(secret, body), signature)) {
    throw mismatch("The state parameter signature is invalid.");
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(base64ToUtf8(body));
  } catch {
    throw mismatch("The state parameter is malformed.");
  }
  if (!isEnvelope(envelope)) throw mismatch("The state parameter is malformed.");
  const now = options.now ?? Date.now();
  if (now >= envelope.exp * 1000) {
    throw new PlugboardError(ErrorKey.STATE_EXPIRED, {
      message: "The OAuth state has expired; start the connection again.",
      data: { expiresAt: envelope.exp * 1000 },
    });
  }
  return envelope.p as T;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== "object" || value === null) return false;
  const { p, n, exp } = value as Record<string, unknown>;
  return typeof p === "object" && p !== null && !Array.isArray(p) && typeof n === "string" && typeof exp === "number" && Number.isFinite(exp);
}

function assertSecret(secret: string): void {
  if (typeof secret !== "string" || secret.length < SIGNED_STATE_MIN_SECRET_LENGTH) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
      message: `The state signing secret must be a string of at least ${SIGNED_STATE_MIN_SECRET_LENGTH} characters.`,
    });
  }
}

async function sign(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return bytesToBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data))));
}

function mismatch(message: string): PlugboardError {
  return new PlugboardError(ErrorKey.STATE_MISMATCH, { message });
}
