import { describe, expect, it } from "vitest";
import { computeExpiresAt, isExpired, parseTokenResponse } from "./token-response.ts";

const JSON_TYPE = "application/json;charset=UTF-8";
const FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

function respond(body: unknown, init: { status?: number; type?: string } = {}): Response {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status: init.status ?? 200, headers: { "content-type": init.type ?? JSON_TYPE } });
}

async function rejection(promise: Promise<unknown>): Promise<{ key?: string; message?: string; data?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { key?: string; message?: string; data?: Record<string, unknown> };
  }
  throw new Error("expected a rejection");
}

describe("parseTokenResponse", () => {
  it("RFC 6749 §5.1: parses the example response and keeps unknown members", async () => {
    const token = await parseTokenResponse(
      respond({
        access_token: "2YotnFZFEjr1zCsicMWpAA",
        token_type: "example",
        expires_in: 3600,
        refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA",
        example_parameter: "example_value",
      }),
    );
    expect(token).toEqual({
      access_token: "2YotnFZFEjr1zCsicMWpAA",
      token_type: "example",
      tokenType: "example",
      expires_in: 3600,
      refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA",
      example_parameter: "example_value",
    });
  });

  it("RFC 6749 §4.4.3: a client_credentials response without refresh_token has none", async () => {
    const token = await parseTokenResponse(respond({ access_token: "at", token_type: "Bearer", expires_in: 3600 }));
    expect(token).not.toHaveProperty("refresh_token");
    expect(token.tokenType).toBe("Bearer");
  });

  it("RFC 6749 §5.1 / pitfall 13: token_type is case-insensitive; bearer is exposed as tokenType 'Bearer', raw value kept", async () => {
    for (const tokenType of ["bearer", "BEARER", "Bearer", "bEaReR"]) {
      const token = await parseTokenResponse(respond({ access_token: "at", token_type: tokenType }));
      expect(token.token_type).toBe(tokenType);
      expect(token.tokenType).toBe("Bearer");
    }
    const dpop = await parseTokenResponse(respond({ access_token: "at", token_type: "DPoP" }));
    expect(dpop.tokenType).toBe("DPoP");
    const none = await parseTokenResponse(respond({ access_token: "at" }));
    expect(none).not.toHaveProperty("tokenType");
  });

  it("RFC 6749 §5.2: the example 400 error ⇒ token_exchange_failed with status and error", async () => {
    const error = await rejection(parseTokenResponse(respond({ error: "invalid_request" }, { status: 400 })));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data).toEqual({ status: 400, error: "invalid_request", body: { error: "invalid_request" } });
  });

  it("RFC 6749 §5.2: invalid_grant from oidc-provider carries error_description", async () => {
    const body = { error: "invalid_grant", error_description: "grant request is invalid" };
    const error = await rejection(parseTokenResponse(respond(body, { status: 400 })));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data).toMatchObject({ status: 400, error: "invalid_grant", error_description: "grant request is invalid" });
    expect(error.message).toContain("grant request is invalid");
  });

  it("pitfall 8 / rule 21: HTTP 200 with an error body (GitHub) fails with the provider error, not 'missing access_token'", async () => {
    const body = {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
    };
    const error = await rejection(parseTokenResponse(respond(body)));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data).toEqual({ status: 200, ...body, body });
    expect(error.message).toContain("bad_verification_code");
  });

  it("pitfall 8: error is checked before access_token, and Slack's {ok:false,error} fails", async () => {
    const both = await rejection(parseTokenResponse(respond({ access_token: "at", error: "invalid_scope" })));
    expect(both.key).toBe("token_exchange_failed");
    expect(both.data?.body).toEqual({ access_token: "[redacted]", error: "invalid_scope" });
    const slack = await rejection(parseTokenResponse(respond({ ok: false, error: "invalid_code" })));
    expect(slack.key).toBe("token_exchange_failed");
    expect(slack.data).toMatchObject({ status: 200, error: "invalid_code" });
  });

  it("error=access_denied ⇒ access_denied, with any status", async () => {
    expect((await rejection(parseTokenResponse(respond({ error: "access_denied" }))) ).key).toBe("access_denied");
    expect((await rejection(parseTokenResponse(respond({ error: "access_denied" }, { status: 400 })))).key).toBe("access_denied");
  });

  it("pitfall 7: parses form-encoded bodies (GitHub without Accept: application/json)", async () => {
    const token = await parseTokenResponse(respond("access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer", { type: FORM_TYPE }));
    expect(token).toEqual({ access_token: "gho_16C7e42F292c6912E7710c838347Ae178B4a", scope: "repo,gist", token_type: "bearer", tokenType: "Bearer" });
  });

  it("pitfall 7: parses form bodies with a wrong content type and form-encoded errors", async () => {
    const token = await parseTokenResponse(respond("access_token=a%2Bb&expires_in=60", { type: "text/plain" }));
    expect(token).toEqual({ access_token: "a+b", expires_in: 60 });
    const mislabelled = await parseTokenResponse(respond("access_token=x&token_type=bearer", { type: "application/json" }));
    expect(mislabelled.access_token).toBe("x");
    const error = await rejection(
      parseTokenResponse(respond("error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.", { type: FORM_TYPE })),
    );
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data).toMatchObject({ status: 200, error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
  });

  it("parses JSON labelled as text/html or with no content type", async () => {
    expect((await parseTokenResponse(respond({ access_token: "a" }, { type: "text/html" }))).access_token).toBe("a");
    const bare = new Response('{"access_token":"b"}', { status: 200 });
    bare.headers.delete("content-type");
    expect((await parseTokenResponse(bare)).access_token).toBe("b");
  });

  it("non-2xx without an error member ⇒ token_exchange_failed with status and a body snippet", async () => {
    const html = await rejection(parseTokenResponse(respond("<html><body>Bad Gateway</body></html>", { status: 502, type: "text/html" })));
    expect(html.key).toBe("token_exchange_failed");
    expect(html.data).toEqual({ status: 502, body: "<html><body>Bad Gateway</body></html>" });
    const json = await rejection(parseTokenResponse(respond({ message: "nope" }, { status: 401 })));
    expect(json.data).toEqual({ status: 401, body: { message: "nope" } });
    const long = await rejection(parseTokenResponse(respond("x".repeat(5000), { status: 500, type: "text/plain" })));
    expect((long.data?.body as string).length).toBeLessThanOrEqual(2001);
  });

  it("a 2xx token-bearing response is not an error even when status is 201", async () => {
    expect((await parseTokenResponse(respond({ access_token: "a" }, { status: 201 }))).access_token).toBe("a");
  });

  it("rule 21: a missing or empty access_token ⇒ token_exchange_failed, with tokens redacted in data", async () => {
    const error = await rejection(parseTokenResponse(respond({ refresh_token: "secret-rt", token_type: "bearer" })));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.message).toContain("access_token");
    expect(error.data).toEqual({ status: 200, body: { refresh_token: "[redacted]", token_type: "bearer" } });
    expect((await rejection(parseTokenResponse(respond({ access_token: "" })))).key).toBe("token_exchange_failed");
    expect((await rejection(parseTokenResponse(respond({ access_token: 42 })))).key).toBe("token_exchange_failed");
  });

  it("empty, array and garbage bodies ⇒ token_exchange_failed", async () => {
    for (const body of ["", "   ", "[1,2]", '"str"', "{not json", "hello world"]) {
      const error = await rejection(parseTokenResponse(respond(body, { type: "text/plain" })));
      expect(error.key).toBe("token_exchange_failed");
    }
  });

  it("pitfall 9 / rule 20: a string expires_in is coerced to a number", async () => {
    expect((await parseTokenResponse(respond({ access_token: "a", expires_in: "3600" }))).expires_in).toBe(3600);
    expect((await parseTokenResponse(respond({ access_token: "a", expires_in: " 60 " }))).expires_in).toBe(60);
    expect((await parseTokenResponse(respond({ access_token: "a", expires_in: 59.5 }))).expires_in).toBe(59.5);
  });

  it.each([[-5], ["-5"], ["abc"], [""], [0], ["0"], [null], [true], ["1e3"], [{}]])(
    "rule 20: expires_in %j is treated as unknown (dropped)",
    async (expiresIn) => {
      const token = await parseTokenResponse(respond({ access_token: "a", expires_in: expiresIn }));
      expect(token).not.toHaveProperty("expires_in");
    },
  );

  it("pitfall 10 / RFC 6749 §6: a null or empty refresh_token is dropped so the stored one is kept", async () => {
    expect(await parseTokenResponse(respond({ access_token: "a", refresh_token: null }))).not.toHaveProperty("refresh_token");
    expect(await parseTokenResponse(respond({ access_token: "a", refresh_token: "" }))).not.toHaveProperty("refresh_token");
    const error = await rejection(parseTokenResponse(respond({ access_token: "a", refresh_token: 123 })));
    expect(error.key).toBe("token_exchange_failed");
    expect(error.data?.body).toMatchObject({ access_token: "[redacted]", refresh_token: "[redacted]" });
  });

  it("RFC 6749 §3.3: scope stays a space-delimited string; a JSON array of scopes is joined", async () => {
    expect((await parseTokenResponse(respond({ access_token: "a", scope: "openid api:read" }))).scope).toBe("openid api:read");
    expect((await parseTokenResponse(respond({ access_token: "a", scope: ["openid", "api:read"] }))).scope).toBe("openid api:read");
    expect((await rejection(parseTokenResponse(respond({ access_token: "a", scope: 5 })))).key).toBe("token_exchange_failed");
  });

  it("an unreadable body ⇒ network_error", async () => {
    const response = respond({ access_token: "a" });
    await response.text();
    expect((await rejection(parseTokenResponse(response))).key).toBe("network_error");
  });
});

