import { describe, expect, it } from "vitest";
import { base64ToBytes } from "../internal/base64.ts";
import { generateNonce, generateRandomState, randomBytes } from "./random.ts";

describe("random values", () => {
  it("RFC 9700 §2.1: state is 32 random bytes as base64url (43 chars, no padding) and fresh every time", () => {
    const states = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const state = generateRandomState();
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(base64ToBytes(state)).toHaveLength(32);
      states.add(state);
    }
    expect(states.size).toBe(200);
  });

  it("RFC 5849 §3.3: nonce defaults to 24 alphanumerics (fits oauthlib's default 20–30) and is unique", () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const nonce = generateNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9]{24}$/);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(200);
  });

  it("RFC 5849 §3.3: nonce length is configurable and uses the whole alphabet", () => {
    expect(generateNonce(8)).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(generateNonce(256)).toMatch(/^[A-Za-z0-9]{256}$/);
    const seen = new Set(Array.from({ length: 50 }, () => generateNonce(64)).join(""));
    expect(seen.size).toBe(62);
  });

  it.each([0, 7, 257, 1.5, Number.NaN])("rejects nonce length %s as invalid_argument", (length) => {
    expect(() => generateNonce(length)).toThrow(expect.objectContaining({ key: "invalid_argument" }));
  });

  it("randomBytes fills buffers larger than the 65536-byte getRandomValues limit", () => {
    const bytes = randomBytes(70_000);
    expect(bytes).toHaveLength(70_000);
    expect(bytes.subarray(66_000).some((byte) => byte !== 0)).toBe(true);
  });
});
