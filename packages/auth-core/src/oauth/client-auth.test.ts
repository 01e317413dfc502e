import { describe, expect, it } from "vitest";
import { base64ToUtf8 } from "../internal/base64.ts";
import { encodeBasicCredentials, encodeClientSecretBasic, formUrlEncode } from "./client-auth.ts";

/** How oidc-provider decodes client_secret_basic tokens (decodeURIComponent after '+' ⇒ space). */
function asDecode(token: string): string {
  return decodeURIComponent(token.replace(/\+/g, "%20"));
}

function decodeBasic(header: string): [string, string] {
  const decoded = base64ToUtf8(header.replace(/^Basic /, ""));
  const colon = decoded.indexOf(":");
  return [asDecode(decoded.slice(0, colon)), asDecode(decoded.slice(colon + 1))];
}

describe("client authentication", () => {
  it("RFC 6749 §2.3.1: the example Basic header", () => {
    expect(encodeClientSecretBasic("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw")).toBe("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
  });

  it("RFC 6749 §4.1.3: the token request Basic header", () => {
    expect(encodeClientSecretBasic("s6BhdRkqt3", "gX1fBat3bV")).toBe("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
  });

  it("RFC 6749 Appendix B: form-encoding example", () => {
    expect(formUrlEncode(" %&+£€")).toBe("+%25%26%2B%C2%A3%E2%82%AC");
  });

  it("RFC 6749 §2.3.1: the body-credentials variant uses the same form encoding", () => {
    const body = [
      ["grant_type", "refresh_token"],
      ["refresh_token", "tGzv3JOkF0XG5Qx2TlKWIA"],
      ["client_id", "s6BhdRkqt3"],
      ["client_secret", "7Fjfp0ZBr1KtDRbnfVdmIw"],
    ]
      .map(([name, value]) => `${formUrlEncode(name ?? "")}=${formUrlEncode(value ?? "")}`)
      .join("&");
    expect(body).toBe("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw");
  });

  it("RFC 6749 §2.3.1 (oauth4webapi vector): HTML form-encoding of \"client %&+-_.!~*'()\" decodes back like the strict form", () => {
    const value = "client %&+-_.!~*'()";
    const ours = formUrlEncode(value);
    expect(ours).toBe("client+%25%26%2B-_.%21%7E*%27%28%29");
    const oauth4webapi = "client+%25%26%2B%2D%5F%2E%21%7E%2A%27%28%29";
    // An AS decodes either form to the original (RFC 6749 Appendix B).
    expect(asDecode(ours)).toBe(value);
    expect(asDecode(oauth4webapi)).toBe(value);

    const header = encodeClientSecretBasic(value, value);
    expect(header).toBe(`Basic ${btoa(`${ours}:${ours}`)}`);
    expect(decodeBasic(header)).toEqual([value, value]);
    expect(decodeBasic("Basic Y2xpZW50KyUyNSUyNiUyQiUyRCU1RiUyRSUyMSU3RSUyQSUyNyUyOCUyOTpjbGllbnQrJTI1JTI2JTJCJTJEJTVGJTJFJTIxJTdFJTJBJTI3JTI4JTI5")).toEqual([
      value,
      value,
    ]);
  });

  it("RFC 6749 §2.3.1: the oidc-provider credentials 'sp ecial' / 'p+ss:w/rd%' (oauth-security.md §3.1)", () => {
    const header = encodeClientSecretBasic("sp ecial", "p+ss:w/rd%");
    expect(base64ToUtf8(header.slice("Basic ".length))).toBe("sp+ecial:p%2Bss%3Aw%2Frd%25");
    expect(decodeBasic(header)).toEqual(["sp ecial", "p+ss:w/rd%"]);
  });

  it("RFC 6749 §2.3.1: non-ASCII credentials are UTF-8 before encoding", () => {
    const header = encodeClientSecretBasic("zoë", "£€日本");
    expect(base64ToUtf8(header.slice(6))).toBe("zo%C3%AB:%C2%A3%E2%82%AC%E6%97%A5%E6%9C%AC");
    expect(decodeBasic(header)).toEqual(["zoë", "£€日本"]);
  });

  it("RFC 7617 §2: raw Basic for Aladdin / open sesame", () => {
    expect(encodeBasicCredentials("Aladdin", "open sesame")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });

  it("RFC 7617 §2.1: charset=UTF-8 example test / 123£", () => {
    expect(encodeBasicCredentials("test", "123£")).toBe("Basic dGVzdDoxMjPCow==");
  });

  it("RFC 7617 §2: a user-id cannot contain ':' but a password can", () => {
    expect(() => encodeBasicCredentials("a:b", "c")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(encodeBasicCredentials("a", "b:c")).toBe(`Basic ${btoa("a:b:c")}`);
  });

  it("rejects lone surrogates as invalid_argument instead of silently changing the secret", () => {
    expect(() => formUrlEncode("a\uD800")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(() => encodeClientSecretBasic("id", "\uDC00x")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(() => encodeBasicCredentials("id", "\uD800")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(formUrlEncode("😀")).toBe("%F0%9F%98%80");
  });
});
