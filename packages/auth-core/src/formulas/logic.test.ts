import { describe, expect, it } from "vitest";
import { build } from "./test-helpers.ts";

const evaluate = (value: unknown, operator: string, operand?: unknown): unknown =>
  build({ $eval: { $var: "v" }, [operator]: operand }, { v: value });

describe("$eval", () => {
  it("reads the operator from the second key and evaluates both sides", () => {
    expect(build({ $eval: { $var: "a" }, is: { $var: "b" } }, { a: 1, b: 1 })).toBe(true);
    expect(build({ $eval: { $concat: ["a", "b"] }, is: "ab" })).toBe(true);
  });

  it("is / isNot compare loosely (==)", () => {
    expect(evaluate(1, "is", "1")).toBe(true);
    expect(evaluate(null, "is", undefined)).toBe(true);
    expect(evaluate(true, "is", "true")).toBe(false);
    expect(evaluate("a", "is", "b")).toBe(false);
    expect(evaluate(1, "isNot", "1")).toBe(false);
    expect(evaluate("a", "isNot", "b")).toBe(true);
  });

  it("isEmpty / isNotEmpty: undefined, null, '', [] and {} are empty; 0, false and ' ' are not", () => {
    for (const empty of [undefined, null, "", [], {}]) {
      expect(evaluate(empty, "isEmpty"), JSON.stringify(empty)).toBe(true);
      expect(evaluate(empty, "isNotEmpty"), JSON.stringify(empty)).toBe(false);
    }
    for (const present of [0, false, " ", [0], { a: 1 }, "x"]) {
      expect(evaluate(present, "isEmpty"), JSON.stringify(present)).toBe(false);
      expect(evaluate(present, "isNotEmpty"), JSON.stringify(present)).toBe(true);
    }
  });

  it("contains / doesNotContain: array membership, else case-insensitive substring", () => {
    expect(evaluate(["read", "write"], "contains", "write")).toBe(true);
    expect(evaluate(["read"], "contains", "READ")).toBe(false);
    expect(evaluate("Hello World", "contains", "world")).toBe(true);
    expect(evaluate(12345, "contains", 234)).toBe(true);
    expect(evaluate("Hello", "contains", "bye")).toBe(false);
    expect(evaluate(["read"], "doesNotContain", "write")).toBe(true);
    expect(evaluate("Hello World", "doesNotContain", "WORLD")).toBe(false);
  });

  it("contains is false and doesNotContain true for a falsy value", () => {
    expect(evaluate("", "contains", "")).toBe(false);
    expect(evaluate(undefined, "contains", "x")).toBe(false);
    expect(evaluate(undefined, "doesNotContain", "x")).toBe(true);
    expect(evaluate(0, "doesNotContain", 0)).toBe(true);
  });

  it("oneOf / noneOf check the operand array", () => {
    expect(evaluate("eu", "oneOf", ["us", "eu"])).toBe(true);
    expect(evaluate("ap", "oneOf", ["us", "eu"])).toBe(false);
    expect(evaluate("eu", "oneOf", "eu")).toBe(false);
    expect(evaluate("ap", "noneOf", ["us", "eu"])).toBe(true);
    expect(evaluate("eu", "noneOf", ["us", "eu"])).toBe(false);
    expect(evaluate("eu", "noneOf", "not an array")).toBe(true);
  });

  it("gt / gte / lt / lte compare parseFloat of both sides; NaN is false", () => {
    expect(evaluate(5, "gt", 3)).toBe(true);
    expect(evaluate("5", "gt", "10")).toBe(false);
    expect(evaluate("10px", "gt", 9)).toBe(true);
    expect(evaluate(3, "gte", 3)).toBe(true);
    expect(evaluate(2, "gte", 3)).toBe(false);
    expect(evaluate(2, "lt", 3)).toBe(true);
    expect(evaluate(3, "lt", 3)).toBe(false);
    expect(evaluate(3, "lte", 3)).toBe(true);
    expect(evaluate(4, "lte", 3)).toBe(false);
    for (const operator of ["gt", "gte", "lt", "lte"]) {
      expect(evaluate("abc", operator, 1)).toBe(false);
      expect(evaluate(1, operator, undefined)).toBe(false);
    }
  });

  it("is true for an unknown or missing operator", () => {
    expect(evaluate(false, "equals", true)).toBe(true);
    expect(build({ $eval: false })).toBe(true);
    expect(evaluate(1, "toString", 2)).toBe(true); // no prototype lookups
  });

  it("accepts an operand that is itself a formula", () => {
    expect(build({ $eval: { $var: "n" }, gt: { $var: "limit" } }, { n: 10, limit: 5 })).toBe(true);
    expect(build({ $eval: { $var: "region" }, oneOf: { $var: "allowed" } }, { region: "eu", allowed: ["eu"] })).toBe(true);
  });
});

