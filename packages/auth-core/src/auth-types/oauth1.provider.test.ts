/**
 * OAuth 1.0a end to end against a real provider on 127.0.0.1 (python3-oauthlib, which verifies
 * signatures independently of our signer): request token → authorize → access token → signed
 * API calls, in the local runtime and through the server handler.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthEngine } from "../engine/engine.ts";
import { ErrorKey, isPlugboardError } from "../errors.ts";
import { createAuthHandler } from "../server/handler.ts";
import { parseConnectorSpec } from "../spec/index.ts";
import { startOAuth1TestProvider } from "../testing/oauth1-provider.ts";
import type { OAuth1TestProvider } from "../testing/oauth1-provider.ts";

const CALLBACK = "http://127.0.0.1:5173/oauth-callback";

const spec = parseConnectorSpec(
  {
    key: "photos",
    auth: {
      type: "oauth1",
      getOAuthConfig: { implementationType: "mapping", filePath: "auth/oauth-config.yml" },
      makeApiClient: { implementationType: "mapping", mapping: { baseUri: { $var: "connectorParameters.baseUrl" } } },
      test: { implementationType: "rest-api-mapping", mapping: { path: "/api/me", method: "GET", responseMapping: { $var: "response.data.ok" } } },
    },
  },
  {
    files: {
      "auth/oauth-config.yml": `
consumerKey: { $var: connectorParameters.consumerKey }
consumerSecret: { $var: connectorParameters.consumerSecret }
privateKey: { $var: connectorParameters.privateKey }
signatureMethod: { $firstNotEmpty: [{ $var: connectorParameters.signatureMethod }, HMAC-SHA1] }
requestTokenUri: { $var: connectorParameters.requestTokenUri }
authorizeUri: { $var: connectorParameters.authorizeUri }
tokenUri: { $var: connectorParameters.accessTokenUri }
`,
    },
  },
);

let provider: OAuth1TestProvider;
beforeAll(async () => {
  provider = await startOAuth1TestProvider({ rsa: true });
});
afterAll(() => provider?.close());

function parameters(extra: Record<string, string> = {}) {
  return {
    baseUrl: provider.baseUrl,
    consumerKey: provider.consumer.key,
    consumerSecret: provider.consumer.secret,
    requestTokenUri: provider.requestTokenUri,
    authorizeUri: provider.authorizeUri,
    accessTokenUri: provider.accessTokenUri,
    ...extra,
  };
}

const approve = ({ url }: { url: string }) => provider.authorize(new URL(url).searchParams.get("oauth_token")!);

describe("oauth1 × oauthlib provider", () => {
  it.each(["HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512"])("connects and signs API calls with %s", async (signatureMethod) => {
    const engine = createAuthEngine(spec, { redirectUri: CALLBACK, connectorParameters: parameters({ signatureMethod }) });
    const connection = await engine.connect({ authorize: approve });
    expect(connection.credentials).toMatchObject({ oauth_token: expect.any(String), oauth_token_secret: expect.any(String) });
    const client = engine.createApiClient(connection);
    expect(await client.get("/api/me", { q: "a b!*'()", tag: ["x", "y"] })).toMatchObject({ ok: true, signature_method: signatureMethod });
    const posted = await client.post("/api/items", { title: "Vacation", note: "ünïcode & more" }, { headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(posted).toMatchObject({ ok: true, method: "POST", params: { title: "Vacation", note: "ünïcode & more" } });
  });

  it("connects with RSA-SHA1 and a PEM private key (no consumer secret)", async () => {
    const rsa = provider.rsaConsumer!;
    const engine = createAuthEngine(spec, {
      redirectUri: CALLBACK,
      connectorParameters: parameters({ consumerKey: rsa.key, consumerSecret: "", signatureMethod: "RSA-SHA1", privateKey: rsa.privateKeyPem }),
    });
    const connection = await engine.connect({ authorize: approve });
    expect(await engine.createApiClient(connection).get("/api/me")).toMatchObject({ ok: true, signature_method: "RSA-SHA1" });
  });

  it("reports a denial as access_denied", async () => {
    const engine = createAuthEngine(spec, { redirectUri: CALLBACK, connectorParameters: parameters() });
    try {
      await engine.connect({ authorize: ({ url }) => provider.authorize(new URL(url).searchParams.get("oauth_token")!, { deny: true }) });
      expect.unreachable();
    } catch (error) {
      expect(isPlugboardError(error) && error.key).toBe(ErrorKey.ACCESS_DENIED);
    }
  });

  it("rejects a callback whose state was tampered with", async () => {
    const engine = createAuthEngine(spec, { redirectUri: CALLBACK, connectorParameters: parameters() });
    try {
      await engine.connect({
        authorize: async (request) => {
          const callback = await approve(request);
          callback.searchParams.set("state", "forged");
          return callback;
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(isPlugboardError(error) && error.key).toBe(ErrorKey.STATE_MISMATCH);
    }
  });

  it("keeps the consumer secret on the server: the server runtime signs request, access and API calls", async () => {
    const origin = "http://127.0.0.1:5173";
    const handler = createAuthHandler({
      secret: "another-secret-that-is-long-enough-42",
      baseUrl: `${origin}/plugboard`,
      allowedOrigins: [origin],
      connectors: { photos: { spec, connectorParameters: parameters() } },
    });
    const post = async (path: string, body: unknown) =>
      (await (
        await handler(new Request(`${origin}/plugboard${path}`, { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify(body) }))
      ).json()) as Record<string, unknown>;
    const flow = (await post("/connectors/photos/authorize", {})) as { authorizeUrl: string; flowToken: string };
    expect(flow.authorizeUrl).not.toContain(provider.consumer.secret);
    const callback = await approve({ url: flow.authorizeUrl });
    const done = (await post("/connectors/photos/complete", { flowToken: flow.flowToken, params: [...callback.searchParams] })) as {
      connection: { id: string; credentials: Record<string, string> };
    };
    expect(done.connection.credentials.oauth_token_secret).toMatch(/…$/);
    expect(await post(`/connections/${done.connection.id}/request`, { path: "/api/me" })).toMatchObject({ status: 200, data: { ok: true } });
  });
});
