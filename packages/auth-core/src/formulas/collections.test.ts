import { describe, expect, it } from "vitest";
import { build } from "./test-helpers.ts";

describe("$iterate", () => {
  const variables = { prefix: "#", users: [{ name: "Ada", active: true }, { name: "Bob", active: false }, { name: "Cy", active: true }] };

  it("maps the source with item, index and parent in scope, on top of the outer variables", () => {
    const mapping = {
      $iterate: {
        source: { $var: "users" },
        item: { label: { $concat: [{ $var: "prefix" }, { $var: "index" }, " ", { $var: "item.name" }] }, same: { $var: "parent.prefix" } },
      },
    };
    expect(build(mapping, variables)).toEqual([
      { label: "#0 Ada", same: "#" },
      { label: "#1 Bob", same: "#" },
      { label: "#2 Cy", same: "#" },
    ]);
  });

  it("drops falsy results", () => {
    const mapping = { $iterate: { source: { $var: "users" }, item: { $case: [{ filter: { $var: "item.active" }, value: { $var: "item.name" } }] } } };
    expect(build(mapping, variables)).toEqual(["Ada", "Cy"]);
    expect(build({ $iterate: { source: [0, "", "x", null, false, 2], item: { $var: "item" } } })).toEqual(["x", 2]);
  });

  it("is undefined when nothing is left or the source is not an array", () => {
    expect(build({ a: { $iterate: { source: [], item: { $var: "item" } } } })).toBeUndefined();
    expect(build({ $iterate: { source: { $var: "missing" }, item: { $var: "item" } } })).toBeUndefined();
    expect(build({ $iterate: { source: "abc", item: { $var: "item" } } })).toBeUndefined();
    expect(build({ $iterate: { source: [1, 2] } })).toBeUndefined();
    expect(build({ $iterate: "x" })).toBeUndefined();
  });

  it("nests: `parent` reaches the outer item", () => {
    const mapping = {
      $iterate: {
        source: { $var: "groups" },
        item: { $iterate: { source: { $var: "item.members" }, item: { $concat: [{ $var: "parent.item.name" }, "/", { $var: "item" }] } } },
      },
    };
    expect(build(mapping, { groups: [{ name: "g1", members: ["a", "b"] }, { name: "g2", members: ["c"] }] })).toEqual([["g1/a", "g1/b"], ["g2/c"]]);
  });
});

describe("$mergeObjects", () => {
  it("merges shallowly, left to right", () => {
    const mapping = { $mergeObjects: [{ a: 1, b: { x: 1 } }, { $var: "extra" }, { b: { y: 2 } }] };
    expect(build(mapping, { extra: { c: 3, a: 2 } })).toEqual({ a: 2, b: { y: 2 }, c: 3 });
  });

  it("ignores non-objects and is undefined when the result is empty", () => {
    expect(build({ $mergeObjects: [null, "x", 3, { $var: "missing" }, { a: 1 }] })).toEqual({ a: 1 });
    expect(build({ $mergeObjects: [{}, {}] })).toBeUndefined();
    expect(build({ $mergeObjects: { a: 1 } })).toBeUndefined();
  });

  it("returns a fresh object each time", () => {
    const mapping = { $mergeObjects: [{ a: { deep: 1 } }] };
    const first = build(mapping) as { a: { deep: number } };
    first.a.deep = 2;
    expect(build(mapping)).toEqual({ a: { deep: 1 } });
  });
});

describe("$firstNotEmpty", () => {
  it("returns the first item that is not null or undefined ('' counts as present)", () => {
    expect(build({ $firstNotEmpty: [{ $var: "missing" }, null, "", "x"] })).toBe("");
    expect(build({ $firstNotEmpty: [{ $var: "missing" }, { $var: "b" }, "fallback"] }, { b: 0 })).toBe(0);
    expect(build({ $firstNotEmpty: [{ $var: "missing" }, "fallback"] })).toBe("fallback");
  });

  it("is undefined when every item is empty, or for a non-array", () => {
    expect(build({ $firstNotEmpty: [null, { $var: "missing" }] })).toBeUndefined();
    expect(build({ $firstNotEmpty: "x" })).toBeUndefined();
  });

  it("takes the array from a formula", () => {
    expect(build({ $firstNotEmpty: { $var: "list" } }, { list: [null, "b"] })).toBe("b");
  });
});
