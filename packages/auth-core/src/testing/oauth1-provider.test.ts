/**
 * Proves the OAuth 1.0a test provider with a tiny hand-written RFC 5849 signer (node:crypto only), independent of
 * both oauthlib and our src/oauth signer, so engine tests can rely on the provider.
 */
import { createHmac, createSign, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOAuth1TestProvider, type OAuth1ResourceResponse, type OAuth1TestProvider } from "./oauth1-provider.ts";

// ---- minimal RFC 5849 signer (§3.4, §3.5.1) ----
const pct = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface SignInput {
  method: string;
  url: string;
  /** Form body params (signed and sent as x-www-form-urlencoded). */
  form?: [string, string][];
  consumerKey: string;
  consumerSecret?: string;
  token?: string;
  tokenSecret?: string;
  extraOAuth?: Record<string, string>;
  signatureMethod?: "HMAC-SHA1" | "HMAC-SHA256" | "RSA-SHA1";
  rsaPrivateKeyPem?: string;
  realm?: string;
  nonce?: string;
  timestamp?: string;
}

function sign(input: SignInput): { authorization: string; body?: string; signature: string } {
  const url = new URL(input.url);
  const method = input.signatureMethod ?? "HMAC-SHA1";
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomBytes(18).toString("base64url").replace(/[-_]/g, "x").slice(0, 24),
    oauth_signature_method: method,
    oauth_timestamp: input.timestamp ?? String(Math.floor(Date.now() / 1000)),
    oauth_version: "1.0",
    ...(input.token ? { oauth_token: input.token } : {}),
    ...input.extraOAuth,
  };
  const pairs: [string, string][] = [...url.searchParams, ...(input.form ?? []), ...Object.entries(oauth)];
  const normalized = pairs
    .map(([k, v]) => [pct(k), pct(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`; // WHATWG URL already drops default ports, lowercases host
  const base = [input.method.toUpperCase(), pct(baseUri), pct(normalized)].join("&");
  const key = `${pct(input.consumerSecret ?? "")}&${pct(input.tokenSecret ?? "")}`;
  const signature =
    method === "RSA-SHA1"
      ? createSign("RSA-SHA1").update(base).sign(input.rsaPrivateKeyPem!, "base64")
      : createHmac(method === "HMAC-SHA256" ? "sha256" : "sha1", key).update(base).digest("base64");
  const header = Object.entries({ ...oauth, oauth_signature: signature })
    .map(([k, v]) => `${pct(k)}="${pct(v)}"`)
    .join(", ");
  const authorization = `OAuth ${input.realm !== undefined ? `realm="${input.realm}", ` : ""}${header}`;
  const body = input.form ? input.form.map(([k, v]) => `${pct(k)}=${pct(v)}`).join("&") : undefined;
  return { authorization, signature, ...(body !== undefined ? { body } : {}) };
}

async function send(input: SignInput, tamper?: (req: { authorization: string; body?: string; url: string }) => void) {
  const signed = sign(input);
  const req = { authorization: signed.authorization, url: input.url, ...(signed.body !== undefined ? { body: signed.body } : {}) };
  tamper?.(req);
  const headers: Record<string, string> = { authorization: req.authorization };
  if (req.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await fetch(req.url, { method: input.method, headers, ...(req.body !== undefined ? { body: req.body } : {}) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const CALLBACK = "http://127.0.0.1:5173/oauth1/callback?from=test";

let provider: OAuth1TestProvider;
let startupMs = 0;
let access: { token: string; secret: string };

beforeAll(async () => {
  const t0 = performance.now();
  provider = await startOAuth1TestProvider({ rsa: true });
  startupMs = performance.now() - t0;
});
afterAll(() => provider?.close());

const consumer = () => ({ consumerKey: provider.consumer.key, consumerSecret: provider.consumer.secret });

async function requestToken(extra: Partial<SignInput> = {}) {
  const res = await send({ method: "POST", url: provider.requestTokenUri, ...consumer(), extraOAuth: { oauth_callback: CALLBACK }, ...extra });
  expect(res.status, res.text).toBe(200);
  const form = new URLSearchParams(res.text);
  return { token: form.get("oauth_token")!, secret: form.get("oauth_token_secret")!, form };
}

async function accessToken(rt: { token: string; secret: string }, verifier: string) {
  return send({ method: "POST", url: provider.accessTokenUri, ...consumer(), token: rt.token, tokenSecret: rt.secret, extraOAuth: { oauth_verifier: verifier } });
}

async function api(input: Partial<SignInput> & { url?: string } = {}, tamper?: Parameters<typeof send>[1]) {
  const res = await send({ method: "GET", url: provider.resourceUri, ...consumer(), token: access.token, tokenSecret: access.secret, ...input }, tamper);
  return { status: res.status, json: JSON.parse(res.text) as OAuth1ResourceResponse, headers: res.headers };
}

describe("OAuth 1.0a test provider (oauthlib)", () => {
  it("starts on 127.0.0.1 and reports its port", async () => {
    expect(provider.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(startupMs).toBeLessThan(5000);
    const res = await fetch(`${provider.baseUrl}/health`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("full three-legged flow: request token → consent page → approve → access token → /api/me", async () => {
    const rt = await requestToken();
    expect(rt.form.get("oauth_callback_confirmed")).toBe("true");
    expect(rt.secret).toBeTruthy();

    // Consent page without approve/deny.
    const page = await fetch(`${provider.authorizeUri}?oauth_token=${encodeURIComponent(rt.token)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/id="approve" href="[^"]*approve=1"/);

    const approve = await fetch(`${provider.authorizeUri}?oauth_token=${encodeURIComponent(rt.token)}&approve=1`, { redirect: "manual" });
    expect(approve.status).toBe(302);
    const callback = new URL(approve.headers.get("location")!);
    expect(callback.origin + callback.pathname).toBe("http://127.0.0.1:5173/oauth1/callback");
    expect(callback.searchParams.get("from")).toBe("test");
    expect(callback.searchParams.get("oauth_token")).toBe(rt.token);
    const verifier = callback.searchParams.get("oauth_verifier")!;
    expect(verifier).toBeTruthy();

    const at = await accessToken(rt, verifier);
    expect(at.status, at.text).toBe(200);
    const form = new URLSearchParams(at.text);
    access = { token: form.get("oauth_token")!, secret: form.get("oauth_token_secret")! };
    expect(access.token).toBeTruthy();
    expect(access.token).not.toBe(rt.token);

    const me = await api({ url: `${provider.resourceUri}?fields=id%20name&x=1` });
    expect(me.status, JSON.stringify(me.json)).toBe(200);
    expect(me.json).toMatchObject({ ok: true, method: "GET", path: "/api/me", params: { fields: "id name", x: "1" }, consumer_key: provider.consumer.key, token: access.token, signature_method: "HMAC-SHA1" });

    // The request token is single-use.
    const again = await accessToken(rt, verifier);
    expect(again.status).toBe(401);
  });

  it("tampered signature → 401 invalid_signature", async () => {
    const res = await api({}, (req) => {
      req.authorization = req.authorization.replace(/oauth_signature="([^"]+)"/, (_m, sig: string) => `oauth_signature="${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}"`);
    });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ ok: false, error: "invalid_signature", checks: { signature: false, client: true } });
    expect(res.headers.get("www-authenticate")).toMatch(/^OAuth /);
  });

  it("replayed nonce → 401 nonce_replayed", async () => {
    const fixed = { nonce: "abcdefghijklmnopqrstuvwx", timestamp: String(Math.floor(Date.now() / 1000)) };
    expect((await api(fixed)).status).toBe(200);
    const replay = await api(fixed);
    expect(replay.status).toBe(401);
    expect(replay.json.error).toBe("nonce_replayed");
  });

  it("form-encoded POST bodies are part of the signature; tampering with the body fails", async () => {
    const form: [string, string][] = [["tag", "b"], ["tag", "a"], ["note", "x y+z&=é"]];
    const ok = await api({ method: "POST", url: `${provider.baseUrl}/api/items?page=2`, form });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ method: "POST", path: "/api/items", params: { page: "2", tag: ["b", "a"], note: "x y+z&=é" } });

    const tampered = await api({ method: "POST", url: `${provider.baseUrl}/api/items`, form }, (req) => {
      req.body = req.body!.replace("tag=b", "tag=c");
    });
    expect(tampered.status).toBe(401);
    expect(tampered.json.error).toBe("invalid_signature");
  });

  it("non-form bodies (JSON) are not part of the signature", async () => {
    const res = await api({ method: "POST", url: `${provider.baseUrl}/api/items` }, (req) => {
      req.body = JSON.stringify({ a: 1 });
    });
    expect(res.status).toBe(401); // send() labels the body form-encoded, so the unsigned body counts and fails...
    const signed = sign({ method: "POST", url: `${provider.baseUrl}/api/items`, ...consumer(), token: access.token, tokenSecret: access.secret });
    const json = await fetch(`${provider.baseUrl}/api/items`, { method: "POST", headers: { authorization: signed.authorization, "content-type": "application/json" }, body: JSON.stringify({ a: 1 }) });
    expect(json.status).toBe(200); // ...while a JSON body is ignored by verification
  });

  it("raw query characters WHATWG leaves unescaped ([]|{}) are accepted (oauthlib alone would reject them)", async () => {
    const url = `${provider.resourceUri}?a[]=1&b=x|y&c={z}&d=%5B%5D`;
    expect(new URL(url).search).toContain("a[]=1"); // fetch sends them raw
    const res = await api({ url });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.params).toEqual({ "a[]": "1", b: "x|y", c: "{z}", d: "[]" });
  });

  it("HMAC-SHA256, realm in the header, and other methods under /api/", async () => {
    const res = await api({ method: "DELETE", url: `${provider.baseUrl}/api/things/42`, signatureMethod: "HMAC-SHA256", realm: "Photos" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ method: "DELETE", path: "/api/things/42", signature_method: "HMAC-SHA256", realm: "Photos" });
  });

  it("wrong token secret, unknown token, wrong consumer, stale timestamp → 401", async () => {
    expect((await api({ tokenSecret: "nope" })).json.error).toBe("invalid_signature");
    expect((await api({ token: "no-such-token" })).json.error).toBe("unknown_token");
    expect((await api({ consumerKey: "nobody" })).json.error).toBe("unknown_consumer");
    const stale = await api({ timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect(stale.status).toBe(401);
    expect(stale.json.error).toBe("invalid_request");
  });

  it("deny → redirect to the callback with denied=<token>; the token is gone", async () => {
    const rt = await requestToken();
    const callback = await provider.authorize(rt.token, { deny: true });
    expect(callback.searchParams.get("denied")).toBe(rt.token);
    expect(callback.searchParams.has("oauth_verifier")).toBe(false);
    const page = await fetch(`${provider.authorizeUri}?oauth_token=${encodeURIComponent(rt.token)}`);
    expect(page.status).toBe(400);
  });

  it("access token request with a wrong verifier → 401; the right one still works afterwards", async () => {
    const rt = await requestToken({ realm: "Photos Album" });
    const callback = await provider.authorize(rt.token);
    expect((await accessToken(rt, "wrong-verifier")).status).toBe(401);
    const ok = await accessToken(rt, callback.searchParams.get("oauth_verifier")!);
    expect(ok.status, ok.text).toBe(200);
    expect(new URLSearchParams(ok.text).get("oauth_authorized_realms")).toBe("Photos Album");
  });

  it("request token without oauth_callback → 400", async () => {
    const res = await send({ method: "POST", url: provider.requestTokenUri, ...consumer() });
    expect(res.status).toBe(400);
    expect(res.text).toContain("invalid_request");
  });

  it("RSA-SHA1 consumer registered with a public key", async () => {
    const rsa = provider.rsaConsumer!;
    const base = { consumerKey: rsa.key, signatureMethod: "RSA-SHA1" as const, rsaPrivateKeyPem: rsa.privateKeyPem };
    const res = await send({ method: "POST", url: provider.requestTokenUri, ...base, extraOAuth: { oauth_callback: "oob" } });
    expect(res.status, res.text).toBe(200);
    const rt = new URLSearchParams(res.text);
    // oob: approve answers 200 with the verifier in a form body (no redirect).
    const approve = await fetch(`${provider.authorizeUri}?oauth_token=${rt.get("oauth_token")}&approve=1`, { redirect: "manual" });
    expect(approve.status).toBe(200);
    const verifier = new URLSearchParams(await approve.text()).get("oauth_verifier")!;
    const at = await send({ method: "POST", url: provider.accessTokenUri, ...base, token: rt.get("oauth_token")!, extraOAuth: { oauth_verifier: verifier } });
    expect(at.status, at.text).toBe(200);
    const token = new URLSearchParams(at.text).get("oauth_token")!;
    const me = await send({ method: "GET", url: provider.resourceUri, ...base, token });
    expect(me.status, me.text).toBe(200);
    const bad = await send({ method: "GET", url: `${provider.resourceUri}?x=1`, ...base, token }, (req) => {
      req.url = `${provider.resourceUri}?x=2`;
    });
    expect(bad.status).toBe(401);
  });

  it("close() stops the server; a second provider gets its own port", async () => {
    const other = await startOAuth1TestProvider({ consumer: { key: "k", secret: "s" } });
    expect(other.baseUrl).not.toBe(provider.baseUrl);
    expect((await fetch(`${other.baseUrl}/health`)).status).toBe(200);
    await other.close();
    await expect(fetch(`${other.baseUrl}/health`)).rejects.toThrow();
    await other.close(); // idempotent
  });
});
