/**
 * The mock OAuth 1.0a provider on its own: its RFC 5849 verifier against the RFC's published
 * vectors, then the three legs and protected requests through `handle(request)`, signed by
 * auth-core's (independent) signer.
 */
import { signOAuth1Request } from "@plugboard/auth-core";
import type { OAuth1SignatureMethod } from "@plugboard/auth-core";
import { beforeEach, describe, expect, it } from "vitest";
import { findDecisionLink } from "./consent.ts";
import { createMockOAuth1Provider } from "./oauth1-provider.ts";
import { collectParameters, hmacSignature, normalizeParameters, parseOAuthHeader, rfc5849Encode, signatureBaseString } from "./oauth1-signature.ts";

describe("RFC 5849 verifier", () => {
  it("builds the §3.4.1 example base string (query, header and form body parameters)", () => {
    const header = parseOAuthHeader(
      'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"',
    );
    const url = "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
    const pairs = collectParameters(url, header, [...new URLSearchParams("c2&a3=2+q")]);
    expect(normalizeParameters(pairs)).toBe(
      "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
    );
    expect(signatureBaseString("POST", url, pairs)).toBe(
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    );
  });

  it.each([
    [
      "temporary credentials",
      "POST",
      "https://photos.example.net/initiate",
      { oauth_timestamp: "137131200", oauth_nonce: "wIjqoS", oauth_callback: "http://printer.example.com/ready" },
      "",
      "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
    ],
    [
      "token credentials",
      "POST",
      "https://photos.example.net/token",
      { oauth_token: "hh5s93j4hdidpola", oauth_timestamp: "137131201", oauth_nonce: "walatlh", oauth_verifier: "hfdp7dh39dks9884" },
      "hdhd0244k9j7ao03",
      "gKgrFCywp7rO0OXSjdot/IHF7IU=",
    ],
    [
      "protected resource",
      "GET",
      "http://photos.example.net/photos?file=vacation.jpg&size=original",
      { oauth_token: "nnch734d00sl2jdk", oauth_timestamp: "137131202", oauth_nonce: "chapoH" },
      "pfkkdhi9sl3r4s00",
      "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
    ],
  ])("reproduces the §1.2 photos walk-through: %s", async (_step, method, url, oauth, tokenSecret, expected) => {
    const header = new Map(Object.entries({ realm: "Photos", oauth_consumer_key: "dpf43f3p2l4k3l03", oauth_signature_method: "HMAC-SHA1", ...oauth }));
    const baseString = signatureBaseString(method, url, collectParameters(url, header, undefined));
    expect(await hmacSignature("HMAC-SHA1", baseString, "kd94hf93k423kf44", tokenSecret)).toBe(expected);
  });

  it.each([
    ["GET with query parameters", "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", undefined, "tR3+Ty81lMeYAr/Fid0kMTYa/WM="],
    ["POST with a form body", "POST", "http://photos.example.net/photos", "file=vacation.jpg&size=original", "wPkvxykrw+BTdCcGqKr+3I+PsiM="],
  ])("reproduces the OAuth Core 1.0 reference sample: %s", async (_case, method, url, body, expected) => {
    const header = new Map(
      Object.entries({
        oauth_consumer_key: "dpf43f3p2l4k3l03",
        oauth_token: "nnch734d00sl2jdk",
        oauth_nonce: "kllo9940pd9333jh",
        oauth_timestamp: "1191242096",
        oauth_signature_method: "HMAC-SHA1",
        oauth_version: "1.0",
      }),
    );
    const form = body === undefined ? undefined : [...new URLSearchParams(body)];
    const baseString = signatureBaseString(method, url, collectParameters(url, header, form));
    expect(await hmacSignature("HMAC-SHA1", baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).toBe(expected);
  });

  it("encodes with the RFC 5849 §3.6 set, not encodeURIComponent's", () => {
    expect(rfc5849Encode("!*'() ~é")).toBe("%21%2A%27%28%29%20~%C3%A9");
  });

  it("parses OAuth headers strictly", () => {
    expect(parseOAuthHeader('OAuth oauth_token="a%20b",oauth_nonce="n"')).toEqual(new Map([["oauth_token", "a b"], ["oauth_nonce", "n"]]));
    expect(parseOAuthHeader("Bearer abc")).toBeUndefined();
    expect(() => parseOAuthHeader('OAuth oauth_token="a", oauth_token="b"')).toThrow(/more than once/);
    expect(() => parseOAuthHeader("OAuth oauth_token=unquoted")).toThrow(/Malformed/);
  });
});

describe("mock OAuth 1.0a provider", () => {
  const CONSUMER = { key: "consumer-key", secret: "consumer secret/+&" };
  const CALLBACK = "https://app.example/oauth/callback?state=s1";
  let clock = 1_750_000_000_000;
  const provider = createMockOAuth1Provider({
    name: "Photos",
    origin: "https://photos.test",
    consumers: [{ ...CONSUMER, name: "Printer" }],
    permissions: ["See your photos"],
    now: () => clock,
  });

  beforeEach(() => {
    provider.reset();
    clock = 1_750_000_000_000;
  });

  interface Signing {
    method?: OAuth1SignatureMethod;
    token?: string;
    tokenSecret?: string;
    callback?: string;
    verifier?: string;
    nonce?: string;
    form?: Record<string, string>;
    consumer?: { key: string; secret: string };
  }

  async function signed(method: string, url: string, signing: Signing = {}): Promise<Request> {
    const consumer = signing.consumer ?? CONSUMER;
    const { authorization } = await signOAuth1Request({
      method,
      url,
      consumerKey: consumer.key,
      consumerSecret: consumer.secret,
      signatureMethod: signing.method ?? "HMAC-SHA1",
      timestamp: Math.floor(clock / 1000),
      ...(signing.form ? { params: signing.form } : {}),
      ...(signing.token ? { token: signing.token } : {}),
      ...(signing.tokenSecret !== undefined ? { tokenSecret: signing.tokenSecret } : {}),
      ...(signing.callback ? { callback: signing.callback } : {}),
      ...(signing.verifier ? { verifier: signing.verifier } : {}),
      ...(signing.nonce ? { nonce: signing.nonce } : {}),
    });
    return new Request(url, {
      method,
      headers: { authorization, ...(signing.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(signing.form ? { body: new URLSearchParams(signing.form) } : {}),
    });
  }

  async function send(request: Request): Promise<{ status: number; fields: Record<string, string>; response: Response }> {
    const response = (await provider.handle(request))!;
    return { status: response.status, fields: Object.fromEntries(new URLSearchParams(await response.clone().text())), response };
  }

  async function requestToken(signing: Signing = {}) {
    return send(await signed("POST", provider.requestTokenUri, { callback: CALLBACK, ...signing }));
  }

  async function decide(token: string, decision: "approve" | "deny"): Promise<URL> {
    const page = (await provider.handle(new Request(`${provider.authorizeUri}?oauth_token=${token}`)))!;
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Allow Printer to access your Photos account?");
    expect(html).toContain("<li>See your photos</li>");
    const answer = (await provider.handle(new Request(findDecisionLink(html, decision)!)))!;
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get("location")!);
  }

  async function accessToken(method: OAuth1SignatureMethod = "HMAC-SHA1") {
    const temporary = (await requestToken({ method })).fields;
    const callback = await decide(temporary.oauth_token!, "approve");
    return send(
      await signed("POST", provider.accessTokenUri, { method, token: temporary.oauth_token!, tokenSecret: temporary.oauth_token_secret!, verifier: callback.searchParams.get("oauth_verifier")! }),
    );
  }

  it.each<OAuth1SignatureMethod>(["HMAC-SHA1", "HMAC-SHA256"])("runs the three legs and verifies a protected request (%s)", async (method) => {
    const temporary = await requestToken({ method });
    expect(temporary.status).toBe(200);
    expect(temporary.response.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(temporary.fields).toEqual({ oauth_token: expect.any(String), oauth_token_secret: expect.any(String), oauth_callback_confirmed: "true" });

    const callback = await decide(temporary.fields.oauth_token!, "approve");
    // The callback keeps its own query (our state) and gains the token and verifier.
    expect(callback.search).toMatch(/^\?state=s1&oauth_token=/);
    expect(callback.searchParams.get("oauth_token")).toBe(temporary.fields.oauth_token);

    const access = await send(
      await signed("POST", provider.accessTokenUri, {
        method,
        token: temporary.fields.oauth_token!,
        tokenSecret: temporary.fields.oauth_token_secret!,
        verifier: callback.searchParams.get("oauth_verifier")!,
      }),
    );
    expect(access.status).toBe(200);
    expect(access.fields).toEqual({ oauth_token: expect.any(String), oauth_token_secret: expect.any(String), user_id: "12345", screen_name: "ada" });

    const verified = await provider.verifyRequest(
      await signed("POST", "https://api.photos.test/albums?x=1", { method, token: access.fields.oauth_token!, tokenSecret: access.fields.oauth_token_secret!, form: { title: "Summer 2026", "a b": "c+d" } }),
    );
    expect(verified).toMatchObject({ ok: true, consumerKey: CONSUMER.key, token: access.fields.oauth_token, user: { id: "12345", screenName: "ada" }, signatureMethod: method });
    expect(provider.stats).toEqual({ requestTokenRequests: 1, authorizeRequests: 1, accessTokenRequests: 1, verifiedRequests: 1, rejectedRequests: 0 });
  });

  it("refuses a form body changed after signing (form parameters are signed)", async () => {
    const access = (await accessToken()).fields;
    const original = await signed("POST", "https://api.photos.test/albums", { token: access.oauth_token!, tokenSecret: access.oauth_token_secret!, form: { title: "A" } });
    const tampered = new Request(original.url, { method: "POST", headers: original.headers, body: "title=B" });
    const result = await provider.verifyRequest(tampered);
    expect(result).toMatchObject({ ok: false, status: 401, problem: "signature_invalid" });
    if (result.ok) return;
    expect(result.response.headers.get("www-authenticate")).toBe('OAuth realm="Photos"');
    expect(new URLSearchParams(await result.response.text()).get("oauth_problem")).toBe("signature_invalid");
  });

  it("refuses a replayed nonce", async () => {
    const access = (await accessToken()).fields;
    const make = () => signed("GET", "https://api.photos.test/me", { token: access.oauth_token!, tokenSecret: access.oauth_token_secret!, nonce: "fixed-nonce" });
    expect((await provider.verifyRequest(await make())).ok).toBe(true);
    expect(await provider.verifyRequest(await make())).toMatchObject({ ok: false, problem: "nonce_used" });
  });

  it("refuses requests signed with the wrong token secret, an unknown token, or a revoked one", async () => {
    const access = (await accessToken()).fields;
    expect(await provider.verifyRequest(await signed("GET", "https://api.photos.test/me", { token: access.oauth_token!, tokenSecret: "wrong" }))).toMatchObject({
      ok: false,
      problem: "signature_invalid",
    });
    expect(await provider.verifyRequest(await signed("GET", "https://api.photos.test/me", { token: "nope", tokenSecret: "x" }))).toMatchObject({ ok: false, problem: "token_rejected" });
    provider.revokeAccessTokens();
    expect(provider.isValidAccessToken(access.oauth_token)).toBe(false);
    expect(await provider.verifyRequest(await signed("GET", "https://api.photos.test/me", { token: access.oauth_token!, tokenSecret: access.oauth_token_secret! }))).toMatchObject({
      ok: false,
      problem: "token_rejected",
    });
  });

  it("requires oauth_callback on the request token request", async () => {
    const { status, fields } = await send(await signed("POST", provider.requestTokenUri));
    expect(status).toBe(400);
    expect(fields).toMatchObject({ oauth_problem: "parameter_absent", oauth_parameters_absent: "oauth_callback" });
  });

  it.each([
    ["an unknown consumer", { consumer: { key: "who", secret: "x" } }, 401, "consumer_key_unknown"],
    ["a wrong consumer secret", { consumer: { key: CONSUMER.key, secret: "wrong" } }, 401, "signature_invalid"],
    ["PLAINTEXT", { method: "PLAINTEXT" as const }, 400, "signature_method_rejected"],
  ])("refuses %s", async (_case, signing, status, problem) => {
    const result = await requestToken(signing);
    expect(result.status).toBe(status);
    expect(result.fields.oauth_problem).toBe(problem);
    expect(provider.stats.rejectedRequests).toBe(1);
  });

  it("refuses a stale timestamp", async () => {
    const request = await signed("POST", provider.requestTokenUri, { callback: CALLBACK });
    clock += 601_000;
    const { status, fields } = await send(request);
    expect(status).toBe(401);
    expect(fields.oauth_problem).toBe("timestamp_refused");
  });

  it("refuses requests without nonce or timestamp", async () => {
    const request = new Request(provider.requestTokenUri, {
      method: "POST",
      headers: { authorization: `OAuth oauth_consumer_key="${CONSUMER.key}", oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_callback="oob"` },
    });
    const { status, fields } = await send(request);
    expect(status).toBe(400);
    expect(fields).toMatchObject({ oauth_problem: "parameter_absent", oauth_parameters_absent: "oauth_timestamp&oauth_nonce" });
  });

  it("refuses a wrong verifier, and a request token used twice", async () => {
    const temporary = (await requestToken()).fields;
    const callback = await decide(temporary.oauth_token!, "approve");
    const exchange = (verifier: string) =>
      signed("POST", provider.accessTokenUri, { token: temporary.oauth_token!, tokenSecret: temporary.oauth_token_secret!, verifier });
    expect((await send(await exchange("wrong"))).fields.oauth_problem).toBe("verifier_invalid");
    expect((await send(await exchange(callback.searchParams.get("oauth_verifier")!))).status).toBe(200);
    expect((await send(await exchange(callback.searchParams.get("oauth_verifier")!))).fields.oauth_problem).toBe("token_rejected");
  });

  it("refuses to exchange a request token the user has not approved", async () => {
    const temporary = (await requestToken()).fields;
    const { status, fields } = await send(await signed("POST", provider.accessTokenUri, { token: temporary.oauth_token!, tokenSecret: temporary.oauth_token_secret!, verifier: "guess" }));
    expect(status).toBe(401);
    expect(fields.oauth_problem).toBe("permission_unknown");
  });

  it("deny sends the user back with denied=<token> and forgets the token", async () => {
    const temporary = (await requestToken()).fields;
    const callback = await decide(temporary.oauth_token!, "deny");
    expect(callback.searchParams.get("state")).toBe("s1");
    expect(callback.searchParams.get("denied")).toBe(temporary.oauth_token);
    expect(callback.searchParams.get("oauth_verifier")).toBeNull();
    const again = (await provider.handle(new Request(`${provider.authorizeUri}?oauth_token=${temporary.oauth_token}`)))!;
    expect(again.status).toBe(400);
  });

  it("shows the verifier on a page for oob callbacks", async () => {
    const temporary = (await requestToken({ callback: "oob" })).fields;
    const page = (await provider.handle(new Request(`${provider.authorizeUri}?oauth_token=${temporary.oauth_token}`)))!;
    const answer = (await provider.handle(new Request(findDecisionLink(await page.text(), "approve")!)))!;
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/Enter this code in the app: <code>[\w-]+<\/code>/);
  });

  it("shows an error page for an unknown request token", async () => {
    const page = (await provider.handle(new Request(`${provider.authorizeUri}?oauth_token=nope`)))!;
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("This sign-in link is not valid");
  });
});
