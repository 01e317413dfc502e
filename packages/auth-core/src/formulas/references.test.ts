import { describe, expect, it } from "vitest";
import { build } from "./test-helpers.ts";

const vars = { credentials: { access_token: "tok", scopes: ["a", "b"] }, "weird.key": 1, list: [0, 1] };

describe("$var", () => {
  it("reads a locator, with or without `$.`", () => {
    expect(build({ $var: "credentials.access_token" }, vars)).toBe("tok");
    expect(build({ $var: "$.credentials.access_token" }, vars)).toBe("tok");
    expect(build({ $var: "credentials.scopes[1]" }, vars)).toBe("b");
    expect(build({ $var: "weird\\.key" }, vars)).toBe(1);
    expect(build({ $var: "list[0]" }, vars)).toBe(0);
  });

  it("`$` is the whole variables object", () => {
    expect(build({ $var: "$" }, vars)).toBe(vars);
  });

  it("gives undefined for a missing path and null for an invalid locator", () => {
    expect(build({ $var: "credentials.nope" }, vars)).toBeUndefined();
    expect(build({ a: { $var: "credentials.nope" } }, vars)).toBeUndefined();
    expect(build({ $var: "a[x]" }, vars)).toBeNull();
    expect(build({ $var: "" }, vars)).toBeNull();
    expect(build({ $var: 42 }, vars)).toBeNull();
    expect(build({ a: { $var: "a[" } }, vars)).toEqual({ a: null });
  });

  it("takes a locator computed by another formula", () => {
    expect(build({ $var: { $concat: ["credentials.", { $var: "field" }] } }, { ...vars, field: "access_token" })).toBe("tok");
  });
});

describe("$plain", () => {
  it("returns its argument verbatim, without evaluating inner formulas", () => {
    expect(build({ $plain: { $var: "credentials.access_token", list: [{ $concat: ["a"] }] } }, vars)).toEqual({
      $var: "credentials.access_token",
      list: [{ $concat: ["a"] }],
    });
    expect(build({ $plain: "text" })).toBe("text");
    expect(build({ $plain: {} })).toEqual({});
  });

  it("returns a fresh copy each time", () => {
    const mapping = { $plain: { a: [1] } };
    const first = build(mapping) as { a: number[] };
    first.a.push(2);
    expect(build(mapping)).toEqual({ a: [1] });
    expect(mapping.$plain.a).toEqual([1]);
  });
});

describe("$formula", () => {
  it("returns the formula structure with its inner $vars substituted", () => {
    const mapping = { $formula: { $eval: { $var: "credentials.access_token" }, is: { $var: "expected" } } };
    expect(build(mapping, { ...vars, expected: "tok" })).toEqual({ $eval: "tok", is: "tok" });
  });

  it("substitutes inside nested formulas and plain structure, removing missing values", () => {
    const mapping = { $formula: { $concat: ["Bearer ", { $var: "credentials.access_token" }, { $var: "missing" }], meta: { n: { $var: "list[1]" } } } };
    expect(build(mapping, vars)).toEqual({ $concat: ["Bearer ", "tok"], meta: { n: 1 } });
  });

  it("leaves $plain contents and $iterate items alone (only the iterate source is substituted)", () => {
    const mapping = {
      $formula: {
        keep: { $plain: { $var: "credentials.access_token" } },
        each: { $iterate: { source: { $var: "credentials.scopes" }, item: { $var: "item" } } },
      },
    };
    expect(build(mapping, vars)).toEqual({
      keep: { $plain: { $var: "credentials.access_token" } },
      each: { $iterate: { source: ["a", "b"], item: { $var: "item" } } },
    });
  });

  it("does not mutate the mapping between evaluations", () => {
    const mapping = { $formula: { $concat: [{ $var: "x" }] } };
    expect(build(mapping, { x: "1" })).toEqual({ $concat: ["1"] });
    expect(build(mapping, { x: "2" })).toEqual({ $concat: ["2"] });
    expect(mapping.$formula.$concat[0]).toEqual({ $var: "x" });
  });

  it("replaces an invalid locator by null, as $var does", () => {
    expect(build({ $formula: { $concat: [{ $var: "a[" }, "x"] } }, vars)).toEqual({ $concat: [null, "x"] });
  });

  it("a bare $var argument is replaced by its value", () => {
    expect(build({ $formula: { $var: "credentials.access_token" } }, vars)).toBe("tok");
  });
});
