import { describe, expect, it } from "vitest";
import { PlugboardError } from "../errors.ts";
import { compileMapping } from "./index.ts";
import { build } from "./test-helpers.ts";

describe("$copy", () => {
  it("copies a value from elsewhere in the OUTPUT (after it was built)", () => {
    const mapping = {
      headers: { Authorization: { $concat: ["Bearer ", { $var: "token" }] } },
      retryHeaders: { Authorization: { $copy: "headers.Authorization" } },
    };
    expect(build(mapping, { token: "t" })).toEqual({ headers: { Authorization: "Bearer t" }, retryHeaders: { Authorization: "Bearer t" } });
  });

  it("reads output locations, not variables", () => {
    expect(build({ a: { $copy: "token" }, b: 1 }, { token: "t" })).toEqual({ b: 1 });
  });

  it("copies whole subtrees as independent copies", () => {
    const result = build({ base: { x: [1, 2] }, again: { $copy: "$.base" } }) as { base: { x: number[] }; again: { x: number[] } };
    expect(result.again).toEqual({ x: [1, 2] });
    result.again.x.push(3);
    expect(result.base.x).toEqual([1, 2]);
  });

  it("works from inside arrays, and removes the entry when the source is missing", () => {
    expect(build({ id: "x", list: [{ $copy: "id" }, { $copy: "missing" }, "y"] })).toEqual({ id: "x", list: ["x", "y"] });
  });

  it("does not depend on the order copies appear in", () => {
    expect(build({ a: { $copy: "c" }, c: { $var: "v" }, b: { $copy: "c" } }, { v: 5 })).toEqual({ a: 5, c: 5, b: 5 });
  });

  it("refuses to copy a value that itself copies", () => {
    const mapping = { a: 1, b: { $copy: "a" }, c: { $copy: "b" } };
    expect(() => build(mapping)).toThrow(PlugboardError);
    expect(() => build(mapping)).toThrow(/copies a value that itself contains a \$copy/);
    try {
      build({ a: { inner: { $copy: "x" } }, b: { $copy: "a" } });
      expect.unreachable();
    } catch (error) {
      expect((error as PlugboardError).key).toBe("formula_error");
    }
    expect(() => build({ $copy: "$" })).toThrow(PlugboardError);
  });

  it("rejects from evaluate() too", async () => {
    await expect(compileMapping({ b: { $copy: "c" }, c: { $copy: "b" } }).evaluate({})).rejects.toMatchObject({ key: "formula_error" });
  });

  it("leaves $copy-looking data from variables and $plain alone", () => {
    expect(build({ a: { $var: "data" }, b: { $plain: { $copy: "a" } } }, { data: { $copy: "b" } })).toEqual({ a: { $copy: "b" }, b: { $copy: "a" } });
  });

  it("does not write into variables returned by reference", () => {
    const frozen = Object.freeze({ list: Object.freeze([1, 2]) });
    expect(build({ data: { $var: "frozen" }, copy: { $copy: "data.list" } }, { frozen })).toEqual({ data: frozen, copy: [1, 2] });
  });
});
