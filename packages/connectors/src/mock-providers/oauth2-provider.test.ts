/**
 * The mock OAuth 2.0 server on its own, through `handle(request)` (no MSW, no engine): what it
 * accepts, what it refuses and how, per RFC 6749, RFC 7636 and RFC 9207.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { findDecisionLink } from "./consent.ts";
import { createMockOAuth2Provider } from "./oauth2-provider.ts";
import { sha256Base64Url } from "./util.ts";

const ORIGIN = "https://auth.test.example";
const REDIRECT = "https://app.test.example/callback?tenant=a%20b";
const CONFIDENTIAL = { clientId: "app", clientSecret: "s3cr:et+/&%", name: "Test App", redirectUris: [REDIRECT, "http://127.0.0.1/cb"] };
const PUBLIC = { clientId: "spa", redirectUris: [REDIRECT] };
// RFC 7636 Appendix B.
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

let clock = 1_700_000_000_000;
const provider = createMockOAuth2Provider({
  name: "Test Provider",
  origin: ORIGIN,
  clients: [CONFIDENTIAL, PUBLIC],
  scopes: { read: "Read your data", write: "Change your data" },
  accessTokenTtlSeconds: 600,
  extraCallbackParams: { realmId: "42" },
  now: () => clock,
});

beforeEach(() => {
  provider.reset();
  clock = 1_700_000_000_000;
});

function authorizeUrl(params: Record<string, string | undefined> = {}): string {
  const defaults: Record<string, string> = {
    response_type: "code",
    client_id: CONFIDENTIAL.clientId,
    redirect_uri: REDIRECT,
    state: "xyz",
    scope: "read write",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
  };
  const merged = { ...defaults, ...params };
  const query = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  return `${provider.authorizeUri}?${query}`;
}

async function get(url: string): Promise<Response> {
  const response = await provider.handle(new Request(url));
  if (!response) throw new Error(`not handled: ${url}`);
  return response;
}

/** Authorize + decide; returns the callback URL. */
async function consent(params: Record<string, string | undefined> = {}, decision: "approve" | "deny" = "approve"): Promise<URL> {
  const page = await get(authorizeUrl(params));
  expect(page.status).toBe(200);
  const href = findDecisionLink(await page.text(), decision);
  const answer = await get(new URL(href!, ORIGIN).toString());
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location")!);
}

