import { describe, expect, it } from "vitest";
import { applySchemaDefaults } from "./defaults.ts";

describe("applySchemaDefaults", () => {
  const schema = {
    type: "object",
    properties: {
      region: { type: "string", default: "us" },
      isSandbox: { type: "boolean", default: false },
      apiKey: { type: "string" },
      advanced: { type: "object", properties: { timeout: { type: "number", default: 30 } } },
    },
  };

  it("fills missing properties and keeps given ones", () => {
    expect(applySchemaDefaults(schema, { region: "eu", apiKey: "k" })).toEqual({ region: "eu", isSandbox: false, apiKey: "k" });
  });

  it("recurses into nested objects that are present, without inventing missing ones", () => {
    expect(applySchemaDefaults(schema, { advanced: {} })).toEqual({ region: "us", isSandbox: false, advanced: { timeout: 30 } });
  });

  it("does not mutate the value or share default objects", () => {
    const withObjectDefault = { properties: { scopes: { default: ["read"] } } };
    const input = {};
    const first = applySchemaDefaults(withObjectDefault, input) as { scopes: string[] };
    first.scopes.push("write");
    expect(input).toEqual({});
    expect(applySchemaDefaults(withObjectDefault, {})).toEqual({ scopes: ["read"] });
  });

  it("uses the default for a missing root value and fills inside it", () => {
    expect(applySchemaDefaults({ default: {}, properties: { a: { default: 1 } } }, undefined)).toEqual({ a: 1 });
    expect(applySchemaDefaults({ properties: { a: { default: 1 } } }, undefined)).toBeUndefined();
  });

  it("follows $ref and allOf, and fills array items", () => {
    const withRefs = {
      allOf: [{ properties: { a: { default: 1 } } }],
      properties: { list: { type: "array", items: { $ref: "#/definitions/item" } } },
      definitions: { item: { properties: { enabled: { default: true } } } },
    };
    expect(applySchemaDefaults(withRefs, { list: [{}, { enabled: false }] })).toEqual({ a: 1, list: [{ enabled: true }, { enabled: false }] });
  });

  it("leaves non-object values alone", () => {
    expect(applySchemaDefaults(schema, "text")).toBe("text");
  });
});
