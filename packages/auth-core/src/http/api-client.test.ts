import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorKey, isPlugboardError } from "../errors.ts";
import { buildRequest, createApiClient } from "./api-client.ts";
import type { ResolvedClientConfig } from "./api-client.ts";
import { normalizeApiClientConfig, splitResponseHandlers } from "./client-config.ts";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = "https://api.example.test/v1";

function echo() {
  server.use(
    http.all(`${API}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === "GET" ? undefined : await request.text();
      return HttpResponse.json({
        method: request.method,
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: Object.fromEntries(request.headers.entries()),
        body,
      });
    }),
  );
}

async function caught(promise: Promise<unknown>): Promise<{ key: string; data: Record<string, unknown>; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isPlugboardError(error)) return { key: error.key, data: error.data as Record<string, unknown>, message: error.message };
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("normalizeApiClientConfig", () => {
  it("accepts top-level fields and the args: wrapper alike", () => {
    const flat = normalizeApiClientConfig({ baseUri: API, headers: { A: "1" }, query: { q: 1 } });
    const wrapped = normalizeApiClientConfig({ args: { baseUri: API, headers: { A: "1" }, query: { q: 1 } } });
    expect(wrapped).toEqual(flat);
  });

  it("accepts the baseUrl and defaultQueryParameters aliases", () => {
    expect(normalizeApiClientConfig({ baseUrl: API, defaultQueryParameters: { k: "v" } })).toMatchObject({ baseUri: API, query: { k: "v" } });
  });

  it("drops headers whose formula produced nothing", () => {
    expect(normalizeApiClientConfig({ headers: { A: undefined, B: null, C: "x" } }).headers).toEqual({ C: "x" });
  });

  it("rejects a non-object result with configuration_error", () => {
    expect(() => normalizeApiClientConfig("https://x")).toThrowError(expect.objectContaining({ key: ErrorKey.CONFIGURATION_ERROR }));
  });

  it("keeps responseHandlers out of the client mapping so they evaluate per response", () => {
    const { clientMapping, responseHandlers } = splitResponseHandlers({ args: { baseUri: API, responseHandlers: [{ match: true }] } });
    expect(clientMapping).toEqual({ args: { baseUri: API } });
    expect(responseHandlers).toEqual([{ match: true }]);
  });
});

/** The URL as the client built it before it serialized queries itself: everything through URL.searchParams. */
function referenceUrl(baseUri: string, path: string, configQuery: Record<string, unknown>, requestQuery?: Record<string, unknown>): string {
  const append = (params: URLSearchParams, query: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      params.delete(name);
      const items = Array.isArray(value) ? value.filter((item) => item !== undefined && item !== null) : [value];
      for (const item of items) params.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  };
  const joined = /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : path ? `${baseUri.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}` : baseUri;
  const url = new URL(joined);
  append(url.searchParams, configQuery);
  if (requestQuery) append(url.searchParams, requestQuery);
  return url.toString();
}

describe("buildRequest", () => {
  const odd = ["a b", "a+b", "a&b=c", "~!'()*-._", "100%", "é", "日本", "😀", "\uD800x", "", "/?#[]@", "line\nbreak"];
  const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown> | undefined]> = [
    [API, "/contacts", {}, { limit: 2 }],
    [`${API}/`, "contacts", { units: "metric" }, undefined],
    [`${API}//`, "//contacts", { units: "metric", drop: null, gone: undefined }, { units: "imperial", tag: ["a", null, "b"], none: [] }],
    [API, "", { key: "k" }, {}],
    [API, "/items", { filter: { a: [1, "x"] }, flag: true, n: 0 }, { flag: false, empty: "" }],
    [API, "/items", { clear: ["x"] }, { clear: [] }],
    [API, "/items", { only: [] }, undefined],
    [API, "/search?q=a%20b&keep=1", { units: "metric" }, { keep: 2 }],
    [API, "/search?q=a%20b", {}, undefined],
    [API, "/page#frag", {}, { a: 1 }],
    [API, "/trailing?", {}, { a: 1 }],
    [API, "/trailing?", {}, { a: [] }],
    [API, "/a/../b/./c", {}, { a: 1 }],
    [API, "https://other.example.test/x", { units: "metric" }, { a: 1 }],
    ["foo://host/base", "/x", {}, { a: "b c" }],
    [API, "/odd", Object.fromEntries(odd.map((text, i) => [`c${i}${text}`, text])), Object.fromEntries(odd.map((text, i) => [`r${i}${text}`, [text, text]]))],
  ];

  it.each(cases)("builds the same URL as URL.searchParams (%s + %s)", (baseUri, path, query, requestQuery) => {
    const built = buildRequest({ baseUri, headers: {}, query }, "GET", path, requestQuery ? { query: requestQuery } : {});
    expect(built.url).toBe(referenceUrl(baseUri, path, query, requestQuery));
  });

  it("builds the same URL again for the same config (cached per config object)", () => {
    const config = { baseUri: API, headers: {}, query: { units: "metric", tag: ["a", "b"] } };
    const first = buildRequest(config, "GET", "/x", { query: { tag: "c" } }).url;
    expect(buildRequest(config, "GET", "/x", { query: { tag: "c" } }).url).toBe(first);
    expect(buildRequest(config, "GET", "/x", {}).url).toBe(referenceUrl(API, "/x", config.query));
  });
});

