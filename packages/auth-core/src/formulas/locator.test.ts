import { describe, expect, it } from "vitest";
import { getByLocator, parseLocator } from "./locator.ts";

const data = {
  credentials: { access_token: "tok", "a.b": "dotted", "x[0]": "bracketed", "back\\slash": "bs" },
  list: [{ id: 1 }, { id: 2 }, 0, false, null, ""],
  "": { empty: "name" },
};

describe("locators", () => {
  it("`$` alone is the root", () => {
    expect(parseLocator("$")).toEqual([]);
    expect(getByLocator(data, "$")).toBe(data);
  });

  it("a leading `$.` is optional", () => {
    expect(getByLocator(data, "$.credentials.access_token")).toBe("tok");
    expect(getByLocator(data, "credentials.access_token")).toBe("tok");
    expect(parseLocator("a.b")).toEqual(parseLocator("$.a.b"));
  });

  it("`[n]` indexes arrays, also right after the root", () => {
    expect(getByLocator(data, "list[1].id")).toBe(2);
    expect(getByLocator([10, 20], "[1]")).toBe(20);
    expect(getByLocator([10, 20], "$[0]")).toBe(10);
    expect(parseLocator("a[0][12]")).toEqual(["a", 0, 12]);
  });

  it("returns falsy array items as they are", () => {
    expect(getByLocator(data, "list[2]")).toBe(0);
    expect(getByLocator(data, "list[3]")).toBe(false);
    expect(getByLocator(data, "list[4]")).toBeNull();
    expect(getByLocator(data, "list[5]")).toBe("");
  });

  it("backslash escapes `.` and `[` (and itself) inside names", () => {
    expect(parseLocator("credentials.a\\.b")).toEqual(["credentials", "a.b"]);
    expect(getByLocator(data, "credentials.a\\.b")).toBe("dotted");
    expect(getByLocator(data, "credentials.x\\[0]")).toBe("bracketed");
    expect(getByLocator(data, "credentials.back\\\\slash")).toBe("bs");
  });

  it("allows empty property names, as the reference engine does", () => {
    expect(parseLocator("$.")).toEqual([""]);
    expect(getByLocator(data, "$..empty")).toBe("name");
  });

  it("missing paths give undefined", () => {
    expect(getByLocator(data, "credentials.nope")).toBeUndefined();
    expect(getByLocator(data, "nope.deeper.still")).toBeUndefined();
    expect(getByLocator(data, "list[99]")).toBeUndefined();
    expect(getByLocator(data, "credentials[0]")).toBeUndefined(); // index step on an object
    expect(getByLocator(data, "credentials.access_token.length")).toBeUndefined(); // strings have no properties here
    expect(getByLocator(null, "a")).toBeUndefined();
  });

  it("only follows own properties", () => {
    expect(getByLocator(data, "credentials.constructor")).toBeUndefined();
    expect(getByLocator(data, "credentials.__proto__")).toBeUndefined();
    expect(getByLocator(data, "credentials.hasOwnProperty")).toBeUndefined();
    expect(getByLocator({ list: [1, 2, 3] }, "list.length")).toBe(3);
  });

  it("rejects invalid locators", () => {
    for (const bad of ["", "$foo", "a[", "a[x]", "a[-1]", "a[1.5]", "a[]", "a[0]b", "$$"]) {
      expect(parseLocator(bad), bad).toBeNull();
      expect(getByLocator(data, bad), bad).toBeUndefined();
    }
    expect(parseLocator(42)).toBeNull();
    expect(parseLocator(null)).toBeNull();
  });
});
