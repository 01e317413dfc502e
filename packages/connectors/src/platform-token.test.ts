/**
 * internal-api (integration-app-token) and internal-api-membrane (membrane-token): no user
 * interaction; every request carries an HS256 JWT the mock API verifies with the workspace secret.
 */
import { ErrorKey } from "@plugboard/auth-core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allMockHandlers, INTERNAL_API_WORKSPACE, internalApi, internalApiMembrane, internalApiMock, membraneApiMock, resetMockProviders, verifyPlatformToken } from "./index.ts";
import type { ExampleConnector, PlatformTokenApiMock } from "./index.ts";
import { errorOf, exampleEngine } from "./test-support.ts";

const server = setupServer(...allMockHandlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetMockProviders());
afterAll(() => server.close());

describe.each([
  ["internal-api", internalApi, internalApiMock, ["x-integration-app-token"]],
  ["internal-api-membrane", internalApiMembrane, membraneApiMock, ["x-membrane-token", "x-integration-app-token"]],
] as [string, ExampleConnector, PlatformTokenApiMock, string[]][])("%s", (_key, connector, mock, headers) => {
  it("connects without interaction and without input", async () => {
    const { engine } = exampleEngine(connector);
    const [option] = await engine.getAuthOptions();
    expect(option).toMatchObject({ type: connector.authTypes[0], requiresAuthorization: false });
    const connection = await engine.connect({});
    expect(connection).toMatchObject({ authType: connector.authTypes[0], credentials: { workspaceKey: INTERNAL_API_WORKSPACE.workspaceKey, customerId: "customer-42" } });
    expect(JSON.stringify(connection)).not.toContain(INTERNAL_API_WORKSPACE.workspaceSecret);
    expect(mock.stats).toEqual({ verified: 1, rejected: 0 });
  });

  it("sends a valid JWT on every request; the API verifies it and sees the customer's fields", async () => {
    const { engine } = exampleEngine(connector);
    const connection = await engine.connect({});
    const client = engine.createApiClient(connection);
    const me = await client.get("/me");
    expect(me).toEqual({ workspace: INTERNAL_API_WORKSPACE.workspaceKey, customerId: "customer-42", customerName: "Acme Corp", fields: INTERNAL_API_WORKSPACE.customerFields });
    const { method, path } = connector.sampleRequest;
    expect(await client.request(method, path)).toMatchObject({ customerId: "customer-42", projects: [{ region: "eu-west-1" }] });
    expect(mock.stats).toEqual({ verified: 3, rejected: 0 });
  });

  it(`carries the token in ${headers.join(" and ")}`, async () => {
    const seen: Record<string, string | null>[] = [];
    const { engine } = exampleEngine(connector, {
      fetch: (input, init) => {
        const request = new Request(input, init);
        seen.push(Object.fromEntries(["x-membrane-token", "x-integration-app-token"].map((name) => [name, request.headers.get(name)])));
        return fetch(request);
      },
    });
    await engine.connect({});
    expect(seen).toHaveLength(1);
    for (const header of headers) {
      const verified = await verifyPlatformToken(seen[0]![header], { secret: INTERNAL_API_WORKSPACE.workspaceSecret, issuer: INTERNAL_API_WORKSPACE.workspaceKey });
      expect(verified).toMatchObject({ ok: true, claims: { iss: INTERNAL_API_WORKSPACE.workspaceKey, sub: "customer-42", exp: expect.any(Number) } });
    }
    if (headers.length === 1) expect(seen[0]!["x-membrane-token"]).toBeNull();
  });

  it("fails the test (test_failed) when the workspace secret is wrong: the API refuses the signature", async () => {
    const { engine } = exampleEngine(connector, { platformToken: { ...INTERNAL_API_WORKSPACE, workspaceSecret: "not-the-secret" } });
    const error = await errorOf(engine.connect({}));
    expect(error.key).toBe(ErrorKey.TEST_FAILED);
    expect(mock.stats).toMatchObject({ verified: 0, rejected: 1, lastError: "invalid_signature" });
  });

  it("fails with configuration_error without workspace settings", async () => {
    const { engine } = exampleEngine(connector, { platformToken: undefined });
    expect((await errorOf(engine.connect({}))).key).toBe(ErrorKey.CONFIGURATION_ERROR);
  });
});

describe("the mock API's JWT checks", () => {
  const options = { secret: "s", issuer: "ws" };
  async function sign(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "HS256", typ: "JWT" }, secret = "s"): Promise<string> {
    const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const body = `${encode(header)}.${encode(claims)}`;
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
    return `${body}.${btoa(String.fromCharCode(...signature)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
  }
  const now = Math.floor(Date.now() / 1000);

  it.each([
    ["a valid token", { iss: "ws", sub: "c1", exp: now + 60 }, undefined, "s", "ok"],
    ["another issuer", { iss: "other", sub: "c1", exp: now + 60 }, undefined, "s", "invalid_issuer"],
    ["no subject", { iss: "ws", exp: now + 60 }, undefined, "s", "missing_subject"],
    ["an expired token", { iss: "ws", sub: "c1", exp: now - 60 }, undefined, "s", "token_expired"],
    ["no expiry", { iss: "ws", sub: "c1" }, undefined, "s", "token_expired"],
    ["a token from the future", { iss: "ws", sub: "c1", iat: now + 600, exp: now + 900 }, undefined, "s", "token_not_yet_valid"],
    ["alg none", { iss: "ws", sub: "c1", exp: now + 60 }, { alg: "none" }, "s", "unsupported_algorithm"],
    ["another secret", { iss: "ws", sub: "c1", exp: now + 60 }, undefined, "x", "invalid_signature"],
  ])("%s → %s", async (_case, claims, header, secret, expected) => {
    const result = await verifyPlatformToken(await sign(claims, header, secret), options);
    expect(result.ok ? "ok" : result.error).toBe(expected);
  });

  it("refuses malformed tokens", async () => {
    expect(await verifyPlatformToken("abc", options)).toEqual({ ok: false, error: "malformed_token" });
    expect(await verifyPlatformToken(undefined, options)).toEqual({ ok: false, error: "missing_token" });
  });
});
