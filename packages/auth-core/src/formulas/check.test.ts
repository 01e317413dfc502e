import { describe, expect, it } from "vitest";
import { checkMapping } from "./index.ts";

const codes = (mapping: unknown, base = ""): Array<[string, string]> => checkMapping(mapping, base).map((issue) => [issue.path, issue.code]);

describe("checkMapping", () => {
  it("accepts well-formed mappings", () => {
    const mapping = {
      baseUri: { $case: { cases: [{ filter: { $eval: { $var: "credentials.isSandbox" }, is: true }, value: "https://sandbox" }], default: "https://prod" } },
      headers: { Authorization: { $concat: ["Bearer ", { $var: "$.credentials.access_token" }] } },
      joined: { $concat: { values: [{ $var: "a" }], delimiter: "," } },
      tpl: { $tpl: { template: "{a}", values: { a: 1 } } },
      list: { $iterate: { source: { $var: "xs" }, item: { $var: "item" } } },
      pick: { $map: { value: { $var: "r" }, mapping: [{ from: "eu", to: 1 }] } },
      filtered: { $case: [{ filter: [{ field: "a", operator: "is_not_empty" }], value: 1 }] },
      logic: { $and: [{ $or: [true] }, { $firstNotEmpty: [null, 1] }] },
      merged: { $mergeObjects: { $var: "objects" } },
      misc: [{ $jsonata: "a" }, { $plain: { $var: 42 } }, { $formula: { $var: 42 } }, { $copy: "headers" }, { $firstName: "Ada L" }],
      template: { $template: "not a formula" },
    };
    expect(checkMapping(mapping, "/auth/makeApiClient/mapping")).toEqual([]);
  });

  it("points at malformed formulas under the base pointer", () => {
    expect(codes({ a: { $var: 42 } }, "/m")).toEqual([["/m/a/$var", "malformed_formula"]]);
    expect(codes({ b: [{ $concat: "x" }] })).toEqual([["/b/0/$concat", "malformed_formula"]]);
    expect(codes({ $case: { default: 1 } })).toEqual([["/$case", "malformed_formula"]]);
    expect(codes({ $iterate: { item: { $var: "item" } } })).toEqual([["/$iterate", "malformed_formula"]]);
  });

  it("explains what was expected", () => {
    const [issue] = checkMapping({ $var: 42 }, "");
    expect(issue?.message).toMatch(/\$var: expected a locator string/);
    expect(checkMapping({ $case: "x" }, "")[0]?.message).toMatch(/cases/);
    expect(checkMapping({ $iterate: {} }, "").map((i) => i.message)).toEqual([expect.stringMatching(/missing "source"/), expect.stringMatching(/missing "item"/)]);
    expect(checkMapping({ $map: { value: 1, mappings: [] } }, "")[0]?.message).toMatch(/the key is "mapping"/);
  });

  it("flags invalid locators", () => {
    expect(codes({ $var: "a[x]" })).toEqual([["/$var", "malformed_formula"]]);
    expect(codes({ $copy: "" })).toEqual([["/$copy", "malformed_formula"]]);
    expect(codes({ $case: [{ filter: [{ field: "a[", operator: "is", value: 1 }], value: 1 }] })).toEqual([["/$case/0/filter/0/field", "malformed_formula"]]);
  });

  it("flags unknown operators and a missing $eval operator", () => {
    expect(codes({ $eval: 1, equals: 1 })).toEqual([["/equals", "malformed_formula"]]);
    expect(codes({ $eval: 1 })).toEqual([["", "malformed_formula"]]);
    expect(codes({ $case: [{ filter: [{ field: "a", operator: "equals", value: 1 }], value: 1 }] })).toEqual([["/$case/0/filter/0/operator", "malformed_formula"]]);
  });

  it("flags other shapes: $concat values/delimiter, $tpl, $and/$or/$firstNotEmpty/$mergeObjects, $map, cases", () => {
    expect(codes({ $concat: { values: "x" } })).toEqual([["/$concat/values", "malformed_formula"]]);
    expect(codes({ $concat: { values: [], delimiter: 1 } })).toEqual([["/$concat/delimiter", "malformed_formula"]]);
    expect(codes({ $tpl: { template: 1 } })).toEqual([["/$tpl/template", "malformed_formula"]]);
    expect(codes({ $tpl: "x" })).toEqual([["/$tpl", "malformed_formula"]]);
    for (const name of ["$and", "$or", "$firstNotEmpty", "$mergeObjects"]) expect(codes({ [name]: "x" })).toEqual([[`/${name}`, "malformed_formula"]]);
    expect(codes({ $map: { value: 1, mapping: ["x"] } })).toEqual([["/$map/mapping/0", "malformed_formula"]]);
    expect(codes({ $case: { cases: [1] } })).toEqual([["/$case/cases/0", "malformed_formula"]]);
    expect(codes({ $jsonata: 5 })).toEqual([["/$jsonata", "malformed_formula"]]);
  });

  it("does not check JSONata syntax statically", () => {
    expect(codes({ $jsonata: "((" })).toEqual([]);
  });

  it("finds problems nested inside formula arguments", () => {
    expect(codes({ $concat: ["a", { $var: 1 }] })).toEqual([["/$concat/1/$var", "malformed_formula"]]);
    expect(codes({ $case: { cases: [{ filter: { $eval: { $var: {} }, is: 1 }, value: { $and: 1 } }], default: { $or: 2 } } })).toEqual([
      ["/$case/default/$or", "malformed_formula"],
      ["/$case/cases/0/filter/$eval/$var", "malformed_formula"],
      ["/$case/cases/0/value/$and", "malformed_formula"],
    ]);
  });

  it("reports formulas that need a data store as unsupported_formula", () => {
    expect(codes({ a: { $lookup: {} }, b: { $record: {} }, c: [{ $findExternalRecordId: {} }, { $findAppRecordId: {} }], d: { $dataSchemaRef: {} } })).toEqual([
      ["/a", "unsupported_formula"],
      ["/b", "unsupported_formula"],
      ["/c/0", "unsupported_formula"],
      ["/c/1", "unsupported_formula"],
      ["/d", "unsupported_formula"],
    ]);
  });

  it("escapes JSON pointer segments", () => {
    expect(codes({ "a/b": { "c~d": { $var: 1 } } })).toEqual([["/a~1b/c~0d/$var", "malformed_formula"]]);
  });

  it("does not look inside $plain and $formula", () => {
    expect(codes({ $plain: { $var: 1 } })).toEqual([]);
    expect(codes({ $formula: { $concat: "x" } })).toEqual([]);
  });
});
