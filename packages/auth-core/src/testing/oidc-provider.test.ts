/**
 * Proves the oidc-provider harness with plain fetch + node:crypto only (no engine code), so engine tests can rely on it.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOidcTestServer, OidcAuthorizeError, type OidcTestServer } from "./oidc-provider.ts";

const b64url = (buf: Buffer) => buf.toString("base64url");

function pkcePair() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash("sha256").update(verifier).digest()) };
}

interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

let op: OidcTestServer;
let startupMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  op = await startOidcTestServer({ accessTokenTtlSeconds: 30 });
  startupMs = performance.now() - t0;
});
afterAll(() => op?.close());
beforeEach(() => op.resetTokenRequests());

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(op.authorizeUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

function confidentialAuthorizeUrl(challenge: string, state: string, extra: Record<string, string> = {}) {
  const { clientId, redirectUri } = op.clients.confidential;
  return authorizeUrl({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: "openid offline_access api:read",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
}

function basic(id: string, secret: string) {
  // RFC 6749 §2.3.1: form-encode each part before base64.
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString("base64")}`;
}

async function tokenRequest(form: Record<string, string>, auth: "basic" | "none" = "basic") {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (auth === "basic") headers.authorization = basic(op.clients.confidential.clientId, op.clients.confidential.clientSecret);
  const res = await fetch(op.tokenUri, { method: "POST", headers, body: new URLSearchParams(form) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as TokenResponse };
}

/** Full code flow for the confidential client; returns the token response. */
async function codeFlow() {
  const { verifier, challenge } = pkcePair();
  const state = b64url(randomBytes(12));
  const callback = await op.authorize(confidentialAuthorizeUrl(challenge, state));
  const code = callback.searchParams.get("code");
  expect(code).toBeTruthy();
  return tokenRequest({ grant_type: "authorization_code", code: code!, redirect_uri: op.clients.confidential.redirectUri, code_verifier: verifier });
}