describe("$and / $or", () => {
  it("$and: every non-null item truthy", () => {
    expect(build({ $and: [true, 1, "x"] })).toBe(true);
    expect(build({ $and: [true, 0] })).toBe(false);
    expect(build({ $and: [true, null, { $var: "missing" }] })).toBe(true);
    expect(build({ $and: [{ $var: "a" }, { $var: "b" }] }, { a: true, b: false })).toBe(false);
  });

  it("$or: some item truthy", () => {
    expect(build({ $or: [false, 0, "x"] })).toBe(true);
    expect(build({ $or: [false, 0, ""] })).toBe(false);
    expect(build({ $or: [{ $var: "a" }, { $var: "b" }] }, { a: false, b: 1 })).toBe(true);
  });

  it("are undefined when every item is null/undefined (or there is no array)", () => {
    expect(build({ $and: [null, { $var: "missing" }] })).toBeUndefined();
    expect(build({ $or: [null] })).toBeUndefined();
    expect(build({ $and: [] })).toBeUndefined();
    expect(build({ $or: "x" })).toBeUndefined();
  });

  it("take the array from a formula", () => {
    expect(build({ $and: { $var: "flags" } }, { flags: [true, true] })).toBe(true);
    expect(build({ $or: { $var: "flags" } }, { flags: [false, null] })).toBe(false);
  });
});

