import { describe, expect, it } from "vitest";
import { mergeSchemas } from "./merge.ts";

describe("mergeSchemas", () => {
  it("merges properties, unions required and lets the override win elsewhere", () => {
    const base = { type: "object", description: "base", properties: { a: { type: "string" }, b: { type: "string" } }, required: ["a"] };
    const override = { description: "option", properties: { b: { type: "number" }, c: {} }, required: ["c", "a"] };
    expect(mergeSchemas(base, override)).toEqual({
      type: "object",
      description: "option",
      properties: { a: { type: "string" }, b: { type: "number" }, c: {} },
      required: ["a", "c"],
    });
  });

  it("returns the other side when one is missing", () => {
    const schema = { type: "object" };
    expect(mergeSchemas(undefined, schema)).toBe(schema);
    expect(mergeSchemas(schema, undefined)).toBe(schema);
    expect(mergeSchemas(undefined, undefined)).toBeUndefined();
  });
});
