import { describe, expect, it } from "vitest";
import { compileMapping, evaluateMapping } from "./index.ts";
import { isJsonataLoaded } from "./jsonata.ts";

describe("$jsonata", () => {
  // Runs first in this file (its own module graph): nothing has imported jsonata yet.
  it("does not import the jsonata package for mappings that do not use it", async () => {
    const mapping = { a: { $concat: ["x", { $var: "y" }] }, b: { $case: [{ value: { $plain: { $jsonata: "1" } } }] } };
    expect(await evaluateMapping(mapping, { y: "z" })).toEqual({ a: "xz", b: { $jsonata: "1" } });
    expect(compileMapping({ c: { $jsonata: "1 + 1" } }).isAsync).toBe(true); // compiling is not evaluating
    expect(isJsonataLoaded()).toBe(false);
  });

  it("evaluates an expression against the variables", async () => {
    const variables = { credentials: { expires_in: 3600, scopes: ["a", "b"] }, name: "Ada" };
    expect(await evaluateMapping({ $jsonata: "credentials.expires_in * 1000" }, variables)).toBe(3600000);
    expect(await evaluateMapping({ ttl: { $jsonata: "credentials.expires_in" }, who: { $var: "name" } }, variables)).toEqual({ ttl: 3600, who: "Ada" });
    expect(await evaluateMapping({ $jsonata: "$join(credentials.scopes, ' ')" }, variables)).toBe("a b");
    expect(isJsonataLoaded()).toBe(true);
  });

  it("marks the mapping async and refuses evaluateSync", () => {
    const compiled = compileMapping({ a: { $concat: [{ $jsonata: "'x'" }] } });
    expect(compiled.isAsync).toBe(true);
    expect(() => compiled.evaluateSync({})).toThrow(expect.objectContaining({ key: "formula_error" }));
  });

  it("gives undefined on syntax and evaluation errors", async () => {
    expect(await evaluateMapping({ bad: { $jsonata: "((" }, ok: 1 }, {})).toEqual({ ok: 1 });
    expect(await evaluateMapping({ $jsonata: "$error('boom')" }, {})).toBeUndefined();
    expect(await evaluateMapping({ $jsonata: "missing.path" }, {})).toBeUndefined();
    expect(await evaluateMapping({ $jsonata: 42 }, {})).toBeUndefined();
  });

  it("works inside other formulas and per $iterate item", async () => {
    const mapping = {
      url: { $concat: ["https://", { $jsonata: "$lowercase(host)" }] },
      doubled: { $iterate: { source: { $var: "numbers" }, item: { $jsonata: "item * 2" } } },
      sandbox: { $case: [{ filter: { $jsonata: "env = 'sandbox'" }, value: "yes" }, { value: "no" }] },
    };
    expect(await evaluateMapping(mapping, { host: "API.EXAMPLE.COM", numbers: [1, 2], env: "sandbox" })).toEqual({
      url: "https://api.example.com",
      doubled: [2, 4],
      sandbox: "yes",
    });
  });

  it("takes the expression from another formula", async () => {
    expect(await evaluateMapping({ $jsonata: { $var: "expr" } }, { expr: "1 + 2" })).toBe(3);
  });

  it("reuses one compiled mapping across evaluations", async () => {
    const compiled = compileMapping({ $jsonata: "n + 1" });
    expect(await compiled.evaluate({ n: 1 })).toBe(2);
    expect(await compiled.evaluate({ n: 41 })).toBe(42);
  });
});
