/**
 * What an internal API does with integration-app-token / membrane-token requests: verify the HS256
 * JWT (RFC 7519) with the workspace secret, over crypto.subtle. Independent of auth-core's signer.
 * Refuses any `alg` but HS256 (no `none`), a bad signature, a wrong `iss`, a missing `sub`, and an
 * expired or not-yet-valid token.
 */
import { base64ToBytes, bytesToBase64Url, constantTimeEqual, utf8 } from "./util.ts";

export interface PlatformTokenClaims {
  iss: string;
  sub: string;
  exp: number;
  iat?: number;
  name?: string;
  fields?: Record<string, unknown>;
  [claim: string]: unknown;
}

export type PlatformTokenVerification = { ok: true; claims: PlatformTokenClaims } | { ok: false; error: string };

export interface VerifyPlatformTokenOptions {
  /** The workspace secret the token must be signed with. */
  secret: string;
  /** The workspace key expected in `iss`. */
  issuer: string;
  /** Clock (epoch ms); default `Date.now`. */
  now?: number;
  /** Allowed clock skew in seconds for `exp`/`iat`. Default 30. */
  leewaySeconds?: number;
}

export async function verifyPlatformToken(token: string | null | undefined, options: VerifyPlatformTokenOptions): Promise<PlatformTokenVerification> {
  if (!token) return { ok: false, error: "missing_token" };
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, error: "malformed_token" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (!header || header.alg !== "HS256") return { ok: false, error: "unsupported_algorithm" };
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(options.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = bytesToBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${headerPart}.${payloadPart}`))));
  if (!constantTimeEqual(expected, signaturePart)) return { ok: false, error: "invalid_signature" };
  const claims = decodeJson(payloadPart);
  if (!claims) return { ok: false, error: "malformed_token" };
  if (claims.iss !== options.issuer) return { ok: false, error: "invalid_issuer" };
  if (typeof claims.sub !== "string" || claims.sub === "") return { ok: false, error: "missing_subject" };
  const seconds = Math.floor((options.now ?? Date.now()) / 1000);
  const leeway = options.leewaySeconds ?? 30;
  if (typeof claims.exp !== "number" || claims.exp + leeway <= seconds) return { ok: false, error: "token_expired" };
  if (typeof claims.iat === "number" && claims.iat - leeway > seconds) return { ok: false, error: "token_not_yet_valid" };
  return { ok: true, claims: claims as PlatformTokenClaims };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  const bytes = base64ToBytes(part);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(utf8(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
