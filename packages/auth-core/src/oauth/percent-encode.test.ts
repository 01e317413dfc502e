import { describe, expect, it } from "vitest";
import { percentEncode } from "./percent-encode.ts";

describe("percentEncode (RFC 5849 §3.6)", () => {
  it("§3.6: keeps exactly the unreserved set", () => {
    const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    expect(percentEncode(unreserved)).toBe(unreserved);
    for (let code = 0x20; code < 0x7f; code++) {
      const char = String.fromCharCode(code);
      if (unreserved.includes(char)) continue;
      expect(percentEncode(char)).toBe(`%${code.toString(16).toUpperCase().padStart(2, "0")}`);
    }
  });

  it("§3.6 / pitfall 4: encodes !*'() unlike encodeURIComponent", () => {
    expect(percentEncode("!*'()")).toBe("%21%2A%27%28%29");
    expect(encodeURIComponent("!*'()")).toBe("!*'()");
  });

  it("§3.6: space is %20, never '+', and '%' is re-encoded", () => {
    expect(percentEncode("r b")).toBe("r%20b");
    expect(percentEncode("2+q")).toBe("2%2Bq");
    expect(percentEncode("=%3D")).toBe("%3D%253D");
  });

  it("§3.6: UTF-8 octets with upper-case hex", () => {
    expect(percentEncode("£")).toBe("%C2%A3");
    expect(percentEncode("€")).toBe("%E2%82%AC");
    expect(percentEncode("日本")).toBe("%E6%97%A5%E6%9C%AC");
    expect(percentEncode("😀")).toBe("%F0%9F%98%80");
    expect(percentEncode("\u00ff\n")).toBe("%C3%BF%0A");
  });

  it("rejects a lone surrogate as invalid_argument", () => {
    expect(() => percentEncode("a\uD800b")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
  });
});
