/**
 * photo-share (OAuth 1.0a, RFC 5849) through the engine: the three legs against the mock provider,
 * which verifies every signature with its own implementation, then signed API calls.
 */
import { ErrorKey } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allMockHandlers, approveConsent, EXAMPLE_REDIRECT_URI, PHOTO_SHARE_CONSUMER, photoShare, photoShareProvider, resetMockProviders } from "./index.ts";
import { errorOf, exampleEngine } from "./test-support.ts";

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

const authorize = ({ url }: { url: string }) => approveConsent(url);

describe("photo-share: three-legged OAuth 1.0a", () => {
  it("gets a request token first and sends the user to the authorize page with it", async () => {
    const pending = await exampleEngine(photoShare).engine.startAuthorization({ input: {} });
    if (pending.kind !== "oauth1") throw new Error("expected an OAuth1 flow");
    expect(pending.requestToken).toMatch(/^rt_/);
    const url = new URL(pending.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(photoShareProvider.authorizeUri);
    expect(Object.fromEntries(url.searchParams)).toEqual({ oauth_token: pending.requestToken, perms: "read" });
    expect(photoShareProvider.stats.requestTokenRequests).toBe(1);
    expect(photoShareProvider.stats.rejectedRequests).toBe(0);
  });

  it("connects: the callback carries our state, the verifier is exchanged, the sandboxed test's signed call verifies", async () => {
    const { engine, requests } = exampleEngine(photoShare);
    const steps: string[] = [];
    let callbackUrl = "";
    const connection = await engine.connect({
      input: {},
      authorize: async ({ url, state }) => {
        callbackUrl = await approveConsent(url);
        expect(new URL(callbackUrl).searchParams.get("state")).toBe(state);
        return callbackUrl;
      },
      onProgress: (step) => steps.push(step),
    });
    expect(callbackUrl.startsWith(`${EXAMPLE_REDIRECT_URI}?state=`)).toBe(true);
    expect(steps).toEqual(["connecting", "authorizing", "exchanging", "testing"]);
    expect(connection).toMatchObject({ authType: "oauth1", authOptionKey: "" });
    expect(connection.credentials).toEqual({
      oauth_token: expect.stringMatching(/^at_/),
      oauth_token_secret: expect.any(String),
      user_id: "783214",
      screen_name: "jane_photos",
    });
    expect(photoShareProvider.isValidAccessToken(connection.credentials.oauth_token as string)).toBe(true);
    expect(requests).toEqual(["GET https://api.photo-share.example/1.1/account/verify_credentials.json"]);
    expect(photoShareProvider.stats).toEqual({ requestTokenRequests: 1, authorizeRequests: 1, accessTokenRequests: 1, verifiedRequests: 1, rejectedRequests: 0 });
  });

  it("signs API calls: query parameters and form bodies are in the base string, and the provider verifies each", async () => {
    const { engine } = exampleEngine(photoShare);
    const connection = await engine.connect({ input: {}, authorize });
    const client = engine.createApiClient(connection);
    const { method, path, query } = photoShare.sampleRequest;
    expect(await client.request(method, path, { query: query! })).toEqual({ photos: [{ id: "p1", title: "vacation.jpg", size: "original" }] });
    const album = await client.post("/albums.json", new URLSearchParams({ title: "Summer '26 (draft)", description: "a+b c" }));
    expect(album).toEqual({ id: "a1", title: "Summer '26 (draft)", description: "a+b c" });
    expect(photoShareProvider.stats.verifiedRequests).toBe(3);
    expect(photoShareProvider.stats.rejectedRequests).toBe(0);
  });

  it("fails with access_denied when the user clicks Deny, without an access token request", async () => {
    const error = await errorOf(exampleEngine(photoShare).engine.connect({ input: {}, authorize: ({ url }) => approveConsent(url, { deny: true }) }));
    expect(error.key).toBe(ErrorKey.ACCESS_DENIED);
    expect(photoShareProvider.stats.accessTokenRequests).toBe(0);
  });

  it("fails with state_mismatch when the callback's state was changed", async () => {
    const { engine } = exampleEngine(photoShare);
    const pending = await engine.startAuthorization({ input: {} });
    const callback = new URL(await approveConsent(pending.authorizeUrl));
    callback.searchParams.set("state", "forged");
    expect((await errorOf(engine.completeAuthorization(pending, callback))).key).toBe(ErrorKey.STATE_MISMATCH);
    expect(photoShareProvider.stats.accessTokenRequests).toBe(0);
  });

  it("fails with token_exchange_failed when the request token is replayed", async () => {
    const { engine } = exampleEngine(photoShare);
    const pending = await engine.startAuthorization({ input: {} });
    const callback = await approveConsent(pending.authorizeUrl);
    await engine.completeAuthorization(pending, callback);
    const error = await errorOf(engine.completeAuthorization(pending, callback));
    expect(error.key).toBe(ErrorKey.TOKEN_EXCHANGE_FAILED);
    expect(error.data).toMatchObject({ status: 401, error: "token_rejected" });
  });

  it("fails with token_exchange_failed when the consumer secret is wrong (the provider rejects the signature)", async () => {
    const { engine } = exampleEngine(photoShare, { connectorParameters: { ...PHOTO_SHARE_CONSUMER, consumerSecret: "wrong" } });
    const error = await errorOf(engine.startAuthorization({ input: {} }));
    expect(error.key).toBe(ErrorKey.TOKEN_EXCHANGE_FAILED);
    expect(error.data).toMatchObject({ status: 401, error: "signature_invalid" });
  });

  it("reports a revoked access token as access_token_expired (OAuth 1.0a cannot refresh)", async () => {
    const { engine } = exampleEngine(photoShare);
    const connection = await engine.connect({ input: {}, authorize });
    photoShareProvider.revokeAccessTokens();
    const error = await errorOf(engine.createApiClient(connection).get("/photos.json"));
    expect(error.key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
  });
});