describe("createApiClient", () => {
  const config = (extra: Partial<ResolvedClientConfig> = {}): ResolvedClientConfig => ({ baseUri: API, headers: {}, query: {}, ...extra });

  it("joins baseUri and path, sends default headers and query, and returns the JSON body", async () => {
    echo();
    const client = createApiClient({ resolveConfig: () => config({ headers: { "X-API-Key": "k1" }, query: { units: "metric" } }) });
    const result = (await client.get("/weather", { q: "Paris" })) as { path: string; query: string[][]; headers: Record<string, string> };
    expect(result.path).toBe("/v1/weather");
    expect(result.query).toEqual([
      ["units", "metric"],
      ["q", "Paris"],
    ]);
    expect(result.headers["x-api-key"]).toBe("k1");
    expect(result.headers.accept).toBe("application/json");
  });

  it("lets request query override a default and repeats array values", async () => {
    echo();
    const client = createApiClient({ resolveConfig: () => config({ query: { units: "metric", drop: null } }) });
    const result = (await client.get("/x", { units: "imperial", tag: ["a", "b"] })) as { query: string[][] };
    expect(result.query).toEqual([
      ["units", "imperial"],
      ["tag", "a"],
      ["tag", "b"],
    ]);
  });

  it("sends basic auth as UTF-8 base64 (RFC 7617 §2.1 vector)", async () => {
    echo();
    const client = createApiClient({ resolveConfig: () => config({ auth: { username: "test", password: "123£" } }) });
    const result = (await client.get("/me")) as { headers: Record<string, string> };
    expect(result.headers.authorization).toBe("Basic dGVzdDoxMjPCow==");
  });

  it("sends objects as JSON and form-encodes when the content type says so", async () => {
    echo();
    const client = createApiClient({ resolveConfig: () => config() });
    const json = (await client.post("/items", { name: "x" })) as { body: string; headers: Record<string, string> };
    expect(json.body).toBe('{"name":"x"}');
    expect(json.headers["content-type"]).toBe("application/json");
    const form = (await client.post("/items", { a: "1 2", b: ["x", "y"] }, { headers: { "Content-Type": "application/x-www-form-urlencoded" } })) as {
      body: string;
    };
    expect(form.body).toBe("a=1+2&b=x&b=y");
  });

  it("uses absolute URLs as they are", async () => {
    server.use(http.get("https://other.example.test/ping", () => HttpResponse.text("pong")));
    const client = createApiClient({ resolveConfig: () => config() });
    expect(await client.get("https://other.example.test/ping")).toBe("pong");
  });

  it("fails with configuration_error for a relative path without baseUri", async () => {
    const client = createApiClient({ resolveConfig: () => ({ headers: {}, query: {} }) });
    expect((await caught(client.get("/x"))).key).toBe(ErrorKey.CONFIGURATION_ERROR);
  });

  it("returns the full response on request", async () => {
    server.use(http.get(`${API}/full`, () => HttpResponse.json({ ok: true }, { headers: { "X-Trace": "t1" } })));
    const client = createApiClient({ resolveConfig: () => config() });
    expect(await client.get("/full", undefined, { returnFullResponse: true })).toMatchObject({
      status: 200,
      statusCode: 200,
      headers: { "x-trace": "t1" },
      data: { ok: true },
    });
  });

  it("returns the full response as a plain object, headers included, to handlers and callers alike", async () => {
    server.use(http.get(`${API}/full`, () => HttpResponse.json({ ok: true }, { headers: { "X-Trace": "t1" } })));
    const seen: unknown[] = [];
    const client = createApiClient({
      resolveConfig: () =>
        config({
          handleResponse: (response) => {
            seen.push(response.headers["x-trace"], { ...response });
            return undefined;
          },
        }),
    });
    const full = await client.get("/full", undefined, { returnFullResponse: true });
    const headers = { "content-length": "11", "content-type": "application/json", "x-trace": "t1" };
    const expected = { status: 200, statusCode: 200, headers, data: { ok: true } };
    expect(full).toStrictEqual(expected);
    expect(Object.getOwnPropertySymbols(full)).toEqual([]);
    expect(seen).toStrictEqual(["t1", expected]);
  });

  it("parses JSON by content type, by shape, or as asked, and keeps other text", async () => {
    server.use(
      http.get(`${API}/typed`, () => new HttpResponse("[1]", { headers: { "Content-Type": "application/problem+json" } })),
      http.get(`${API}/shaped`, () => new HttpResponse(' {"a":1}', { headers: { "Content-Type": "text/plain" } })),
      http.get(`${API}/plain`, () => new HttpResponse("42", { headers: { "Content-Type": "text/plain" } })),
      http.get(`${API}/empty`, () => new HttpResponse(null, { status: 200 })),
    );
    const client = createApiClient({ resolveConfig: () => config() });
    expect(await client.get("/typed", undefined, { responseType: "text" })).toEqual([1]);
    expect(await client.get("/shaped")).toEqual({ a: 1 });
    expect(await client.get("/shaped", undefined, { responseType: "text" })).toBe(' {"a":1}');
    expect(await client.get("/plain")).toBe("42");
    expect(await client.get("/plain", undefined, { responseType: "json" })).toBe(42);
    expect(await client.get("/empty")).toBeUndefined();
  });

  it("keeps a body that claims JSON but is not as text instead of crashing", async () => {
    server.use(http.get(`${API}/odd`, () => new HttpResponse("<html>oops</html>", { headers: { "Content-Type": "application/json" } })));
    const client = createApiClient({ resolveConfig: () => config() });
    expect(await client.get("/odd")).toBe("<html>oops</html>");
  });

  it("maps 401 to access_token_expired when it cannot refresh", async () => {
    server.use(http.get(`${API}/me`, () => HttpResponse.json({ message: "bad token" }, { status: 401 })));
    const client = createApiClient({ resolveConfig: () => config() });
    const error = await caught(client.get("/me"));
    expect(error.key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
    expect(error.data).toMatchObject({ status: 401, body: { message: "bad token" } });
  });

  it("maps other failures to api_request_failed carrying status and body", async () => {
    server.use(http.get(`${API}/boom`, () => HttpResponse.json({ message: "Internal" }, { status: 500 })));
    const client = createApiClient({ resolveConfig: () => config() });
    const error = await caught(client.get("/boom"));
    expect(error.key).toBe(ErrorKey.API_REQUEST_FAILED);
    expect(error.message).toContain("HTTP 500: Internal");
    expect(error.data).toMatchObject({ status: 500, method: "GET", url: `${API}/boom`, body: { message: "Internal" } });
  });

  it("maps a network failure to network_error", async () => {
    server.use(http.get(`${API}/down`, () => HttpResponse.error()));
    const client = createApiClient({ resolveConfig: () => config() });
    expect((await caught(client.get("/down"))).key).toBe(ErrorKey.NETWORK_ERROR);
  });

  describe("429 backoff", () => {
    it("retries with exponential backoff and then succeeds", async () => {
      let calls = 0;
      server.use(http.get(`${API}/busy`, () => (++calls < 3 ? HttpResponse.json({}, { status: 429 }) : HttpResponse.json({ ok: 1 }))));
      const sleep = vi.fn(async () => {});
      const client = createApiClient({ resolveConfig: () => config(), sleep, retry: { baseDelayMs: 100 } });
      expect(await client.get("/busy")).toEqual({ ok: 1 });
      expect(sleep.mock.calls).toEqual([[100], [200]]);
    });

    it("honours Retry-After, capped by maxDelayMs", async () => {
      let calls = 0;
      server.use(
        http.get(`${API}/busy`, () => (++calls === 1 ? HttpResponse.json({}, { status: 429, headers: { "Retry-After": "120" } }) : HttpResponse.json({}))),
      );
      const sleep = vi.fn(async () => {});
      const client = createApiClient({ resolveConfig: () => config(), sleep, retry: { maxDelayMs: 5000 } });
      await client.get("/busy");
      expect(sleep.mock.calls).toEqual([[5000]]);
    });

    it("gives up after maxRetries with rate_limit_exceeded", async () => {
      let calls = 0;
      server.use(http.get(`${API}/busy`, () => (calls++, HttpResponse.json({}, { status: 429 }))));
      const client = createApiClient({ resolveConfig: () => config(), sleep: async () => {}, retry: { maxRetries: 2 } });
      expect((await caught(client.get("/busy"))).key).toBe(ErrorKey.RATE_LIMIT_EXCEEDED);
      expect(calls).toBe(3);
    });
  });

  describe("401 refresh", () => {
    it("refreshes once and retries with the new config", async () => {
      server.use(
        http.get(`${API}/me`, ({ request }) =>
          request.headers.get("authorization") === "Bearer new" ? HttpResponse.json({ id: 1 }) : HttpResponse.json({}, { status: 401 }),
        ),
      );
      let token = "old";
      const refresh = vi.fn(async () => {
        token = "new";
      });
      const client = createApiClient({ resolveConfig: () => config({ headers: { Authorization: `Bearer ${token}` } }), refreshCredentials: refresh });
      expect(await client.get("/me")).toEqual({ id: 1 });
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("does not loop when the refreshed credentials are rejected too", async () => {
      server.use(http.get(`${API}/me`, () => HttpResponse.json({}, { status: 401 })));
      const refresh = vi.fn(async () => {});
      const client = createApiClient({ resolveConfig: () => config(), refreshCredentials: refresh });
      expect((await caught(client.get("/me"))).key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("reports connection_is_defunct when the refresh itself fails", async () => {
      server.use(http.get(`${API}/me`, () => HttpResponse.json({}, { status: 401 })));
      const client = createApiClient({
        resolveConfig: () => config(),
        refreshCredentials: async () => {
          throw new Error("invalid_grant");
        },
      });
      const error = await caught(client.get("/me"));
      expect(error.key).toBe(ErrorKey.CONNECTION_IS_DEFUNCT);
      expect(error.message).toContain("invalid_grant");
    });
  });

  describe("responseHandlers", () => {
    it("lets a matching handler turn a 200 into a keyed error", async () => {
      server.use(http.get(`${API}/me`, () => HttpResponse.json({ ok: false, error: "token_revoked" })));
      const client = createApiClient({
        resolveConfig: () =>
          config({
            handleResponse: (response) =>
              (response.data as { ok: boolean }).ok ? undefined : { success: false, key: ErrorKey.CONNECTION_IS_DEFUNCT, message: "revoked" },
          }),
      });
      const error = await caught(client.get("/me"));
      expect(error.key).toBe(ErrorKey.CONNECTION_IS_DEFUNCT);
      expect(error.message).toBe("revoked");
    });

    it("lets a handler accept a non-2xx response and reshape the data", async () => {
      server.use(http.get(`${API}/maybe`, () => HttpResponse.json({ items: [] }, { status: 404 })));
      const client = createApiClient({
        resolveConfig: () => config({ handleResponse: (response) => (response.status === 404 ? { success: true, data: null } : undefined) }),
      });
      expect(await client.get("/maybe")).toBeNull();
    });
  });

  it("logs each request for request inspectors", async () => {
    echo();
    const entries: unknown[] = [];
    const client = createApiClient({ resolveConfig: () => config(), onRequest: (entry) => entries.push(entry) });
    await client.get("/log");
    expect(entries).toEqual([expect.objectContaining({ method: "GET", url: `${API}/log`, status: 200 })]);
  });

  it("sends the same default headers whether or not the call adds its own", async () => {
    const sent: Array<[string, string][]> = [];
    const client = createApiClient({
      resolveConfig: () => config({ headers: { "X-API-Key": " k1 ", Accept: "application/vnd.api+json" }, auth: { username: "u", password: "p" } }),
      fetch: async (input, init) => {
        sent.push([...new Request(input, init).headers]);
        return HttpResponse.json({});
      },
    });
    await client.get("/a");
    await client.get("/a", undefined, { headers: { "X-Extra": "1" } });
    expect(sent[0]).toEqual([
      ["accept", "application/vnd.api+json"],
      ["authorization", "Basic dTpw"],
      ["x-api-key", "k1"],
    ]);
    expect(sent[1]?.filter(([name]) => name !== "x-extra")).toEqual(sent[0]);
  });

  it("rejects an invalid default header value before sending, on every request", async () => {
    const fetch = vi.fn(async () => HttpResponse.json({}));
    const client = createApiClient({ resolveConfig: () => config({ headers: { "X-Bad": "a\nb" } }), fetch });
    await expect(client.get("/a")).rejects.toThrow(TypeError);
    await expect(client.get("/a")).rejects.toThrow(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("lets authorizeRequest add headers after the request is built", async () => {
    echo();
    const client = createApiClient({
      resolveConfig: () => config(),
      authorizeRequest: (request) => {
        request.headers.set("X-Signature", `${request.method} ${request.url}`);
      },
    });
    const result = (await client.get("/signed", { a: 1 })) as { headers: Record<string, string> };
    expect(result.headers["x-signature"]).toBe(`GET ${API}/signed?a=1`);
  });
});
