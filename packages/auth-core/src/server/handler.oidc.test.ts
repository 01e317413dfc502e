/**
 * OAuth2 end to end against oidc-provider, a real authorization server on 127.0.0.1: the full
 * code + PKCE flow through the server handler, refresh with rotation, concurrency, replay and
 * state tampering. Also the local runtime with a public client.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthEngine } from "../engine/engine.ts";
import { ErrorKey, isPlugboardError } from "../errors.ts";
import { parseConnectorSpec } from "../spec/index.ts";
import { startOidcTestServer } from "../testing/oidc-provider.ts";
import type { OidcTestServer } from "../testing/oidc-provider.ts";
import { createAuthHandler } from "./handler.ts";
import type { AuthHandler } from "./handler.ts";

const APP_ORIGIN = "http://127.0.0.1:5173";
const CALLBACK = `${APP_ORIGIN}/plugboard/oauth/callback`;
const LOCAL_CALLBACK = `${APP_ORIGIN}/oauth-callback`;
const SECRET = "test-secret-that-is-long-enough-0123456789";

const spec = parseConnectorSpec(`
key: op
name: OIDC test provider
type: oauth2
getOAuthConfig:
  type: mapping
  mapping:
    clientId: { $var: connectorParameters.clientId }
    clientSecret: { $var: connectorParameters.clientSecret }
    authorizeUri: { $var: connectorParameters.authorizeUri }
    tokenUri: { $var: connectorParameters.tokenUri }
    scopes: [openid, offline_access, "api:read"]
makeApiClient:
  type: mapping
  mapping:
    baseUri: { $var: connectorParameters.issuer }
    headers:
      Authorization: { $concat: ["Bearer ", { $var: credentials.access_token }] }
test:
  type: rest-api-mapping
  mapping: { path: /me, method: GET, responseMapping: { $var: response.data.sub } }
`);

let op: OidcTestServer;
let clock = Date.now();
let handler: AuthHandler;

beforeAll(async () => {
  op = await startOidcTestServer({ redirectUris: [CALLBACK, LOCAL_CALLBACK], accessTokenTtlSeconds: 600 });
});
afterAll(() => op?.close());
beforeEach(() => {
  op.resetTokenRequests();
  clock = Date.now();
  handler = createAuthHandler({
    secret: SECRET,
    baseUrl: `${APP_ORIGIN}/plugboard`,
    allowedOrigins: [APP_ORIGIN],
    engine: { now: () => clock },
    connectors: {
      op: {
        spec,
        connectorParameters: {
          clientId: op.clients.confidential.clientId,
          clientSecret: op.clients.confidential.clientSecret,
          authorizeUri: op.authorizeUri,
          tokenUri: op.tokenUri,
          issuer: op.issuer,
        },
      },
    },
  });
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await handler(
    new Request(`${APP_ORIGIN}/plugboard${path}`, {
      method,
      headers: { origin: APP_ORIGIN, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

async function startFlow() {
  const { json } = await call("POST", "/connectors/op/authorize", { input: {} });
  return json as { authorizeUrl: string; state: string; flowToken: string };
}

async function connect(): Promise<{ id: string; credentials: Record<string, unknown> }> {
  const flow = await startFlow();
  const callback = await op.authorize(flow.authorizeUrl);
  const { status, json } = await call("POST", "/connectors/op/complete", { flowToken: flow.flowToken, params: [...callback.searchParams] });
  expect(status).toBe(200);
  return json.connection as { id: string; credentials: Record<string, unknown> };
}

describe("server runtime × oidc-provider", () => {
  it("builds an authorize URL with PKCE S256, a fresh state and %20-joined scopes", async () => {
    const first = new URL((await startFlow()).authorizeUrl);
    const second = new URL((await startFlow()).authorizeUrl);
    expect(first.searchParams.get("code_challenge_method")).toBe("S256");
    expect(first.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(first.href).toContain("scope=openid%20offline_access%20api%3Aread");
    expect(first.searchParams.get("state")).not.toBe(second.searchParams.get("state"));
  });

  it("completes the code + PKCE flow: credentials stay on the server, the browser sees them masked", async () => {
    const connection = await connect();
    expect(connection.credentials.access_token).toMatch(/…$/);
    expect(connection.credentials.refresh_token).toMatch(/…$/);
    expect(typeof connection.credentials.expires_at).toBe("number");
    expect(op.tokenRequests.authorization_code).toBe(1);

    const me = await call("POST", `/connections/${connection.id}/request`, { method: "GET", path: "/me" });
    expect(me.json).toMatchObject({ status: 200, data: { sub: "alice" } });
    expect(me.headers.get("cache-control")).toBe("no-store");
  });

  it("serves a callback page that posts to the opener's exact origin under a nonce CSP", async () => {
    const flow = await startFlow();
    const callback = await op.authorize(flow.authorizeUrl);
    const page = await handler(new Request(callback.href));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'nonce-[\w-]+'/);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain(`var targetOrigin = "${APP_ORIGIN}"`);
    expect(html).not.toContain('"*"');
    expect(html).toContain('"plugboard-oauth"');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it("rejects a tampered state without asking the token endpoint", async () => {
    const flow = await startFlow();
    const callback = await op.authorize(flow.authorizeUrl);
    const params = [...callback.searchParams].map(([name, value]): [string, string] => [name, name === "state" ? `${value}x` : value]);
    const { status, json } = await call("POST", "/connectors/op/complete", { flowToken: flow.flowToken, params });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ key: ErrorKey.STATE_MISMATCH });
    expect(op.tokenRequests.total).toBe(0);
  });

  it("rejects a tampered flow token", async () => {
    const flow = await startFlow();
    const { json } = await call("POST", "/connectors/op/complete", { flowToken: `${flow.flowToken.slice(0, -2)}AA`, params: [] });
    expect(json.error).toMatchObject({ key: ErrorKey.STATE_MISMATCH });
  });

  it("never replays a code: a second completion of the same flow is refused before the token endpoint", async () => {
    const flow = await startFlow();
    const callback = await op.authorize(flow.authorizeUrl);
    const body = { flowToken: flow.flowToken, params: [...callback.searchParams] };
    expect((await call("POST", "/connectors/op/complete", body)).status).toBe(200);
    const replay = await call("POST", "/connectors/op/complete", body);
    expect(replay.json.error).toMatchObject({ key: ErrorKey.STATE_MISMATCH });
    expect(op.tokenRequests.authorization_code).toBe(1);
  });

  it("reports a denial as access_denied", async () => {
    const flow = await startFlow();
    const callback = await op.authorize(flow.authorizeUrl, { deny: true });
    const { status, json } = await call("POST", "/connectors/op/complete", { flowToken: flow.flowToken, params: [...callback.searchParams] });
    expect(status).toBe(403);
    expect(json.error).toMatchObject({ key: ErrorKey.ACCESS_DENIED });
  });

  it("expires flows after their TTL", async () => {
    const flow = await startFlow();
    const callback = await op.authorize(flow.authorizeUrl);
    clock += 11 * 60 * 1000;
    const { json } = await call("POST", "/connectors/op/complete", { flowToken: flow.flowToken, params: [...callback.searchParams] });
    expect(json.error).toMatchObject({ key: ErrorKey.STATE_EXPIRED });
  });

  it("refreshes with rotation, and concurrent requests with an expiring token cause one refresh", async () => {
    const connection = await connect();
    op.resetTokenRequests();
    clock += 30 * 60 * 1000; // past expires_at: every request wants a refresh
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call("POST", `/connections/${connection.id}/request`, { method: "GET", path: "/me" })),
    );
    expect(results.map((result) => result.status)).toEqual(Array(8).fill(200));
    expect(op.tokenRequests.refresh_token).toBe(1);

    // Rotation worked: the next refresh uses the new refresh token and succeeds.
    const refreshed = await call("POST", `/connections/${connection.id}/refresh`, {});
    expect(refreshed.status).toBe(200);
    expect(op.tokenRequests.refresh_token).toBe(2);
    expect((await call("POST", `/connections/${connection.id}/test`, {})).json).toEqual({ ok: true });
  });

  it("reconnects an existing connection in place", async () => {
    const connection = await connect();
    const { json } = await call("POST", "/connectors/op/authorize", { input: {}, connectionId: connection.id });
    const flow = json as { authorizeUrl: string; flowToken: string };
    const callback = await op.authorize(flow.authorizeUrl);
    const done = await call("POST", "/connectors/op/complete", { flowToken: flow.flowToken, params: [...callback.searchParams] });
    expect((done.json.connection as { id: string }).id).toBe(connection.id);
  });

  it("answers bad requests with 4xx and a JSON error", async () => {
    expect((await call("POST", "/connectors/nope/connect", {})).status).toBe(404);
    expect((await call("GET", "/connections/missing")).status).toBe(404);
    const notJson = await handler(new Request(`${APP_ORIGIN}/plugboard/connectors/op/connect`, { method: "POST", headers: { origin: APP_ORIGIN }, body: "{" }));
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { key: string } }).error.key).toBe(ErrorKey.INVALID_ARGUMENT);
    const foreign = await handler(
      new Request(`${APP_ORIGIN}/plugboard/connectors/op/authorize`, { method: "POST", headers: { origin: "https://evil.example" }, body: "{}" }),
    );
    expect(foreign.status).toBe(403);
  });
});

describe("local runtime × oidc-provider (public client, PKCE only)", () => {
  it("connects in the page with the engine and the authorize handler", async () => {
    const engine = createAuthEngine(spec, {
      redirectUri: LOCAL_CALLBACK,
      connectorParameters: { clientId: op.clients.publicClient.clientId, authorizeUri: op.authorizeUri, tokenUri: op.tokenUri, issuer: op.issuer },
    });
    const steps: string[] = [];
    const connection = await engine.connect({ onProgress: (step) => steps.push(step), authorize: ({ url }) => op.authorize(url) });
    expect(steps).toEqual(["connecting", "authorizing", "exchanging", "testing"]);
    expect(connection.credentials).toMatchObject({ token_type: "Bearer", access_token: expect.any(String), refresh_token: expect.any(String) });
    expect(await engine.createApiClient(connection).get("/me")).toMatchObject({ sub: "alice" });
  });

  it("regression: checks iss also when the callback arrives as a bare query string", async () => {
    const engine = createAuthEngine(spec, {
      redirectUri: LOCAL_CALLBACK,
      connectorParameters: { clientId: op.clients.publicClient.clientId, authorizeUri: op.authorizeUri, tokenUri: op.tokenUri, issuer: op.issuer },
    });
    try {
      await engine.connect({
        authorize: async ({ url }) => {
          const params = (await op.authorize(url)).searchParams;
          params.set("iss", "https://evil.example");
          return params.toString();
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(isPlugboardError(error) && error.key).toBe(ErrorKey.ISSUER_MISMATCH);
    }
  });

  it("fails with state_mismatch for a callback from another flow", async () => {
    const engine = createAuthEngine(spec, {
      redirectUri: LOCAL_CALLBACK,
      connectorParameters: { clientId: op.clients.publicClient.clientId, authorizeUri: op.authorizeUri, tokenUri: op.tokenUri, issuer: op.issuer },
    });
    const other = await engine.startAuthorization({ input: {} });
    const otherCallback = await op.authorize(other.authorizeUrl);
    try {
      await engine.connect({ authorize: async () => otherCallback });
      expect.unreachable();
    } catch (error) {
      expect(isPlugboardError(error) && error.key).toBe(ErrorKey.STATE_MISMATCH);
    }
  });
});
