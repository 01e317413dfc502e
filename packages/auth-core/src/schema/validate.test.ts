import { describe, expect, it } from "vitest";
import { validateJsonSchema, matchesJsonSchema } from "./validate.ts";

const codes = (issues: { path: string; code: string }[]) => issues.map(({ path, code }) => [path, code]);

describe("validateJsonSchema", () => {
  it("returns no issues for a valid value and ignores unknown keywords and default", () => {
    const schema = { type: "object", properties: { apiKey: { type: "string", default: "x", "x-widget": "password" } }, whatever: 1 };
    expect(validateJsonSchema(schema, { apiKey: "abc" })).toEqual([]);
  });

  describe("type", () => {
    it("says what was expected and what was given", () => {
      expect(validateJsonSchema({ type: "string" }, 42)).toEqual([{ path: "", code: "type", message: "must be a string (got the number 42)" }]);
    });
    it("accepts an array of types", () => {
      expect(validateJsonSchema({ type: ["string", "null"] }, null)).toEqual([]);
      expect(validateJsonSchema({ type: ["string", "null"] }, true)[0]?.message).toBe("must be a string or null (got the boolean true)");
    });
    it("treats integer as whole numbers only", () => {
      expect(validateJsonSchema({ type: "integer" }, 3)).toEqual([]);
      expect(codes(validateJsonSchema({ type: "integer" }, 3.5))).toEqual([["", "type"]]);
      expect(validateJsonSchema({ type: "number" }, 3)).toEqual([]);
    });
    it("does not count arrays or null as objects", () => {
      expect(validateJsonSchema({ type: "object" }, [])[0]?.message).toBe("must be an object (got an array)");
      expect(validateJsonSchema({ type: "object" }, null)[0]?.message).toBe("must be an object (got null)");
      expect(validateJsonSchema({ type: "array" }, [])).toEqual([]);
      expect(validateJsonSchema({ type: "boolean" }, "true")[0]?.message).toBe('must be a boolean (true or false) (got the string "true")');
    });
    it("skips the type-specific keywords when the type is wrong", () => {
      expect(codes(validateJsonSchema({ type: "string", minLength: 3 }, 1))).toEqual([["", "type"]]);
    });
  });

  describe("objects", () => {
    const schema = {
      type: "object",
      required: ["apiKey", "region"],
      properties: { apiKey: { type: "string" }, region: { type: "string" } },
    };
    it("reports each missing required property at its own pointer", () => {
      expect(validateJsonSchema(schema, {})).toEqual([
        { path: "/apiKey", code: "required", message: "is required" },
        { path: "/region", code: "required", message: "is required" },
      ]);
    });
    it("counts a property holding undefined as missing", () => {
      expect(codes(validateJsonSchema(schema, { apiKey: undefined, region: "eu" }))).toEqual([["/apiKey", "required"]]);
    });
    it("validates nested properties with escaped pointers", () => {
      const nested = { type: "object", properties: { "a/b": { type: "object", properties: { "c~d": { type: "number" } } } } };
      expect(codes(validateJsonSchema(nested, { "a/b": { "c~d": "x" } }))).toEqual([["/a~1b/c~0d", "type"]]);
    });
    it("rejects additional properties when additionalProperties is false, naming the allowed ones", () => {
      expect(validateJsonSchema({ properties: { a: {}, b: {} }, additionalProperties: false }, { a: 1, c: 2 })).toEqual([
        { path: "/c", code: "additionalProperties", message: '"c" is not an allowed property here; expected one of: a, b' },
      ]);
    });
    it("validates additional properties against a schema", () => {
      expect(codes(validateJsonSchema({ additionalProperties: { type: "string" } }, { a: "x", b: 1 }))).toEqual([["/b", "type"]]);
    });
    it("applies patternProperties and does not treat matching keys as additional", () => {
      const withPatterns = { patternProperties: { "^x-": { type: "string" } }, additionalProperties: false };
      expect(codes(validateJsonSchema(withPatterns, { "x-a": 1, other: 2 }))).toEqual([
        ["/x-a", "type"],
        ["/other", "additionalProperties"],
      ]);
    });
    it("checks minProperties and maxProperties", () => {
      expect(validateJsonSchema({ minProperties: 1 }, {})[0]?.message).toBe("must have at least 1 property");
      expect(validateJsonSchema({ maxProperties: 1 }, { a: 1, b: 2 })[0]?.message).toBe("must have at most 1 property");
    });
  });

  describe("arrays", () => {
    it("validates every item against items", () => {
      expect(codes(validateJsonSchema({ type: "array", items: { type: "string" } }, ["a", 1, "b", false]))).toEqual([
        ["/1", "type"],
        ["/3", "type"],
      ]);
    });
    it("validates tuples positionally", () => {
      expect(codes(validateJsonSchema({ items: [{ type: "string" }, { type: "number" }] }, [1, 1]))).toEqual([["/0", "type"]]);
    });
    it("checks minItems and maxItems", () => {
      expect(validateJsonSchema({ minItems: 2 }, [1])).toEqual([{ path: "", code: "minItems", message: "must have at least 2 items" }]);
      expect(validateJsonSchema({ maxItems: 1 }, [1, 2])).toEqual([{ path: "", code: "maxItems", message: "must have at most 1 item" }]);
    });
    it("checks uniqueItems with deep equality", () => {
      expect(validateJsonSchema({ uniqueItems: true }, [{ a: 1 }, { b: 2 }, { a: 1 }])).toEqual([
        { path: "", code: "uniqueItems", message: "must not contain duplicate items (items 0 and 2 are equal)" },
      ]);
      expect(validateJsonSchema({ uniqueItems: true }, [1, "1"])).toEqual([]);
    });
  });

  describe("enum and const", () => {
    it("lists the allowed values", () => {
      expect(validateJsonSchema({ enum: ["a", "b"] }, "c")).toEqual([{ path: "", code: "enum", message: "must be one of: a, b" }]);
      expect(validateJsonSchema({ enum: [1, null] }, 2)[0]?.message).toBe("must be one of: 1, null");
    });
    it("compares objects deeply", () => {
      expect(validateJsonSchema({ enum: [{ a: [1] }] }, { a: [1] })).toEqual([]);
      expect(validateJsonSchema({ const: { a: 1 } }, { a: 2 })).toEqual([{ path: "", code: "const", message: 'must be {"a":1}' }]);
    });
  });

  describe("strings", () => {
    it("checks minLength and maxLength in characters, not UTF-16 units", () => {
      expect(validateJsonSchema({ minLength: 1 }, "")).toEqual([{ path: "", code: "minLength", message: "must not be empty" }]);
      expect(validateJsonSchema({ minLength: 3 }, "ab")[0]?.message).toBe("must be at least 3 characters long");
      expect(validateJsonSchema({ maxLength: 2 }, "abc")).toEqual([{ path: "", code: "maxLength", message: "must be at most 2 characters long" }]);
      expect(validateJsonSchema({ maxLength: 1 }, "😀")).toEqual([]);
    });
    it("checks pattern and ignores an invalid pattern", () => {
      expect(validateJsonSchema({ pattern: "^[a-z]+$" }, "ABC")).toEqual([{ path: "", code: "pattern", message: "must match the pattern ^[a-z]+$" }]);
      expect(validateJsonSchema({ pattern: "^[a-z]+$" }, "abc")).toEqual([]);
      expect(validateJsonSchema({ pattern: "(" }, "abc")).toEqual([]);
    });
  });

  describe("format", () => {
    const cases: [string, string, string, string][] = [
      ["email", "jane@example.com", "jane@", "must be a valid email address"],
      ["uri", "https://example.com/a?b=1", "example.com", "must be a valid URL (e.g. https://example.com)"],
      ["url", "http://localhost:3000", "not a url", "must be a valid URL (e.g. https://example.com)"],
      ["hostname", "api.example.com", "-bad-.com", "must be a valid hostname (e.g. api.example.com)"],
      ["date", "2024-02-29", "2023-02-29", "must be a valid date (YYYY-MM-DD)"],
      ["date-time", "2024-01-31T12:00:00.5+01:00", "2024-01-31 25:00:00Z", "must be a valid date and time (ISO 8601, e.g. 2024-01-31T12:00:00Z)"],
      ["uuid", "123e4567-e89b-12d3-a456-426614174000", "123e4567", "must be a valid UUID"],
      ["ipv4", "192.168.0.1", "256.1.1.1", "must be a valid IPv4 address (e.g. 192.168.0.1)"],
    ];
    it.each(cases)("%s accepts a valid value and explains an invalid one", (format, valid, invalid, message) => {
      expect(validateJsonSchema({ format }, valid)).toEqual([]);
      expect(validateJsonSchema({ format }, invalid)).toEqual([{ path: "", code: "format", message }]);
    });
    it("treats unknown formats such as password as annotations", () => {
      expect(validateJsonSchema({ format: "password" }, "anything")).toEqual([]);
    });
    it("only applies to strings", () => {
      expect(validateJsonSchema({ format: "email" }, 5)).toEqual([]);
    });
  });

  describe("numbers", () => {
    it("checks minimum and maximum (inclusive)", () => {
      expect(validateJsonSchema({ minimum: 1 }, 1)).toEqual([]);
      expect(validateJsonSchema({ minimum: 1 }, 0)).toEqual([{ path: "", code: "minimum", message: "must be greater than or equal to 1" }]);
      expect(validateJsonSchema({ maximum: 10 }, 11)).toEqual([{ path: "", code: "maximum", message: "must be less than or equal to 10" }]);
    });
    it("checks exclusiveMinimum and exclusiveMaximum (number form)", () => {
      expect(validateJsonSchema({ exclusiveMinimum: 1 }, 1)).toEqual([{ path: "", code: "exclusiveMinimum", message: "must be greater than 1" }]);
      expect(validateJsonSchema({ exclusiveMaximum: 10 }, 10)).toEqual([{ path: "", code: "exclusiveMaximum", message: "must be less than 10" }]);
    });
    it("understands the draft-4 boolean exclusive form", () => {
      expect(codes(validateJsonSchema({ minimum: 1, exclusiveMinimum: true }, 1))).toEqual([["", "exclusiveMinimum"]]);
      expect(codes(validateJsonSchema({ maximum: 1, exclusiveMaximum: true }, 1))).toEqual([["", "exclusiveMaximum"]]);
    });
    it("checks multipleOf", () => {
      expect(validateJsonSchema({ multipleOf: 0.1 }, 0.3)).toEqual([]);
      expect(validateJsonSchema({ multipleOf: 5 }, 7)).toEqual([{ path: "", code: "multipleOf", message: "must be a multiple of 5" }]);
    });
  });

  describe("combinators", () => {
    it("allOf collects the issues of every branch", () => {
      expect(codes(validateJsonSchema({ allOf: [{ minLength: 5 }, { pattern: "^a" }] }, "bcd"))).toEqual([
        ["", "minLength"],
        ["", "pattern"],
      ]);
    });
    it("anyOf passes when one branch matches", () => {
      expect(validateJsonSchema({ anyOf: [{ type: "string" }, { type: "number" }] }, 1)).toEqual([]);
    });
    it("anyOf with no branch of the right shape lists what was expected", () => {
      expect(validateJsonSchema({ anyOf: [{ type: "string" }, { type: "number" }] }, true)).toEqual([
        { path: "", code: "anyOf", message: "does not match any allowed form: must be a string (got the boolean true); or must be a number (got the boolean true)" },
      ]);
    });
    it("oneOf reports the problems of the branch that fits the value's shape", () => {
      const schema = {
        oneOf: [
          { type: "string" },
          { type: "object", required: ["username"], properties: { username: { type: "string" }, password: { type: "string" } } },
        ],
      };
      expect(validateJsonSchema(schema, { password: "x" })).toEqual([{ path: "/username", code: "required", message: "is required" }]);
    });
    it("oneOf rejects a value matching more than one branch", () => {
      expect(validateJsonSchema({ oneOf: [{ type: "number" }, { type: "integer" }] }, 1)).toEqual([
        { path: "", code: "oneOf", message: "must match exactly one of the allowed forms, but matches 2 of them" },
      ]);
    });
    it("not rejects a matching value", () => {
      expect(validateJsonSchema({ not: { const: "admin" } }, "admin")).toEqual([{ path: "", code: "not", message: "must not match the disallowed schema" }]);
      expect(validateJsonSchema({ not: { const: "admin" } }, "user")).toEqual([]);
    });
    it("if/then/else applies the branch chosen by if", () => {
      const schema = { if: { properties: { kind: { const: "basic" } } }, then: { required: ["password"] }, else: { required: ["token"] } };
      expect(codes(validateJsonSchema(schema, { kind: "basic" }))).toEqual([["/password", "required"]]);
      expect(codes(validateJsonSchema(schema, { kind: "bearer" }))).toEqual([["/token", "required"]]);
    });
    it("a false schema rejects anything", () => {
      expect(validateJsonSchema({ properties: { a: false } }, { a: 1 })).toEqual([{ path: "/a", code: "false", message: "is not allowed here" }]);
    });
  });

  describe("$ref", () => {
    it("resolves #/definitions/… and #/$defs/…", () => {
      const schema = {
        properties: { a: { $ref: "#/definitions/name" }, b: { $ref: "#/$defs/count" } },
        definitions: { name: { type: "string" } },
        $defs: { count: { type: "integer" } },
      };
      expect(codes(validateJsonSchema(schema, { a: 1, b: "x" }))).toEqual([
        ["/a", "type"],
        ["/b", "type"],
      ]);
    });
    it("follows recursive references through the value", () => {
      const tree = { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } } } };
      expect(codes(validateJsonSchema(tree, { name: "a", children: [{ name: "b", children: [{ name: 3 }] }] }))).toEqual([["/children/0/children/0/name", "type"]]);
    });
    it("ignores remote and unresolvable references, and stops on reference loops", () => {
      expect(validateJsonSchema({ $ref: "https://example.com/schema.json" }, 1)).toEqual([]);
      expect(validateJsonSchema({ $ref: "#/definitions/missing" }, 1)).toEqual([]);
      expect(validateJsonSchema({ $ref: "#/definitions/a", definitions: { a: { $ref: "#/definitions/a" } } }, 1)).toEqual([]);
    });
  });

  it("prefixes paths with basePointer", () => {
    expect(codes(validateJsonSchema({ required: ["apiKey"] }, {}, { basePointer: "/credentials" }))).toEqual([["/credentials/apiKey", "required"]]);
  });

  it("matchesJsonSchema is the boolean form", () => {
    expect(matchesJsonSchema({ type: "string" }, "a")).toBe(true);
    expect(matchesJsonSchema({ type: "string" }, 1)).toBe(false);
  });
});