describe("$case", () => {
  it("{cases, default}: the value of the first matching case", () => {
    const mapping = {
      $case: {
        cases: [
          { filter: { $eval: { $var: "plan" }, is: "pro" }, value: "https://pro.example.com" },
          { filter: { $eval: { $var: "plan" }, is: "free" }, value: { $concat: ["https://", { $var: "plan" }, ".example.com"] } },
        ],
        default: "https://www.example.com",
      },
    };
    expect(build(mapping, { plan: "pro" })).toBe("https://pro.example.com");
    expect(build(mapping, { plan: "free" })).toBe("https://free.example.com");
    expect(build(mapping, { plan: "other" })).toBe("https://www.example.com");
  });

  it("bare array of cases, no default ⇒ undefined when nothing matches", () => {
    const mapping = { $case: [{ filter: { $var: "flag" }, value: "yes" }] };
    expect(build(mapping, { flag: true })).toBe("yes");
    expect(build(mapping, { flag: false })).toBeUndefined();
  });

  it("a case without a filter always matches", () => {
    expect(build({ $case: [{ value: "always" }, { value: "never" }] })).toBe("always");
    expect(build({ $case: { cases: [{ filter: false, value: "falsy filter literal counts as none" }], default: "d" } })).toBe("falsy filter literal counts as none");
  });

  it("a formula filter matches when truthy, and also when it evaluates to null/undefined", () => {
    const mapping = { $case: { cases: [{ filter: { $var: "flag" }, value: "matched" }], default: "default" } };
    expect(build(mapping, { flag: 1 })).toBe("matched");
    expect(build(mapping, { flag: 0 })).toBe("default");
    expect(build(mapping, {})).toBe("matched");
    expect(build(mapping, { flag: null })).toBe("matched");
  });

  it("turns a null default into undefined, but keeps a null case value", () => {
    expect(build({ a: { $case: { cases: [], default: null } }, b: 1 })).toEqual({ b: 1 });
    expect(build({ $case: [{ value: null }] })).toBeNull();
  });

  it("is undefined for an argument of the wrong shape", () => {
    expect(build({ $case: { default: "x" } })).toBeUndefined();
    expect(build({ $case: "x" })).toBeUndefined();
    expect(build({ $case: [null, "junk", { value: "ok" }] })).toBe("ok");
  });

  describe("condition filters [{field, operator, value}]", () => {
    const matches = (field: string, operator: string, value: unknown, variables: Record<string, unknown>): unknown =>
      build({ $case: { cases: [{ filter: [{ field, operator, value }], value: true }], default: false } }, variables);

    it.each([
      ["is", "eu", "eu", true],
      ["is", 1, "1", true],
      ["is", "eu", "us", false],
      ["is_not", "eu", "us", true],
      ["is_not", "eu", "eu", false],
      ["is_one_of", "eu", ["eu", "us"], true],
      ["is_one_of", "ap", ["eu", "us"], false],
      ["is_not_one_of", "ap", ["eu", "us"], true],
      ["is_not_one_of", "eu", ["eu", "us"], false],
      ["is_true", true, undefined, true],
      ["is_true", "yes", undefined, true],
      ["is_true", false, undefined, false],
      ["is_false", false, undefined, true],
      ["is_false", 0, undefined, false],
      ["contains", "Hello World", "World", true],
      ["contains", "Hello World", "world", false],
      ["contains", "", "", false],
      ["does_not_contain", "Hello", "bye", true],
      ["does_not_contain", "Hello", "ell", false],
      ["does_not_contain", "", "x", false],
      ["array_includes", ["a", "b"], "b", true],
      ["array_includes", "ab", "b", false],
      ["array_does_not_include", ["a"], "b", true],
      ["array_does_not_include", ["a", "b"], "b", false],
      ["less_than", 1, 2, true],
      ["less_than", 2, 2, false],
      ["less_than_or_equal", 2, 2, true],
      ["less_than_or_equal", 3, 2, false],
      ["more_than", "3", 2, true],
      ["more_than", 2, 2, false],
      ["more_than_or_equal", 2, 2, true],
      ["more_than_or_equal", 1, 2, false],
      ["is_not_empty", "x", undefined, true],
      ["is_not_empty", [], undefined, false],
      ["is_empty", {}, undefined, true],
      ["is_empty", 0, undefined, false],
    ])("%s: field %j vs %j ⇒ %s", (operator, fieldValue, value, expected) => {
      expect(matches("settings.value", operator, value, { settings: { value: fieldValue } })).toBe(expected);
    });

    it("a missing field is compared as undefined", () => {
      expect(matches("settings.missing", "is_empty", undefined, { settings: {} })).toBe(true);
      expect(matches("settings.missing", "is", "x", { settings: {} })).toBe(false);
    });

    it("requires all conditions to hold", () => {
      const mapping = {
        $case: {
          cases: [
            {
              filter: [
                { field: "region", operator: "is", value: "eu" },
                { field: "$.plan", operator: "is_one_of", value: ["pro", "team"] },
              ],
              value: "eu-paid",
            },
          ],
          default: "other",
        },
      };
      expect(build(mapping, { region: "eu", plan: "team" })).toBe("eu-paid");
      expect(build(mapping, { region: "eu", plan: "free" })).toBe("other");
    });

    it("skips conditions with unknown operators", () => {
      expect(matches("x", "resembles", "y", { x: "z" })).toBe(true);
    });

    it("fans a property step out over arrays (any item may match)", () => {
      const variables = { contacts: [{ email: "a@x.com" }, { email: "b@y.com" }] };
      expect(matches("contacts.email", "is", "b@y.com", variables)).toBe(true);
      expect(matches("contacts.email", "is", "c@z.com", variables)).toBe(false);
      expect(matches("contacts[0].email", "is", "b@y.com", variables)).toBe(false);
    });

    it("evaluates a condition value written as a formula", () => {
      expect(matches("a", "is", { $var: "b" }, { a: 1, b: 1 })).toBe(true);
    });
  });
});

describe("$map", () => {
  const mapping = {
    $map: {
      value: { $var: "region" },
      mapping: [
        { from: "eu", to: "https://eu.example.com" },
        { from: "us", to: { $concat: ["https://", { $var: "region" }, ".example.com"] } },
        { from: { a: [1] }, to: "deep" },
        { from: 1, to: "one" },
      ],
      default: "https://www.example.com",
    },
  };

  it("returns the `to` of the first equal `from`", () => {
    expect(build(mapping, { region: "eu" })).toBe("https://eu.example.com");
    expect(build(mapping, { region: "us" })).toBe("https://us.example.com");
  });

  it("compares deeply and loosely", () => {
    expect(build(mapping, { region: { a: [1] } })).toBe("deep");
    expect(build(mapping, { region: "1" })).toBe("one");
  });

  it("falls back to default, else undefined", () => {
    expect(build(mapping, { region: "ap" })).toBe("https://www.example.com");
    expect(build({ $map: { value: "x", mapping: [{ from: "y", to: 1 }] } })).toBeUndefined();
  });

  it("only reads `mapping` (not the `mappings` typo)", () => {
    expect(build({ $map: { value: "a", mappings: [{ from: "a", to: 1 }], default: 0 } })).toBe(0);
    expect(build({ $map: "x" })).toBeUndefined();
  });
});
