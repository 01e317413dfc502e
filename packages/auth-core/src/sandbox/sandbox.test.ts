import { describe, expect, it } from "vitest";
import { ConnectionError, ErrorKey, PlugboardError, isPlugboardError } from "../errors.ts";
import { runInSandbox, type SandboxLogLevel } from "./index.ts";
import { sandboxEngineStats } from "./load-module.ts";

async function failure(promise: Promise<unknown>): Promise<PlugboardError> {
  try {
    await promise;
  } catch (error) {
    expect(isPlugboardError(error)).toBe(true);
    return error as PlugboardError;
  }
  throw new Error("expected the sandbox call to fail");
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stand-in for the engine's API client: async, with a small delay, echoing its input. */
function fakeApiClient(calls: unknown[][] = []) {
  return {
    get: async (path: string, query?: unknown, options?: unknown) => {
      calls.push([path, query, options]);
      await delay(5);
      return { path, ...(query === undefined ? {} : { query }), ...(options === undefined ? {} : { options }) };
    },
  };
}

describe("ES modules", () => {
  it("calls a sync default export with the context", async () => {
    expect(await runInSandbox({ code: "export default function (context) { return context.a + context.b }", context: { a: 1, b: 2 } })).toBe(3);
  });

  it("awaits an async default export", async () => {
    const code = "export default async function ({ name }) { await null; return { hello: name } }";
    expect(await runInSandbox({ code, context: { name: "Ada" } })).toEqual({ hello: "Ada" });
  });

  it("picks a named export by exportName", async () => {
    const code = "export async function makeApiClient() { return { baseUri: 'a' } }\nexport async function test() { return 'tested' }";
    expect(await runInSandbox({ code, context: {}, exportName: "test" })).toBe("tested");
  });

  it("prefers the default export over exportName", async () => {
    const code = "export function test() { return 'named' }\nexport default function () { return 'default' }";
    expect(await runInSandbox({ code, context: {}, exportName: "test" })).toBe("default");
  });

  it("uses the only exported function when exportName is absent", async () => {
    expect(await runInSandbox({ code: "export const version = 2;\nexport function run() { return version }", context: {} })).toBe(2);
  });

  it("supports top-level await", async () => {
    expect(await runInSandbox({ code: "const v = await Promise.resolve(7);\nexport default () => v", context: {} })).toBe(7);
  });

  it("fails with custom_code_error when no function is exported", async () => {
    const error = await failure(runInSandbox({ code: "export const a = 1, b = 2;", context: {}, exportName: "test", filePath: "auth/test.js" }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toContain("auth/test.js does not export");
    expect(error.message).toContain("a, b");
  });
});

describe("CommonJS", () => {
  it("picks exports.<name>", async () => {
    const code = "exports.makeApiClient = () => ({});\nexports.test = async function ({ x }) { return x * 2 }";
    expect(await runInSandbox({ code, context: { x: 21 }, exportName: "test" })).toBe(42);
  });

  it("calls module.exports = function", async () => {
    expect(await runInSandbox({ code: "module.exports = async function (c) { return c.v }", context: { v: "ok" } })).toBe("ok");
  });

  it("calls module.exports.<name> with the exports object as this", async () => {
    const code = "module.exports.helper = function () { return 'helped' };\nmodule.exports.test = function () { return this.helper() }";
    expect(await runInSandbox({ code, context: {}, exportName: "test" })).toBe("helped");
  });

  it("calls a method of module.exports = { ... }", async () => {
    const code = "module.exports = { refreshCredentials: async ({ credentials }) => ({ access_token: credentials.refresh_token + '!' }) }";
    const result = await runInSandbox({ code, context: { credentials: { refresh_token: "r" } }, exportName: "refreshCredentials" });
    expect(result).toEqual({ access_token: "r!" });
  });

  it("resolves require() of the SDK and rejects other modules", async () => {
    const ok = "const { ConnectionErrorKey } = require('@integration-app/sdk');\nexports.test = () => ConnectionErrorKey.RATE_LIMIT_EXCEEDED";
    expect(await runInSandbox({ code: ok, context: {} })).toBe("rate_limit_exceeded");

    const bad = "const axios = require('axios');\nexports.test = () => 1";
    const error = await failure(runInSandbox({ code: bad, context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toContain('Cannot import "axios"');
  });
});

describe("context data", () => {
  it("round-trips nested objects, arrays, null and dates (as ISO strings)", async () => {
    const context = {
      connectorParameters: { clientId: "id", scopes: ["a", "b"], nested: { deep: [{ n: 1 }, null, true] } },
      nothing: null,
      when: new Date("2024-05-06T07:08:09.000Z"),
      text: "ünïcødé ✓",
      count: 0,
    };
    const code = "export default (c) => ({ copy: c, whenType: typeof c.when, missing: c.missing })";
    expect(await runInSandbox({ code, context })).toEqual({
      copy: { ...context, when: "2024-05-06T07:08:09.000Z" },
      whenType: "string",
    });
  });

  it("keeps a top-level undefined result undefined and copies results like JSON", async () => {
    expect(await runInSandbox({ code: "export default () => undefined", context: {} })).toBeUndefined();
    const code = "export default () => ({ d: new Date(0), f() {}, u: undefined, n: NaN, a: [undefined] })";
    expect(await runInSandbox({ code, context: {} })).toEqual({ d: "1970-01-01T00:00:00.000Z", n: null, a: [null] });
  });

  it("gives the guest a copy: guest changes do not reach the host", async () => {
    const context = { credentials: { token: "t" } };
    await runInSandbox({ code: "export default (c) => { c.credentials.token = 'changed'; c.added = 1 }", context });
    expect(context).toEqual({ credentials: { token: "t" } });
  });
});

describe("bridged host functions", () => {
  it("returns data from apiClient.get across two sequential awaits", async () => {
    const calls: unknown[][] = [];
    const code = `export default async function ({ apiClient }) {
      const me = await apiClient.get("/me");
      const org = await apiClient.get("/org", { id: me.path });
      return { me, org };
    }`;
    const result = await runInSandbox({ code, context: { apiClient: fakeApiClient(calls) } });
    expect(result).toEqual({ me: { path: "/me" }, org: { path: "/org", query: { id: "/me" } } });
    expect(calls).toEqual([
      ["/me", undefined, undefined],
      ["/org", { id: "/me" }, undefined],
    ]);
  });

  it("runs three calls under Promise.all", async () => {
    const code = `export default async ({ apiClient }) => {
      const results = await Promise.all(["/a", "/b", "/c"].map((p) => apiClient.get(p, undefined, { returnFullResponse: false })));
      return results.map((r) => r.path + ":" + r.options.returnFullResponse);
    }`;
    expect(await runInSandbox({ code, context: { apiClient: fakeApiClient() } })).toEqual(["/a:false", "/b:false", "/c:false"]);
  });

  it("bridges methods of class instances, with their own this", async () => {
    class Client {
      private readonly base = "https://api.example.com";
      async get(path: string) {
        return `${this.base}${path}`;
      }
    }
    const code = "export default async ({ apiClient }) => [typeof apiClient.get, await apiClient.get('/x')]";
    expect(await runInSandbox({ code, context: { apiClient: new Client() } })).toEqual(["function", "https://api.example.com/x"]);
  });

  it("propagates a rejection with access_token_expired as the same host error", async () => {
    const expired = new ConnectionError(ErrorKey.ACCESS_TOKEN_EXPIRED, { message: "Token expired", data: { status: 401 } });
    const apiClient = { get: async () => Promise.reject(expired) };
    const code = "export default async ({ apiClient }) => { await apiClient.get('/me'); return 'unreachable' }";
    const error = await failure(runInSandbox({ code, context: { apiClient } }));
    expect(error.key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
    expect(error).toBe(expired);
  });

  it("keeps the key when the guest rethrows the rejection inside another error object", async () => {
    const apiClient = { get: async () => Promise.reject(new PlugboardError(ErrorKey.RATE_LIMIT_EXCEEDED, { message: "slow down" })) };
    const code = "export default async ({ apiClient }) => { try { await apiClient.get('/') } catch (e) { throw { key: e.key, message: 'wrapped: ' + e.message } } }";
    const error = await failure(runInSandbox({ code, context: { apiClient } }));
    expect(error.key).toBe(ErrorKey.RATE_LIMIT_EXCEEDED);
    expect(error.message).toBe("wrapped: slow down");
  });

  it("lets the guest catch the rejection and read key, message and data", async () => {
    const apiClient = {
      get: async () => Promise.reject(new ConnectionError(ErrorKey.ACCESS_TOKEN_EXPIRED, { message: "expired", data: { status: 401 } })),
    };
    const code = `export default async ({ apiClient }) => {
      try { await apiClient.get("/me") } catch (e) { return { isError: e instanceof Error, key: e.key, message: e.message, data: e.data } }
    }`;
    expect(await runInSandbox({ code, context: { apiClient } })).toEqual({
      isError: true,
      key: "access_token_expired",
      message: "expired",
      data: { status: 401 },
    });
  });

  it("turns a synchronous host throw into a rejection the guest can catch", async () => {
    const context = {
      explode: () => {
        throw new Error("host exploded");
      },
    };
    const code = "export default async (c) => { const p = c.explode(); try { await p } catch (e) { return [p instanceof Promise, e.message] } }";
    expect(await runInSandbox({ code, context })).toEqual([true, "host exploded"]);
  });

  it("reports an uncaught non-Plugboard host failure as internal_error", async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = await failure(runInSandbox({ code: "export default async (c) => { await c.get() }", context: { get: async () => circular } }));
    expect(error.key).toBe(ErrorKey.INTERNAL_ERROR);
    expect(error.message).toContain("cannot be copied into the sandbox");
  });

  it("fails with custom_code_error when the guest awaits something that can never settle", async () => {
    const error = await failure(runInSandbox({ code: "export default async () => { await new Promise(() => {}) }", context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toContain("never settle");
  });

  it("keeps concurrent calls apart", async () => {
    const run = (label: string, ms: number) =>
      runInSandbox({
        code: "export default async (c) => { const a = await c.wait('1'); const b = await c.wait('2'); return c.label + a + b }",
        context: { label, wait: async (step: string) => (await delay(ms), step) },
      });
    expect(await Promise.all([run("x", 15), run("y", 5), run("z", 10)])).toEqual(["x12", "y12", "z12"]);
  });
});

describe("SDK shim and guest errors", () => {
  it.each(["@membranehq/sdk", "@integration-app/sdk", "@integration-app/connector-sdk"])("throws ConnectionError from %s with its key", async (sdk) => {
    const code = `import { ConnectionError, ConnectionErrorKey } from "${sdk}";
export default async function () {
  throw new ConnectionError({ message: "Access token expired", key: ConnectionErrorKey.ACCESS_TOKEN_EXPIRED, data: { status: 401 } });
}`;
    const error = await failure(runInSandbox({ code, context: {}, filePath: "auth/test.js" }));
    expect(error.key).toBe(ErrorKey.ACCESS_TOKEN_EXPIRED);
    expect(error.message).toBe("Access token expired");
    expect(error.data).toMatchObject({ status: 401, name: "ConnectionError", type: "connection", filePath: "auth/test.js", line: 3 });
  });

  it("provides BadRequestError, CustomCodeError and the key enums", async () => {
    const code = `import sdk, { BadRequestError, CustomCodeError, ConnectionErrorKey } from "@membranehq/sdk";
export default () => [new BadRequestError("bad") instanceof Error, new CustomCodeError({ message: "c" }).type, Object.values(ConnectionErrorKey).sort(), typeof sdk.ConnectionError]`;
    expect(await runInSandbox({ code, context: {} })).toEqual([
      true,
      "custom_code",
      ["access_token_expired", "connection_is_defunct", "rate_limit_exceeded"],
      "function",
    ]);
  });

  it("turns a plain guest throw into custom_code_error with message, file, line and stack", async () => {
    const code = "// first line\nexport default function test() {\n  throw new Error('Boom');\n}";
    const error = await failure(runInSandbox({ code, context: {}, filePath: "auth/test.js" }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toBe("Boom");
    expect(error.data).toMatchObject({ filePath: "auth/test.js", line: 3 });
    expect((error.data as { stack: string }).stack).toContain("auth/test.js:3");
  });

  it("reports a CommonJS throw on the right line and column", async () => {
    const error = await failure(runInSandbox({ code: "exports.test = () => { throw new TypeError('x') }", context: {}, filePath: "auth/t.js" }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.data).toMatchObject({ filePath: "auth/t.js", line: 1, column: 43, name: "TypeError" });
  });

  it("handles thrown strings and objects with unknown keys", async () => {
    expect((await failure(runInSandbox({ code: "export default () => { throw 'just text' }", context: {} }))).message).toBe("just text");
    const error = await failure(runInSandbox({ code: "export default () => { throw { key: 'not_found', message: 'gone' } }", context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toBe("gone");
    expect(error.data).toMatchObject({ guestKey: "not_found" });
  });

  it("reports syntax errors in ES modules and CommonJS files", async () => {
    const esm = await failure(runInSandbox({ code: "const a = 1;\nexport default function () { return a +; }", context: {}, filePath: "auth/test.js" }));
    expect(esm.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(esm.message).toMatch(/^Syntax error in auth\/test\.js:2:\d+: /);
    expect(esm.data).toMatchObject({ syntaxError: true, line: 2 });

    const cjs = await failure(runInSandbox({ code: "exports.test = () => {\n  return 1 +;\n}", context: {}, filePath: "auth/test.js" }));
    expect(cjs.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(cjs.message).toMatch(/^Syntax error in auth\/test\.js:2:\d+: /);
  });

  it("does not call a runtime SyntaxError (JSON.parse) a syntax error in the file", async () => {
    const error = await failure(runInSandbox({ code: "const x = JSON.parse('{');\nexport default () => x", context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).not.toContain("Syntax error in");
  });

  it.each([
    ["a default import", 'import axios from "axios";\nexport default () => 1'],
    ["a named import", 'import { get } from "axios";\nexport default () => 1'],
    ["a side-effect import", 'import "axios";\nexport default () => 1'],
    ["a dynamic import", 'export default async () => { await import("axios") }'],
  ])("rejects %s of another module with custom_code_error", async (_label, code) => {
    const error = await failure(runInSandbox({ code, context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toContain('Cannot import "axios"');
  });

  it("rejects relative imports too", async () => {
    const error = await failure(runInSandbox({ code: 'import { x } from "./helpers.js";\nexport default () => x', context: {} }));
    expect(error.key).toBe(ErrorKey.CUSTOM_CODE_ERROR);
    expect(error.message).toContain('Cannot import "./helpers.js"');
  });
});

describe("console", () => {
  it("forwards guest console calls to onLog and attaches recent logs to errors", async () => {
    const seen: Array<[SandboxLogLevel, unknown[]]> = [];
    const code = `export default () => {
      console.log("starting", { a: 1 }, [2]);
      console.warn("careful");
      console.error(new Error("bad thing"));
      throw new Error("failed");
    }`;
    const error = await failure(runInSandbox({ code, context: {}, onLog: (level, args) => seen.push([level, args]) }));
    expect(seen[0]).toEqual(["log", ["starting", { a: 1 }, [2]]]);
    expect(seen[1]).toEqual(["warn", ["careful"]]);
    expect(seen[2]?.[0]).toBe("error");
    expect(String(seen[2]?.[1][0])).toContain("Error: bad thing");
    expect((error.data as { logs: unknown[] }).logs).toHaveLength(3);
  });

  it("truncates huge log arguments and survives a throwing onLog", async () => {
    const seen: unknown[][] = [];
    const code = "export default () => { console.log('x'.repeat(50000)); return 'done' }";
    const onLog = (_level: SandboxLogLevel, args: unknown[]) => {
      seen.push(args);
      throw new Error("log sink broke");
    };
    expect(await runInSandbox({ code, context: {}, onLog })).toBe("done");
    expect(String(seen[0]?.[0]).length).toBeLessThan(10_100);
  });
});

describe("isolation", () => {
  it("does not expose host globals", async () => {
    const probe = "({ process: typeof process, fetch: typeof fetch, require: typeof globalThis.require, setTimeout: typeof setTimeout, window: typeof window, global: typeof global, Buffer: typeof Buffer, WebAssembly: typeof WebAssembly })";
    const expected = { process: "undefined", fetch: "undefined", require: "undefined", setTimeout: "undefined", window: "undefined", global: "undefined", Buffer: "undefined", WebAssembly: "undefined" };
    expect(await runInSandbox({ code: `export default () => ${probe}`, context: {} })).toEqual(expected);
    expect(await runInSandbox({ code: `export default () => typeof require`, context: {} })).toBe("undefined");
    expect(await runInSandbox({ code: `exports.test = () => ${probe}`, context: {} })).toEqual(expected);
  });

  it("gives bridged functions only guest-realm properties", async () => {
    const code = `export default async (c) => {
      const F = c.apiClient.get.constructor;
      return [F === Function, F("return typeof process")(), Object.keys(c.apiClient.get), c.apiClient.get.name];
    }`;
    expect(await runInSandbox({ code, context: { apiClient: fakeApiClient() } })).toEqual([true, "undefined", [], "get"]);
  });

  it("does not let one call see another call's globals or prototype changes", async () => {
    await runInSandbox({ code: "export default () => { globalThis.leaked = 1; Object.prototype.polluted = true; Array.prototype.map = null }", context: {} });
    const code = "export default () => [typeof leaked, 'polluted' in {}, typeof [].map]";
    expect(await runInSandbox({ code, context: {} })).toEqual(["undefined", false, "function"]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("still copies values out when the guest replaced JSON and Promise", async () => {
    const code = "export default async () => { JSON.stringify = () => '\"hacked\"'; Promise.resolve = null; return { ok: true } }";
    expect(await runInSandbox({ code, context: {} })).toEqual({ ok: true });
  });
});

describe("arguments", () => {
  it("rejects a missing code string or context object with invalid_argument", async () => {
    expect((await failure(runInSandbox({ code: undefined as unknown as string, context: {} }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
    expect((await failure(runInSandbox({ code: "", context: null as unknown as Record<string, unknown> }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
  });

  it("rejects a circular context with invalid_argument", async () => {
    const context: Record<string, unknown> = { fn: () => 1 };
    context.self = context;
    expect((await failure(runInSandbox({ code: "export default () => 1", context }))).key).toBe(ErrorKey.INVALID_ARGUMENT);
  });
});

describe("resources", () => {
  it("runs 200 calls in a row without leaking runtimes, handles or memory", { timeout: 60_000 }, async () => {
    const code = `export default async ({ apiClient, items }) => {
      const r = await apiClient.get("/x", { n: items.length });
      console.log("got", r.path);
      return items.map((i) => i * 2).length + r.query.n;
    }`;
    await runInSandbox({ code, context: { apiClient: fakeApiClient(), items: [1] } });
    const before = sandboxEngineStats();
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 200; i += 1) {
      const items = Array.from({ length: 1000 }, (_, n) => n);
      expect(await runInSandbox({ code, context: { apiClient: fakeApiClient(), items } })).toBe(2000);
    }
    const after = sandboxEngineStats();
    // A leaked handle makes QuickJS abort when the runtime is freed, which retires the module:
    // so reusing the same module for all 200 calls also proves every handle was disposed.
    expect(after.created).toBe(before.created);
    expect(after.retired).toBe(before.retired);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });
});