function basic(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${btoa(`${encode(id)}:${encode(secret)}`)}`;
}

async function token(form: Record<string, string>, headers: Record<string, string> = { authorization: basic(CONFIDENTIAL.clientId, CONFIDENTIAL.clientSecret) }) {
  const response = (await provider.handle(
    new Request(provider.tokenUri, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(form) }),
  ))!;
  return { response, body: (await response.json()) as Record<string, unknown> };
}

async function codeFor(params: Record<string, string | undefined> = {}): Promise<string> {
  return (await consent(params)).searchParams.get("code")!;
}

describe("GET /oauth/authorize", () => {
  it("serves an accessible consent page with the app, the scopes and two plain links", async () => {
    const page = await get(authorizeUrl());
    const html = await page.text();
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<title>Authorize Test App – Test Provider<\/title>/);
    expect(html).toMatch(/<h1 id="page-heading">Allow Test App to access your Test Provider account\?<\/h1>/);
    expect(html).toContain("<li>Read your data</li>");
    expect(html).toContain("<li>Change your data</li>");
    expect(html).not.toMatch(/<script|onclick=|javascript:/i);
    const approve = findDecisionLink(html, "approve")!;
    const deny = findDecisionLink(html, "deny")!;
    expect(new URL(approve).searchParams.get("decision")).toBe("approve");
    expect(new URL(deny).searchParams.get("decision")).toBe("deny");
    // A random per-request id, different on every page.
    const again = findDecisionLink(await (await get(authorizeUrl())).text(), "approve")!;
    expect(new URL(again).searchParams.get("request")).not.toBe(new URL(approve).searchParams.get("request"));
    expect(provider.stats.authorizeRequests).toBe(2);
  });

  it("escapes what it echoes", async () => {
    const evil = createMockOAuth2Provider({ name: "P<b>", origin: ORIGIN, clients: [{ clientId: "x", name: "<script>alert(1)</script>" }], requirePkce: false });
    const html = await (await evil.handle(new Request(`${ORIGIN}/oauth/authorize?response_type=code&client_id=x&redirect_uri=https://a.example/cb&scope=%3Cimg%3E`)))!.text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<li>&lt;img&gt;</li>");
  });

  it.each([
    ["an unknown client", { client_id: "nope" }, "Unknown app"],
    ["no client_id", { client_id: undefined }, "Invalid authorization request"],
    ["an unregistered redirect URI", { redirect_uri: "https://evil.example/callback" }, "Redirect URI not registered"],
    ["a redirect URI that differs only in its query", { redirect_uri: "https://app.test.example/callback?tenant=b" }, "Redirect URI not registered"],
    ["a redirect URI with a fragment", { redirect_uri: `${REDIRECT}#x` }, "Redirect URI not registered"],
  ])("shows an error page for %s and never redirects", async (_case, params, heading) => {
    const response = await get(authorizeUrl(params));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain(`<h1 id="page-heading">${heading}</h1>`);
  });

  it("accepts a registered loopback redirect URI on any port (RFC 8252 §7.3)", async () => {
    const callback = await consent({ redirect_uri: "http://127.0.0.1:53123/cb" });
    expect(callback.origin).toBe("http://127.0.0.1:53123");
    expect(callback.searchParams.get("code")).toMatch(/^code_/);
  });

  it.each([
    ["plain PKCE", "invalid_request", { code_challenge_method: "plain" }],
    ["a challenge without a method (plain by default)", "invalid_request", { code_challenge_method: undefined }],
    ["no PKCE", "invalid_request", { code_challenge: undefined, code_challenge_method: undefined }],
    ["response_type=token", "unsupported_response_type", { response_type: "token" }],
    ["an unknown scope", "invalid_scope", { scope: "read admin" }],
  ])("redirects %s back with error=%s, state and iss", async (_case, error, params) => {
    const response = await get(authorizeUrl(params));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("https://app.test.example/callback");
    expect(location.searchParams.get("tenant")).toBe("a b");
    expect(location.searchParams.get("error")).toBe(error);
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(location.searchParams.get("iss")).toBe(ORIGIN);
  });

  it("lets requirePkce: false providers skip PKCE", async () => {
    const lenient = createMockOAuth2Provider({ name: "Lenient", origin: ORIGIN, clients: [CONFIDENTIAL], requirePkce: false });
    const response = (await lenient.handle(new Request(authorizeUrl({ code_challenge: undefined, code_challenge_method: undefined }))))!;
    expect(response.status).toBe(200);
  });

  it("answers only its own origin and endpoints", async () => {
    expect(await provider.handle(new Request("https://other.example/oauth/authorize"))).toBeUndefined();
    expect(await provider.handle(new Request(`${ORIGIN}/api/things`))).toBeUndefined();
    expect((await provider.handle(new Request(provider.tokenUri)))!.status).toBe(405);
  });

  it("publishes RFC 8414 metadata", async () => {
    const metadata = (await (await get(`${ORIGIN}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: ORIGIN,
      authorization_endpoint: provider.authorizeUri,
      token_endpoint: provider.tokenUri,
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
    });
  });
});

describe("GET /oauth/decide", () => {
  it("approve redirects with code, state, iss and the extra callback parameters, keeping the redirect URI's query", async () => {
    const callback = await consent();
    expect(`${callback.origin}${callback.pathname}`).toBe("https://app.test.example/callback");
    expect(callback.search).toMatch(/^\?tenant=a%20b&code=/);
    expect(callback.searchParams.get("state")).toBe("xyz");
    expect(callback.searchParams.get("iss")).toBe(ORIGIN);
    expect(callback.searchParams.get("realmId")).toBe("42");
  });

  it("deny redirects with error=access_denied and the state", async () => {
    const callback = await consent({}, "deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("xyz");
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("answers each consent request once", async () => {
    const href = findDecisionLink(await (await get(authorizeUrl())).text(), "approve")!;
    expect((await get(href)).status).toBe(302);
    const again = await get(href);
    expect(again.status).toBe(400);
    expect(again.headers.get("location")).toBeNull();
  });
});

describe("POST /oauth/token: authorization_code", () => {
  it("exchanges a code with HTTP Basic (form-encoded secret) and the verifier", async () => {
    const code = await codeFor();
    const { response, body } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      access_token: expect.stringMatching(/^at_/),
      token_type: "Bearer",
      expires_in: 600,
      refresh_token: expect.stringMatching(/^rt_/),
      scope: "read write",
    });
    expect(provider.isValidAccessToken(body.access_token as string)).toBe(true);
    expect(provider.introspect(body.access_token as string)).toMatchObject({ clientId: "app", scopes: ["read", "write"], subject: "user_1" });
    expect(provider.stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it("accepts client credentials in the body", async () => {
    const code = await codeFor();
    const { response } = await token(
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: "app", client_secret: CONFIDENTIAL.clientSecret },
      {},
    );
    expect(response.status).toBe(200);
  });

  it("lets a public client authenticate with PKCE alone", async () => {
    const code = await codeFor({ client_id: "spa" });
    const { response } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: "spa" }, {});
    expect(response.status).toBe(200);
  });

  it.each([
    ["a wrong secret", { authorization: basic("app", "wrong") }],
    ["an unknown client", { authorization: basic("ghost", "x") }],
    ["no client authentication", {}],
    ["a raw (not form-encoded) secret with reserved characters", { authorization: `Basic ${btoa(`app:${"s3cr:et+/&%"}`)}` }],
  ])("refuses %s with a 401 invalid_client and WWW-Authenticate", async (_case, headers) => {
    const code = await codeFor();
    const { response, body } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER }, headers);
    expect(response.status).toBe(401);
    expect(body.error).toBe("invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="Test Provider"/);
  });

  it("refuses two client authentication methods at once", async () => {
    const code = await codeFor();
    const { response, body } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_secret: CONFIDENTIAL.clientSecret });
    expect(response.status).toBe(400);
    expect(body.error).toBe("invalid_request");
  });

  it.each([
    ["a wrong verifier", { code_verifier: "x".repeat(43) }],
    ["no verifier", { code_verifier: undefined }],
    ["another redirect URI", { redirect_uri: "http://127.0.0.1/cb" }],
    ["no redirect URI", { redirect_uri: undefined }],
    ["an unknown code", { code: "code_nope" }],
  ])("refuses %s with invalid_grant", async (_case, overrides) => {
    const code = await codeFor();
    const form = Object.fromEntries(
      Object.entries({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...overrides }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const { response, body } = await token(form);
    expect(response.status).toBe(400);
    expect(body.error).toBe("invalid_grant");
  });

  it("refuses a code_verifier when the authorization request had no challenge", async () => {
    const lenient = createMockOAuth2Provider({ name: "Lenient", origin: ORIGIN, clients: [CONFIDENTIAL], requirePkce: false });
    const page = await (await lenient.handle(new Request(authorizeUrl({ code_challenge: undefined, code_challenge_method: undefined }))))!.text();
    const callback = new URL((await lenient.handle(new Request(findDecisionLink(page, "approve")!)))!.headers.get("location")!);
    const response = (await lenient.handle(
      new Request(lenient.tokenUri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic("app", CONFIDENTIAL.clientSecret) },
        body: new URLSearchParams({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: REDIRECT, code_verifier: VERIFIER }),
      }),
    ))!;
    expect(((await response.json()) as { error: string }).error).toBe("invalid_grant");
  });

  it("refuses a code issued to another client", async () => {
    const code = await codeFor({ client_id: "spa" });
    const { body } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    expect(body.error).toBe("invalid_grant");
  });

  it("expires codes after 60 seconds", async () => {
    const code = await codeFor();
    clock += 61_000;
    const { body } = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    expect(body).toMatchObject({ error: "invalid_grant", error_description: "The authorization code expired." });
  });

  it("refuses a replayed code and revokes the tokens it produced", async () => {
    const code = await codeFor();
    const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER };
    const first = await token(form);
    const second = await token(form);
    expect(second.response.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
    expect(provider.isValidAccessToken(first.body.access_token as string)).toBe(false);
    expect(provider.isValidRefreshToken(first.body.refresh_token as string)).toBe(false);
  });

  it.each([
    ["no grant_type", "invalid_request", {}],
    ["an unsupported grant_type", "unsupported_grant_type", { grant_type: "password" }],
    ["a repeated parameter", "invalid_request", null],
  ])("answers %s with %s", async (_case, error, form) => {
    const body = form ?? "grant_type=authorization_code&code=a&code=b";
    const response = (await provider.handle(
      new Request(provider.tokenUri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic("app", CONFIDENTIAL.clientSecret) },
        body: typeof body === "string" ? body : new URLSearchParams(body),
      }),
    ))!;
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(error);
  });

  it("wants a form body", async () => {
    const response = (await provider.handle(
      new Request(provider.tokenUri, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "authorization_code" }) }),
    ))!;
    expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("uses S256 over the verifier exactly as RFC 7636 Appendix B", async () => {
    expect(await sha256Base64Url(VERIFIER)).toBe(CHALLENGE);
  });
});

describe("POST /oauth/token: refresh_token", () => {
  async function tokens(): Promise<Record<string, unknown>> {
    const code = await codeFor();
    return (await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER })).body;
  }

  it("rotates the refresh token and retires the old one", async () => {
    const first = await tokens();
    const { response, body } = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string });
    expect(response.status).toBe(200);
    expect(body.refresh_token).toMatch(/^rt_/);
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(provider.isValidRefreshToken(first.refresh_token as string)).toBe(false);
    expect(provider.isValidRefreshToken(body.refresh_token as string)).toBe(true);
    expect(provider.isValidAccessToken(body.access_token as string)).toBe(true);
    expect(provider.stats.tokenRequests.refresh_token).toBe(1);
  });

  it("treats reuse of a rotated refresh token as theft: invalid_grant, and the whole grant is revoked", async () => {
    const first = await tokens();
    const second = (await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string })).body;
    const reuse = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string });
    expect(reuse.response.status).toBe(400);
    expect(reuse.body.error).toBe("invalid_grant");
    expect(provider.isValidAccessToken(second.access_token as string)).toBe(false);
    expect(provider.isValidRefreshToken(second.refresh_token as string)).toBe(false);
    expect((await token({ grant_type: "refresh_token", refresh_token: second.refresh_token as string })).body.error).toBe("invalid_grant");
  });

  it("keeps the refresh token (and sends none) when rotation is off", async () => {
    const steady = createMockOAuth2Provider({ name: "Steady", origin: ORIGIN, clients: [CONFIDENTIAL], rotateRefreshTokens: false, requirePkce: false });
    const page = await (await steady.handle(new Request(authorizeUrl({ code_challenge: undefined, code_challenge_method: undefined }))))!.text();
    const callback = new URL((await steady.handle(new Request(findDecisionLink(page, "approve")!)))!.headers.get("location")!);
    const post = async (form: Record<string, string>) =>
      (await (await steady.handle(
        new Request(steady.tokenUri, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic("app", CONFIDENTIAL.clientSecret) },
          body: new URLSearchParams(form),
        }),
      ))!.json()) as Record<string, unknown>;
    const first = await post({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: REDIRECT });
    const refreshed = await post({ grant_type: "refresh_token", refresh_token: first.refresh_token as string });
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.access_token).toMatch(/^at_/);
    expect(steady.isValidRefreshToken(first.refresh_token as string)).toBe(true);
  });

  it("refuses a wider scope than granted with invalid_scope, and narrows on request", async () => {
    const first = await tokens();
    const wider = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string, scope: "read admin" });
    expect(wider.body.error).toBe("invalid_scope");
    const narrower = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string, scope: "read" });
    expect(narrower.body.scope).toBe("read");
  });

  it("expires access tokens on demand, keeping refresh tokens usable", async () => {
    const first = await tokens();
    provider.expireAccessTokens();
    expect(provider.isValidAccessToken(first.access_token as string)).toBe(false);
    expect(provider.isValidRefreshToken(first.refresh_token as string)).toBe(true);
  });

  it("lets access tokens lapse after their lifetime", async () => {
    const first = await tokens();
    clock += 600_001;
    expect(provider.isValidAccessToken(first.access_token as string)).toBe(false);
  });
});
