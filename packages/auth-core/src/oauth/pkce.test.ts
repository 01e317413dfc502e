import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bytesToBase64Url } from "../internal/base64.ts";
import { calculatePkceCodeChallenge, generateCodeVerifier, isValidCodeVerifier, PKCE_CODE_CHALLENGE_METHOD } from "./pkce.ts";

const appendixBOctets = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141,
  121,
];
const appendixBDigest = [
  19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249,
  195,
];

async function rejection(promise: Promise<unknown>): Promise<{ key?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { key?: string; message?: string };
  }
  throw new Error("expected a rejection");
}

describe("PKCE (RFC 7636)", () => {
  it("RFC 7636 Appendix B: octets → code_verifier → S256 code_challenge", async () => {
    const verifier = bytesToBase64Url(new Uint8Array(appendixBOctets));
    expect(verifier).toBe("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    expect([...createHash("sha256").update(verifier, "ascii").digest()]).toEqual(appendixBDigest);
    expect(await calculatePkceCodeChallenge(verifier)).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("RFC 7636 §4.2: the method is S256 and the challenge is 43 base64url chars without padding", async () => {
    expect(PKCE_CODE_CHALLENGE_METHOD).toBe("S256");
    const challenge = await calculatePkceCodeChallenge(generateCodeVerifier());
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("RFC 7636 §4.1: generated verifiers are 43 unreserved chars (256 bits) and unique", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const verifier = generateCodeVerifier();
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(verifier).toHaveLength(43);
      seen.add(verifier);
    }
    expect(seen.size).toBe(200);
  });

  it("RFC 7636 §4.1: accepts the 43 and 128 character bounds and every unreserved character", async () => {
    await expect(calculatePkceCodeChallenge("a".repeat(43))).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(calculatePkceCodeChallenge("a".repeat(128))).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    const allUnreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    expect(isValidCodeVerifier(allUnreserved)).toBe(true);
    await expect(calculatePkceCodeChallenge(allUnreserved)).resolves.toBe(createHash("sha256").update(allUnreserved).digest("base64url"));
  });

  it.each([
    ["42 characters", "a".repeat(42)],
    ["129 characters", "a".repeat(129)],
    ["empty", ""],
    ["a '+'", `${"a".repeat(42)}+`],
    ["a '/'", `${"a".repeat(42)}/`],
    ["padding '='", `${"a".repeat(42)}=`],
    ["a space", `${"a".repeat(42)} `],
    ["non-ASCII", `${"a".repeat(42)}é`],
  ])("RFC 7636 §4.1: rejects a verifier with %s as invalid_argument", async (_label, verifier) => {
    expect(isValidCodeVerifier(verifier)).toBe(false);
    const error = await rejection(calculatePkceCodeChallenge(verifier));
    expect(error.key).toBe("invalid_argument");
    expect(error.message).toContain("RFC 7636");
    expect(error.message).not.toContain(verifier || "\u0000");
  });

  it("RFC 7636 §4.1: rejects a non-string verifier as invalid_argument", async () => {
    const error = await rejection(calculatePkceCodeChallenge(undefined as unknown as string));
    expect(error.key).toBe("invalid_argument");
  });
});
