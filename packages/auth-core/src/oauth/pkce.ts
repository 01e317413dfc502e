/** PKCE (RFC 7636), S256 only: `plain` is deliberately not offered (RFC 9700 §2.1.1). */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { bytesToBase64Url } from "../internal/base64.ts";
import { randomBytes } from "./random.ts";

/** The only `code_challenge_method` Plugboard sends (RFC 7636 §4.2). */
export const PKCE_CODE_CHALLENGE_METHOD = "S256";

/** RFC 7636 §4.1: `code-verifier = 43*128unreserved`, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const CODE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/** True when `value` is a code verifier allowed by RFC 7636 §4.1. */
export function isValidCodeVerifier(value: unknown): value is string {
  return typeof value === "string" && CODE_VERIFIER_PATTERN.test(value);
}

/** A fresh code verifier: 32 random bytes base64url-encoded (43 chars, 256 bits; RFC 7636 §4.1, §7.1). */
export function generateCodeVerifier(): string {
  return bytesToBase64Url(randomBytes(32));
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))` without padding (RFC 7636 §4.2, S256). */
export async function calculatePkceCodeChallenge(verifier: string): Promise<string> {
  const value: unknown = verifier;
  if (!isValidCodeVerifier(value)) {
    const description =
      typeof value !== "string"
        ? `a ${typeof value}`
        : value.length < 43 || value.length > 128
          ? `${value.length} characters`
          : "a character outside that set";
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
      message: `Invalid PKCE code_verifier: expected 43-128 characters from [A-Za-z0-9-._~] (RFC 7636 §4.1), got ${description}.`,
    });
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return bytesToBase64Url(new Uint8Array(digest));
}
