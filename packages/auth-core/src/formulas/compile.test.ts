import { describe, expect, it } from "vitest";
import { ErrorKey, PlugboardError } from "../errors.ts";
import { compileMapping, evaluateMapping, isFormula } from "./index.ts";
import { build } from "./test-helpers.ts";

describe("formula detection", () => {
  it("a formula is a plain object whose FIRST key is a known `$name`", () => {
    expect(isFormula({ $var: "a" })).toBe(true);
    expect(isFormula({ $concat: [] })).toBe(true);
    expect(isFormula({ $lookup: {} })).toBe(true);
    expect(isFormula({ other: 1, $var: "a" })).toBe(false);
    expect(isFormula({ $template: "x" })).toBe(false);
    expect(isFormula({})).toBe(false);
    expect(isFormula([{ $var: "a" }])).toBe(false);
    expect(isFormula(null)).toBe(false);
    expect(isFormula("$var")).toBe(false);
  });

  it("ignores the other keys of a formula object", () => {
    expect(build({ $var: "a", note: "ignored", $concat: ["x"] }, { a: 1 })).toBe(1);
  });

  it("treats unknown `$names` as plain keys and evaluates the object normally", () => {
    expect(build({ $template: "Bearer ${credentials.apiKey}", key: { $var: "k" } }, { k: "v" })).toEqual({
      $template: "Bearer ${credentials.apiKey}",
      key: "v",
    });
  });

  it("recurses into arrays and objects, evaluating formula arguments too", () => {
    const mapping = { a: [{ $var: "x" }, { b: { $concat: [{ $var: "x" }, "-", { $var: "y" }] } }] };
    expect(build(mapping, { x: "1", y: "2" })).toEqual({ a: ["1", { b: "1-2" }] });
  });
});

describe("undefined-dropping rules", () => {
  it("drops entries that evaluate to undefined", () => {
    expect(build({ a: { $var: "missing" }, b: 1 })).toEqual({ b: 1 });
    expect(build([{ $var: "missing" }, 1, { $var: "x" }], { x: 2 })).toEqual([1, 2]);
  });

  it("makes a container whose every entry became undefined undefined, up the tree", () => {
    expect(build({ a: { $var: "missing" } })).toBeUndefined();
    expect(build([{ $var: "missing" }])).toBeUndefined();
    expect(build({ outer: { inner: { $var: "missing" } }, keep: 1 })).toEqual({ keep: 1 });
  });

  it("keeps literal {} and [] and null", () => {
    expect(build({})).toEqual({});
    expect(build([])).toEqual([]);
    expect(build({ a: {}, b: [], c: null })).toEqual({ a: {}, b: [], c: null });
  });

  it("passes scalars through", () => {
    for (const value of ["s", 0, 1.5, true, false, null]) expect(build(value)).toBe(value);
    expect(build(undefined)).toBeUndefined();
  });
});

