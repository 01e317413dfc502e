import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorKey, isPlugboardError } from "../errors.ts";
import { parseConnectorSpec } from "../spec/index.ts";
import type { Connection, HostFunction } from "../types.ts";
import { createAuthEngine } from "./engine.ts";

const API = "https://api.engine.test";
const server = setupServer(
  http.get(`${API}/me`, ({ request }) =>
    request.headers.get("authorization") === "Bearer good" ? HttpResponse.json({ id: "u1" }) : HttpResponse.json({ error: "nope" }, { status: 401 }),
  ),
  http.post(`${API}/token`, async ({ request }) => {
    const body = (await request.json()) as { key?: string };
    return body.key === "k1" ? HttpResponse.json({ token: "good" }) : HttpResponse.json({ error: "bad key" }, { status: 403 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<{ key: string; message: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (isPlugboardError(error)) return { key: error.key, message: error.message, data: (error.data ?? {}) as Record<string, unknown> };
    throw error;
  }
  throw new Error("expected a rejection");
}

/** A client-credentials spec whose methods are host functions (trusted JavaScript). */
function specWith(methods: Record<string, HostFunction | undefined>, inputSchema: Record<string, unknown> = { type: "object", properties: { token: { type: "string" } } }) {
  const slots: Record<string, unknown> = {
    makeApiClient: { type: "mapping", mapping: { baseUri: API, headers: { Authorization: { $concat: ["Bearer ", { $var: "credentials.token" }] } } } },
  };
  for (const [name, code] of Object.entries(methods)) if (code) slots[name] = { type: "javascript", code };
  return parseConnectorSpec({ key: "engine-test", type: "client-credentials", inputSchema, ...slots });
}

describe("client-credentials connect", () => {
  it("uses the input as credentials and runs test with both input and client names", async () => {
    const seen = vi.fn<HostFunction>(async (context) => {
      const client = context.apiClient as { get(path: string): Promise<{ id: string }> };
      return (await client.get("/me")).id;
    });
    const engine = createAuthEngine(specWith({ test: seen }), { connectorParameters: { tenant: "t1" } });
    const connection = await engine.connect({ input: { token: "good" } });
    expect(connection).toMatchObject({ authOptionKey: "", authType: "client-credentials", credentials: { token: "good" }, input: { token: "good" } });
    const context = seen.mock.calls[0]![0];
    expect(context.connectionParameters).toEqual({ token: "good" });
    expect(context.connectionInput).toEqual({ token: "good" });
    expect(context.externalApiClient).toBe(context.apiClient);
    expect(context.credentials).toEqual({ token: "good" });
    expect(context.connectorParameters).toEqual({ tenant: "t1" });
  });

  it("reports progress connecting → testing", async () => {
    const steps: string[] = [];
    const engine = createAuthEngine(specWith({ test: async () => true }));
    await engine.connect({ input: { token: "good" }, onProgress: (step) => steps.push(step) });
    expect(steps).toEqual(["connecting", "testing"]);
  });

  it("applies input schema defaults and rejects bad input with invalid_input issues", async () => {
    const schema = {
      type: "object",
      properties: { token: { type: "string", minLength: 3 }, region: { type: "string", enum: ["us", "eu"], default: "us" } },
      required: ["token"],
    };
    const engine = createAuthEngine(specWith({}, schema));
    expect((await engine.connect({ input: { token: "good" } })).input).toEqual({ token: "good", region: "us" });
    const error = await failure(engine.connect({ input: { region: "mars" } }));
    expect(error.key).toBe(ErrorKey.INVALID_INPUT);
    expect((error.data.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual(["/region", "/token"]);
  });

  it("merges getCredentialsFromConnectionParameters output over the input", async () => {
    const exchange: HostFunction = async ({ connectionInput, apiClient }) => {
      const client = apiClient as { post(path: string, data: unknown): Promise<{ token: string }> };
      return { token: (await client.post("/token", { key: (connectionInput as { key: string }).key })).token };
    };
    const engine = createAuthEngine(specWith({ getCredentialsFromConnectionParameters: exchange }, { type: "object", properties: { key: { type: "string" } } }));
    const connection = await engine.connect({ input: { key: "k1" } });
    expect(connection.credentials).toEqual({ key: "k1", token: "good" });
    expect(await engine.createApiClient(connection).get("/me")).toEqual({ id: "u1" });
  });

  it("reports an API rejection during the exchange as credentials_rejected", async () => {
    const exchange: HostFunction = async ({ apiClient }) => (apiClient as { post(p: string, d: unknown): Promise<unknown> }).post("/token", { key: "bad" });
    const engine = createAuthEngine(specWith({ getCredentialsFromConnectionParameters: exchange }));
    const error = await failure(engine.connect({ input: {} }));
    expect(error.key).toBe(ErrorKey.CREDENTIALS_REJECTED);
    expect(error.data).toMatchObject({ causeKey: ErrorKey.API_REQUEST_FAILED, status: 403 });
  });

  it("rejects a getCredentialsFromConnectionParameters result that is not an object", async () => {
    const engine = createAuthEngine(specWith({ getCredentialsFromConnectionParameters: async () => "token" }));
    expect((await failure(engine.connect({ input: {} }))).key).toBe(ErrorKey.CONFIGURATION_ERROR);
  });

  describe("test results", () => {
    it.each([[false], [null], [0], [""]])("fails with test_failed when test returns %j", async (result) => {
      const engine = createAuthEngine(specWith({ test: async () => result }));
      expect((await failure(engine.connect({ input: { token: "good" } }))).key).toBe(ErrorKey.TEST_FAILED);
    });

    it("passes when a legacy test returns nothing", async () => {
      const engine = createAuthEngine(specWith({ test: async () => undefined }));
      await expect(engine.connect({ input: { token: "good" } })).resolves.toBeDefined();
    });

    it("fails with test_failed carrying the reason when test throws", async () => {
      const engine = createAuthEngine(
        specWith({
          test: async () => {
            throw new Error("account suspended");
          },
        }),
      );
      const error = await failure(engine.connect({ input: { token: "good" } }));
      expect(error.key).toBe(ErrorKey.TEST_FAILED);
      expect(error.message).toContain("account suspended");
      expect(error.data.reason).toBe("account suspended");
    });

    it("fails with test_failed and the cause key when the API rejects the credentials", async () => {
      const engine = createAuthEngine(specWith({ test: async ({ apiClient }) => (apiClient as { get(p: string): Promise<unknown> }).get("/me") }));
      const error = await failure(engine.connect({ input: { token: "bad" } }));
      expect(error.key).toBe(ErrorKey.TEST_FAILED);
      expect(error.data).toMatchObject({ causeKey: ErrorKey.ACCESS_TOKEN_EXPIRED, status: 401 });
    });
  });
});

describe("connections", () => {
  const connection: Connection = { authOptionKey: "", authType: "client-credentials", credentials: { token: "old", keep: "me" }, input: {}, connectedAt: "" };

  it("merges refreshCredentials output into existing credentials", async () => {
    const engine = createAuthEngine(specWith({ refreshCredentials: async () => ({ token: "good" }) }));
    const refreshed = await engine.refreshCredentials(connection);
    expect(refreshed.credentials).toEqual({ token: "good", keep: "me" });
    expect(refreshed.refreshedAt).toBeDefined();
  });

  it("refreshes on 401 and retries, notifying the host of new credentials", async () => {
    const refresh = vi.fn(async () => ({ token: "good" }));
    const onCredentialsChange = vi.fn();
    const engine = createAuthEngine(specWith({ refreshCredentials: refresh }));
    const session = engine.openConnection(connection, { onCredentialsChange });
    expect(await session.apiClient.get("/me")).toEqual({ id: "u1" });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onCredentialsChange).toHaveBeenCalledWith(expect.objectContaining({ credentials: { token: "good", keep: "me" } }));
  });

  it("makes one refresh for many concurrent 401s (single flight)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const refresh = vi.fn(async () => {
      await gate;
      return { token: "good" };
    });
    const session = createAuthEngine(specWith({ refreshCredentials: refresh })).openConnection(connection);
    const calls = Array.from({ length: 25 }, () => session.apiClient.get("/me"));
    setTimeout(release, 20);
    expect(await Promise.all(calls)).toHaveLength(25);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("a 401 that arrives after another caller already refreshed retries without refreshing again", async () => {
    const refresh = vi.fn(async () => ({ token: "good" }));
    const session = createAuthEngine(specWith({ refreshCredentials: refresh })).openConnection(connection);
    await session.apiClient.get("/me");
    await session.apiClient.get("/me");
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("regression: a refresh whose own API call gets a 401 fails instead of waiting on itself", async () => {
    const refresh: HostFunction = async ({ apiClient }) => {
      await (apiClient as { get(path: string): Promise<unknown> }).get("/me");
      return { token: "never" };
    };
    const session = createAuthEngine(specWith({ refreshCredentials: refresh })).openConnection(connection);
    expect((await failure(session.apiClient.get("/me"))).key).toBe(ErrorKey.CONNECTION_IS_DEFUNCT);
  });

  it("regression: a rejected credentials exchange does not trigger a refresh", async () => {
    const refresh = vi.fn(async () => ({ token: "good" }));
    const exchange: HostFunction = async ({ apiClient }) => (apiClient as { get(path: string): Promise<unknown> }).get("/me");
    const engine = createAuthEngine(specWith({ getCredentialsFromConnectionParameters: exchange, refreshCredentials: refresh }));
    expect((await failure(engine.connect({ input: { token: "bad" } }))).key).toBe(ErrorKey.CREDENTIALS_REJECTED);
    expect(refresh).not.toHaveBeenCalled();
  });

  it("fails with access_token_expired when the connection cannot refresh", async () => {
    const session = createAuthEngine(specWith({})).openConnection(connection);
    expect(session.canRefresh).toBe(false);
    expect((await failure(session.apiClient.get("/me"))).key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
  });

  it("tests an existing connection", async () => {
    const engine = createAuthEngine(specWith({ test: async ({ credentials }) => (credentials as { token: string }).token === "good" }));
    await expect(engine.testConnection({ ...connection, credentials: { token: "good" } })).resolves.toBeUndefined();
    expect((await failure(engine.testConnection(connection))).key).toBe(ErrorKey.TEST_FAILED);
  });
});

describe("responseHandlers", () => {
  const connection: Connection = { authOptionKey: "", authType: "client-credentials", credentials: { token: "good" }, input: {}, connectedAt: "" };
  const revoked = { $eval: { $var: "response.data.error.code" }, is: "revoked" };
  const notFound = { $eval: { $var: "response.status" }, is: 404 };
  // The same handlers with a $jsonata formula in each, which makes them evaluate asynchronously.
  const variants = {
    sync: { revoked, notFound },
    jsonata: { revoked: { $jsonata: "response.data.error.code = 'revoked'" }, notFound: { $jsonata: "response.status = 404" } },
  };

  function clientWith(match: (typeof variants)[keyof typeof variants]) {
    const responseHandlers = [
      { match: match.revoked, error: { key: "connection_is_defunct", message: { $concat: ["Revoked: ", { $var: "response.data.error.message" }] }, data: { $var: "credentials.token" } } },
      { match: match.notFound, isSuccess: true, data: { $var: "response.data.items" } },
      { match: { $eval: { $var: "response.data.error.code" }, is: "odd" }, error: { key: "not_a_key" } },
    ];
    const spec = parseConnectorSpec({ key: "handlers", type: "client-credentials", makeApiClient: { type: "mapping", mapping: { baseUri: API, responseHandlers } } });
    return createAuthEngine(spec).createApiClient(connection);
  }

  it.each(Object.entries(variants))("decides before the defaults (%s formulas)", async (_name, match) => {
    server.use(
      http.get(`${API}/revoked`, () => HttpResponse.json({ error: { code: "revoked", message: "key withdrawn" } })),
      http.get(`${API}/missing`, () => HttpResponse.json({ items: [] }, { status: 404 })),
      http.get(`${API}/odd`, () => HttpResponse.json({ error: { code: "odd" } }, { status: 200 })),
      http.get(`${API}/fine`, () => HttpResponse.json({ ok: true })),
    );
    const client = clientWith(match);
    const error = await failure(client.get("/revoked"));
    expect(error).toMatchObject({ key: ErrorKey.CONNECTION_IS_DEFUNCT, message: "Revoked: key withdrawn", data: { details: "good" } });
    expect(await client.get("/missing")).toEqual([]);
    expect(await failure(client.get("/odd"))).toMatchObject({ key: ErrorKey.API_REQUEST_FAILED, message: "The API reported an error (HTTP 200)." });
    expect(await client.get("/fine")).toEqual({ ok: true });
  });

  it("gives handlers the response headers and the whole response as plain data", async () => {
    server.use(http.get(`${API}/flagged`, () => HttpResponse.json({ items: [1] }, { headers: { Flag: "stop" } })));
    const responseHandlers = [
      { match: { $eval: { $var: "response.headers.flag" }, is: "stop" }, isSuccess: true, data: { $var: "response" } },
    ];
    const spec = parseConnectorSpec({ key: "handlers", type: "client-credentials", makeApiClient: { type: "mapping", mapping: { baseUri: API, responseHandlers } } });
    const whole = await createAuthEngine(spec).createApiClient(connection).get("/flagged");
    expect(whole).toEqual({ status: 200, statusCode: 200, headers: { "content-length": "13", "content-type": "application/json", flag: "stop" }, data: { items: [1] } });
    expect(JSON.parse(JSON.stringify(whole))).toEqual(whole);
  });
});

describe("option selection", () => {
  const spec = parseConnectorSpec({
    key: "multi",
    options: {
      apiKey: { type: "client-credentials", title: "API key", makeApiClient: { type: "mapping", mapping: { baseUri: API } } },
      basic: { type: "client-credentials", title: "Basic", enabled: { $var: "connectorParameters.allowBasic" }, makeApiClient: { type: "mapping", mapping: { baseUri: API } } },
    },
  });

  it("requires authOptionKey when several options are available", async () => {
    const engine = createAuthEngine(spec, { connectorParameters: { allowBasic: true } });
    expect((await failure(engine.connect({ input: {} }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
    await expect(engine.connect({ authOptionKey: "basic", input: {} })).resolves.toMatchObject({ authOptionKey: "basic" });
  });

  it("refuses an option whose enabled formula is false", async () => {
    const engine = createAuthEngine(spec, { connectorParameters: { allowBasic: false } });
    expect((await failure(engine.connect({ authOptionKey: "basic", input: {} }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
    await expect(engine.connect({ input: {} })).resolves.toMatchObject({ authOptionKey: "apiKey" });
  });
});