describe("computeExpiresAt / isExpired", () => {
  const t = 1_700_000_000_000;

  it("RFC 6749 §5.1: expires_at = arrival time + expires_in seconds; unknown stays undefined", () => {
    expect(computeExpiresAt(3600, t)).toBe(t + 3_600_000);
    expect(computeExpiresAt(undefined, t)).toBeUndefined();
    expect(computeExpiresAt(-5, t)).toBeUndefined();
    expect(computeExpiresAt(0, t)).toBeUndefined();
    expect(computeExpiresAt(Number.NaN, t)).toBeUndefined();
  });

  it("rule 20: expires_in '60' with a 30 s margin is fresh at t+29 s and expired at t+31 s", async () => {
    const token = await parseTokenResponse(respond({ access_token: "a", expires_in: "60" }));
    const expiresAt = computeExpiresAt(token.expires_in, t);
    expect(isExpired(expiresAt, t + 29_000, 30_000)).toBe(false);
    expect(isExpired(expiresAt, t + 31_000, 30_000)).toBe(true);
    expect(isExpired(expiresAt, t + 59_999)).toBe(false);
    expect(isExpired(expiresAt, t + 60_000)).toBe(true);
  });

  it("rule 20: an unknown expiry is never expired (refresh on 401)", () => {
    expect(isExpired(undefined, t, 30_000)).toBe(false);
  });

  it("pitfall 17: a negative or non-finite margin ⇒ invalid_argument", () => {
    expect(() => isExpired(t, t, -1)).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(() => isExpired(t, t, Number.NaN)).toThrow(expect.objectContaining({ key: "invalid_argument" }));
  });
});