describe("compiled mappings", () => {
  it("caches by object identity", () => {
    const mapping = { a: { $var: "x" } };
    expect(compileMapping(mapping)).toBe(compileMapping(mapping));
    expect(compileMapping({ a: { $var: "x" } })).not.toBe(compileMapping(mapping));
  });

  it("returns fresh objects for literal parts, so callers may mutate the result", () => {
    const mapping = { headers: { Accept: "application/json" }, list: [1, { deep: true }], empty: {} };
    const compiled = compileMapping(mapping);
    const first = compiled.evaluateSync({}) as { headers: Record<string, string>; list: unknown[]; empty: object };
    first.headers.Accept = "changed";
    first.list.push("more");
    (first.list[1] as { deep: boolean }).deep = false;
    expect(compiled.evaluateSync({})).toEqual({ headers: { Accept: "application/json" }, list: [1, { deep: true }], empty: {} });
    expect(compiled.evaluateSync({})).not.toBe(compiled.evaluateSync({}));
    expect(mapping.headers.Accept).toBe("application/json");
  });

  it("evaluates the same way sync and async", async () => {
    const mapping = { a: { $concat: [{ $var: "x" }, "!"] } };
    expect(await evaluateMapping(mapping, { x: "hi" })).toEqual({ a: "hi!" });
    expect(await compileMapping(mapping).evaluate({ x: "hi" })).toEqual(compileMapping(mapping).evaluateSync({ x: "hi" }));
    expect(compileMapping(mapping).isAsync).toBe(false);
  });

  it("compiles primitives too", () => {
    expect(compileMapping("text").evaluateSync({})).toBe("text");
    expect(compileMapping(null).isAsync).toBe(false);
  });

  it("keeps a `__proto__` key as data", () => {
    const mapping = JSON.parse('{"__proto__": {"polluted": {"$var": "x"}}, "ok": 1}') as unknown;
    const result = build(mapping, { x: true }) as Record<string, unknown>;
    expect(Object.hasOwn(result, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("formulas that need a data store", () => {
  it.each(["$lookup", "$record", "$findExternalRecordId", "$findAppRecordId", "$dataSchemaRef"])("%s throws unsupported_formula", async (key) => {
    const mapping = { id: { [key]: { query: { id: 1 } } } };
    let error: unknown;
    try {
      build(mapping);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlugboardError);
    expect((error as PlugboardError).key).toBe("unsupported_formula");
    expect((error as PlugboardError).key).toBe(ErrorKey.UNSUPPORTED_FORMULA);
    expect((error as Error).message).toContain(key);
    expect((error as Error).message).toMatch(/data store.*not available in auth methods/);
    await expect(evaluateMapping(mapping, {})).rejects.toMatchObject({ key: "unsupported_formula" });
  });

  it("only throws when the formula is actually reached", () => {
    const mapping = { $case: { cases: [{ filter: { $var: "useLookup" }, value: { $lookup: {} } }], default: "fine" } };
    expect(build(mapping, { useLookup: false })).toBe("fine");
    expect(() => build(mapping, { useLookup: true })).toThrow(/\$lookup/);
  });
});

describe("realistic makeApiClient mappings", () => {
  const quickBooks = {
    baseUri: {
      $case: {
        cases: [{ filter: { $eval: { $var: "credentials.isSandbox" }, is: true }, value: "https://sandbox-quickbooks.api.intuit.com/v3/company" }],
        default: "https://quickbooks.api.intuit.com/v3/company",
      },
    },
    headers: {
      Authorization: { $concat: ["Bearer ", { $var: "$.credentials.access_token" }] },
      Accept: "application/json",
    },
    query: { minorversion: "65" },
  };

  it("picks the sandbox base URL when credentials say so", () => {
    expect(build(quickBooks, { credentials: { isSandbox: true, access_token: "tok" } })).toEqual({
      baseUri: "https://sandbox-quickbooks.api.intuit.com/v3/company",
      headers: { Authorization: "Bearer tok", Accept: "application/json" },
      query: { minorversion: "65" },
    });
  });

  it("falls back to production (also when isSandbox is missing)", () => {
    expect(build(quickBooks, { credentials: { isSandbox: false, access_token: "tok" } })).toMatchObject({ baseUri: "https://quickbooks.api.intuit.com/v3/company" });
    expect(build(quickBooks, { credentials: { access_token: "tok" } })).toMatchObject({ baseUri: "https://quickbooks.api.intuit.com/v3/company" });
    // `is` compares loosely, JavaScript-style: "true" == true is false, 1 == true is true.
    expect(build(quickBooks, { credentials: { isSandbox: "true", access_token: "tok" } })).toMatchObject({ baseUri: "https://quickbooks.api.intuit.com/v3/company" });
    expect(build(quickBooks, { credentials: { isSandbox: 1, access_token: "tok" } })).toMatchObject({ baseUri: "https://sandbox-quickbooks.api.intuit.com/v3/company" });
  });

  it("supports args-wrapped clients with API-key auth from connection input and connector parameters", () => {
    const mapping = {
      args: {
        baseUrl: { $concat: ["https://", { $var: "connectionInput.subdomain" }, ".example.com/api"] },
        headers: { "X-Api-Key": { $firstNotEmpty: [{ $var: "credentials.apiKey" }, { $var: "connectionParameters.apiKey" }] } },
        query: { tenant: { $var: "connectorParameters.tenant" } },
        auth: { username: { $var: "credentials.user" }, password: { $var: "credentials.password" } },
      },
    };
    expect(build(mapping, { connectionInput: { subdomain: "acme" }, connectionParameters: { apiKey: "k" }, connectorParameters: {}, credentials: {} })).toEqual({
      args: { baseUrl: "https://acme.example.com/api", headers: { "X-Api-Key": "k" } },
    });
  });
});
