import { describe, expect, it } from "vitest";
import { parseAuthorizationCallback } from "./callback-params.ts";

function failure(fn: () => unknown): { key?: string; message?: string; data?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as { key?: string; message?: string; data?: unknown };
  }
  throw new Error("expected an error");
}

describe("parseAuthorizationCallback", () => {
  it("RFC 6749 §4.1.2: returns the code from the example redirect", () => {
    const result = parseAuthorizationCallback("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", { state: "xyz" });
    expect(result).toEqual({ code: "SplxlOBeZQQYbYS6WxSbIA", params: { code: "SplxlOBeZQQYbYS6WxSbIA", state: "xyz" } });
  });

  it("accepts a URL, a URL string, a query string with or without '?', a '#' fragment, URLSearchParams and custom schemes", () => {
    const query = "code=c1&state=s1";
    const inputs = [
      new URL(`https://client.example.com/cb?${query}`),
      `https://client.example.com/cb?${query}#ignored`,
      `?${query}`,
      query,
      `#${query}`,
      new URLSearchParams(query),
      `com.example.app:/oauth2redirect?${query}`,
    ];
    for (const input of inputs) expect(parseAuthorizationCallback(input, { state: "s1" }).code).toBe("c1");
  });

  it("decodes parameters as form data: '+' and %20 are spaces (oauth-security.md §4 pitfall 1)", () => {
    const result = parseAuthorizationCallback("?code=a+b%20c&state=x%2By", { state: "x+y" });
    expect(result.code).toBe("a b c");
  });

  it("RFC 6749 §3.1 / §2.1 rule 4: a repeated parameter ⇒ duplicate_parameter", () => {
    const error = failure(() => parseAuthorizationCallback("?code=a&code=b&state=s", { state: "s" }));
    expect(error.key).toBe("duplicate_parameter");
    expect(error.data).toEqual({ parameter: "code" });
    expect(failure(() => parseAuthorizationCallback("?code=a&state=s&state=s", { state: "s" })).key).toBe("duplicate_parameter");
    expect(failure(() => parseAuthorizationCallback("?code=a&state=s&iss=x&iss=x", { state: "s" })).key).toBe("duplicate_parameter");
  });

  it("§2.1 rule 4: duplicates are detected before state", () => {
    expect(failure(() => parseAuthorizationCallback("?code=a&code=b&state=WRONG", { state: "s" })).key).toBe("duplicate_parameter");
  });

  it("RFC 9700 §2.1 / §2.1 rule 2: state is checked before error= (error=access_denied&state=WRONG ⇒ state_mismatch)", () => {
    expect(failure(() => parseAuthorizationCallback("?error=access_denied&state=WRONG", { state: "xyz" })).key).toBe("state_mismatch");
  });

  it("§2.1 rule 2: a missing or empty state ⇒ state_missing, also on an error response", () => {
    expect(failure(() => parseAuthorizationCallback("?code=a", { state: "xyz" })).key).toBe("state_missing");
    expect(failure(() => parseAuthorizationCallback("?code=a&state=", { state: "xyz" })).key).toBe("state_missing");
    expect(failure(() => parseAuthorizationCallback("?error=access_denied", { state: "xyz" })).key).toBe("state_missing");
  });

  it("§2.1 rule 2: a different state ⇒ state_mismatch (prefix, longer, case)", () => {
    for (const state of ["xy", "xyzz", "XYZ", "xyz "]) {
      expect(failure(() => parseAuthorizationCallback(`?code=a&state=${encodeURIComponent(state)}`, { state: "xyz" })).key).toBe("state_mismatch");
    }
  });

  it("§2.1 rule 3: a state when none was sent ⇒ state_mismatch; no state when none sent is fine", () => {
    const error = failure(() => parseAuthorizationCallback("?code=a&state=xyz", { state: undefined }));
    expect(error.key).toBe("state_mismatch");
    expect(error.message).toMatch(/unexpected/i);
    expect(parseAuthorizationCallback("?code=a", { state: undefined }).code).toBe("a");
  });

  it("RFC 9207 §2.4 / §2.1 rule 7: iss different from the expected issuer ⇒ issuer_mismatch", () => {
    const error = failure(() =>
      parseAuthorizationCallback("?code=a&state=s&iss=https%3A%2F%2Fb.example", { state: "s", issuer: "https://a.example" }),
    );
    expect(error.key).toBe("issuer_mismatch");
    expect(error.data).toEqual({ expected: "https://a.example", actual: "https://b.example" });
    // Exact comparison: no trailing-slash or case normalization.
    expect(failure(() => parseAuthorizationCallback("?code=a&state=s&iss=https%3A%2F%2Fa.example%2F", { state: "s", issuer: "https://a.example" })).key).toBe(
      "issuer_mismatch",
    );
  });

  it("RFC 9207 §2.4: missing iss when required ⇒ issuer_mismatch saying it is missing; optional otherwise", () => {
    const error = failure(() => parseAuthorizationCallback("?code=a&state=s", { state: "s", issuer: "https://a.example", requireIssuer: true }));
    expect(error.key).toBe("issuer_mismatch");
    expect(error.message).toMatch(/missing/);
    expect(error.data).toMatchObject({ missing: true });
    expect(parseAuthorizationCallback("?code=a&state=s", { state: "s", issuer: "https://a.example" }).code).toBe("a");
  });

  it("RFC 9207: accepts the oidc-provider callback with a matching iss (oauth-security.md §3.1)", () => {
    const result = parseAuthorizationCallback("http://127.0.0.1:5173/cb?code=abc&state=s1&iss=http%3A%2F%2F127.0.0.1%3A3999", {
      state: "s1",
      issuer: "http://127.0.0.1:3999",
      requireIssuer: true,
    });
    expect(result).toEqual({ code: "abc", params: { code: "abc", state: "s1", iss: "http://127.0.0.1:3999" } });
  });

  it("order: state before iss, iss before error", () => {
    const expected = { state: "s", issuer: "https://a.example" };
    expect(failure(() => parseAuthorizationCallback("?code=a&state=WRONG&iss=https%3A%2F%2Fb.example", expected)).key).toBe("state_mismatch");
    expect(failure(() => parseAuthorizationCallback("?error=access_denied&state=s&iss=https%3A%2F%2Fb.example", expected)).key).toBe("issuer_mismatch");
  });

  it("RFC 6749 §4.1.2.1: error=access_denied ⇒ access_denied with the error fields in data", () => {
    const error = failure(() => parseAuthorizationCallback("https://client.example.com/cb?error=access_denied&state=xyz", { state: "xyz" }));
    expect(error.key).toBe("access_denied");
    expect(error.data).toEqual({ error: "access_denied" });
  });

  it("RFC 6749 §4.1.2.1: any other error ⇒ token_exchange_failed carrying error, error_description, error_uri", () => {
    const error = failure(() =>
      parseAuthorizationCallback(
        "?error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&error_uri=https%3A%2F%2Fas.example%2Ferr&state=s",
        { state: "s" },
      ),
    );
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data).toEqual({
      error: "invalid_request",
      error_description: "Authorization Server policy requires PKCE to be used for this request",
      error_uri: "https://as.example/err",
    });
    expect(error.message).toContain("requires PKCE");
    for (const code of ["unauthorized_client", "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable"]) {
      expect(failure(() => parseAuthorizationCallback(`?error=${code}&state=s`, { state: "s" })).key).toBe("token_exchange_failed");
    }
  });

  it("a response without code or error ⇒ token_exchange_failed with a clear message", () => {
    const error = failure(() => parseAuthorizationCallback("?state=s", { state: "s" }));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.message).toMatch(/"code"/);
    expect(failure(() => parseAuthorizationCallback("?state=s&code=", { state: "s" })).key).toBe("token_exchange_failed");
  });

  it("rejects misuse as invalid_argument: empty expected state, requireIssuer without issuer", () => {
    expect(failure(() => parseAuthorizationCallback("?code=a&state=", { state: "" })).key).toBe("invalid_argument");
    expect(failure(() => parseAuthorizationCallback("?code=a", { state: undefined, requireIssuer: true })).key).toBe("invalid_argument");
  });
});