describe("oidc-provider test server", () => {
  it("starts fast on 127.0.0.1 and serves discovery", async () => {
    expect(op.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(startupMs).toBeLessThan(2000);
    const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(op.issuer);
    expect(doc.authorization_endpoint).toBe(op.authorizeUri);
    expect(doc.token_endpoint).toBe(op.tokenUri);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "offline_access", "api:read"]));
  });

  it("code + PKCE flow with client_secret_basic gives access + refresh tokens; callback carries state and iss", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await op.authorize(confidentialAuthorizeUrl(challenge, "st-1"));
    expect(callback.origin + callback.pathname).toBe(op.clients.confidential.redirectUri);
    expect(callback.searchParams.get("state")).toBe("st-1");
    expect(callback.searchParams.get("iss")).toBe(op.issuer);
    const code = callback.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const res = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: op.clients.confidential.redirectUri, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toMatchObject({ token_type: "Bearer", expires_in: 30, scope: "openid offline_access api:read" });
    expect(res.json.access_token).toBeTruthy();
    expect(res.json.refresh_token).toBeTruthy();
    expect(res.json.id_token).toBeTruthy();

    // The access token works at userinfo.
    const me = await fetch(op.userinfoUri, { headers: { authorization: `Bearer ${res.json.access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: "alice" });

    // Code replay is rejected.
    const replay = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: op.clients.confidential.redirectUri, code_verifier: verifier });
    expect(replay.json.error).toBe("invalid_grant");
    expect(op.tokenRequests).toEqual({ authorization_code: 2, refresh_token: 0, total: 2 });
  });

  it("issues a refresh token without prompt=consent, and the login option sets the subject", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await op.authorize(confidentialAuthorizeUrl(challenge, "st-2"), { login: "bob" });
    const res = await tokenRequest({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: op.clients.confidential.redirectUri, code_verifier: verifier });
    expect(res.json.refresh_token).toBeTruthy();
    const me = await fetch(op.userinfoUri, { headers: { authorization: `Bearer ${res.json.access_token}` } });
    expect(await me.json()).toEqual({ sub: "bob" });
  });

  it("no refresh token when offline_access is not requested", async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await op.authorize(confidentialAuthorizeUrl(challenge, "st-3", { scope: "openid api:read" }));
    const res = await tokenRequest({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: op.clients.confidential.redirectUri, code_verifier: verifier });
    expect(res.status).toBe(200);
    expect(res.json.refresh_token).toBeUndefined();
  });

  it("deny gives error=access_denied with the state and iss", async () => {
    const { challenge } = pkcePair();
    const callback = await op.authorize(confidentialAuthorizeUrl(challenge, "st-deny"), { deny: true });
    expect(callback.origin + callback.pathname).toBe(op.clients.confidential.redirectUri);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("st-deny");
    expect(callback.searchParams.get("iss")).toBe(op.issuer);
    expect(callback.searchParams.has("code")).toBe(false);
  });

  it("missing PKCE is an error redirect; an unregistered redirect_uri is a 400 page, not a redirect", async () => {
    const { clientId, redirectUri } = op.clients.publicClient;
    const noPkce = await op.authorize(authorizeUrl({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid", state: "s" }));
    expect(noPkce.searchParams.get("error")).toBe("invalid_request");
    expect(noPkce.searchParams.get("state")).toBe("s");

    const { challenge } = pkcePair();
    const bad = op.authorize(confidentialAuthorizeUrl(challenge, "s", { redirect_uri: `${redirectUri}/` }));
    await expect(bad).rejects.toBeInstanceOf(OidcAuthorizeError);
    await expect(bad).rejects.toMatchObject({ status: 400, body: expect.stringContaining("invalid_redirect_uri") });
  });

  it("wrong code_verifier gives invalid_grant", async () => {
    const { challenge } = pkcePair();
    const callback = await op.authorize(confidentialAuthorizeUrl(challenge, "st-4"));
    const res = await tokenRequest({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: op.clients.confidential.redirectUri, code_verifier: pkcePair().verifier });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe("invalid_grant");
  });

  it("refresh rotation: new RT each time; reusing the old RT is invalid_grant and revokes the new one too", async () => {
    const first = await codeFlow();
    const rt1 = first.json.refresh_token!;
    const second = await tokenRequest({ grant_type: "refresh_token", refresh_token: rt1 });
    expect(second.status).toBe(200);
    const rt2 = second.json.refresh_token!;
    expect(rt2).toBeTruthy();
    expect(rt2).not.toBe(rt1);
    expect(second.json.access_token).not.toBe(first.json.access_token);

    const reuse = await tokenRequest({ grant_type: "refresh_token", refresh_token: rt1 });
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe("invalid_grant");
    const afterRevoke = await tokenRequest({ grant_type: "refresh_token", refresh_token: rt2 });
    expect(afterRevoke.json.error).toBe("invalid_grant");
    expect(op.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 3, total: 4 });
  });

  it("public client: PKCE flow without a secret, CORS for its redirect origin", async () => {
    const { clientId, redirectUri } = op.clients.publicClient;
    const { verifier, challenge } = pkcePair();
    const callback = await op.authorize(authorizeUrl({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid offline_access", state: "p", code_challenge: challenge, code_challenge_method: "S256" }));
    const res = await fetch(op.tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(redirectUri).origin },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: verifier }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(new URL(redirectUri).origin);
    const json = (await res.json()) as TokenResponse;
    expect(json.refresh_token).toBeTruthy();
  });

  it("client_secret_post client and auth failures are counted too", async () => {
    const { clientId, clientSecret, redirectUri } = op.clients.confidentialPost;
    const { verifier, challenge } = pkcePair();
    const callback = await op.authorize(authorizeUrl({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid", state: "x", code_challenge: challenge, code_challenge_method: "S256" }));
    const ok = await fetch(op.tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: verifier }),
    });
    expect(ok.status).toBe(200);

    const wrong = await fetch(op.tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(op.clients.confidential.clientId, "nope") },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "whatever" }),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as TokenResponse).error).toBe("invalid_client");
    expect(op.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 1, total: 2 });
  });
});

describe("oidc-provider options", () => {
  it("rotateRefreshTokens: false keeps the RT reusable", async () => {
    const srv = await startOidcTestServer({ rotateRefreshTokens: false, redirectUris: ["http://127.0.0.1:9/cb"] });
    try {
      const { clientId, clientSecret, redirectUri } = srv.clients.confidential;
      expect(redirectUri).toBe("http://127.0.0.1:9/cb");
      const { verifier, challenge } = pkcePair();
      const url = new URL(srv.authorizeUri);
      url.search = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid offline_access", state: "s", code_challenge: challenge, code_challenge_method: "S256" }).toString();
      const callback = await srv.authorize(url);
      const post = async (form: Record<string, string>) =>
        (await (
          await fetch(srv.tokenUri, { method: "POST", headers: { authorization: basic(clientId, clientSecret) }, body: new URLSearchParams(form) })
        ).json()) as TokenResponse;
      const first = await post({ grant_type: "authorization_code", code: callback.searchParams.get("code")!, redirect_uri: redirectUri, code_verifier: verifier });
      const rt = first.refresh_token!;
      const a = await post({ grant_type: "refresh_token", refresh_token: rt });
      const b = await post({ grant_type: "refresh_token", refresh_token: rt });
      expect(a.refresh_token ?? rt).toBe(rt);
      expect(b.access_token).toBeTruthy();
      expect(srv.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 2, total: 3 });
    } finally {
      await srv.close();
    }
  });
});
