import { describe, expect, it } from "vitest";
import { build } from "./test-helpers.ts";

describe("$concat", () => {
  it("array form joins the items with no delimiter", () => {
    expect(build({ $concat: ["Bearer ", { $var: "token" }] }, { token: "t" })).toBe("Bearer t");
    expect(build({ $concat: [1, true, "x"] })).toBe("1truex");
  });

  it("{values, delimiter} form joins with the delimiter", () => {
    expect(build({ $concat: { values: ["a", { $var: "b" }, "c"], delimiter: ", " } }, { b: "B" })).toBe("a, B, c");
    expect(build({ $concat: { values: ["a", "b"] } })).toBe("ab");
    expect(build({ $concat: { values: { $var: "list" }, delimiter: { $var: "sep" } } }, { list: ["x", "y"], sep: "|" })).toBe("x|y");
  });

  it("drops null, undefined and '' items (the delimiter is not doubled)", () => {
    expect(build({ $concat: { values: ["a", null, "", { $var: "missing" }, "b"], delimiter: "-" } })).toBe("a-b");
  });

  it("is undefined when there are no items at all, '' when every item is null or ''", () => {
    expect(build({ $concat: [] })).toBeUndefined();
    expect(build({ $concat: [{ $var: "missing" }] })).toBeUndefined();
    expect(build({ $concat: [null, ""] })).toBe("");
    expect(build({ $concat: { values: { $var: "missing" } } })).toBeUndefined();
  });

  it("is undefined for an argument of the wrong shape", () => {
    expect(build({ $concat: "x" })).toBeUndefined();
    expect(build({ $concat: { $var: "list" } }, { list: ["a"] })).toBeUndefined();
  });
});

describe("$tpl", () => {
  it("replaces every {name} by its value", () => {
    const mapping = { $tpl: { template: "{greeting}, {name}! {name}?", values: { greeting: "Hi", name: { $var: "user.name" } } } };
    expect(build(mapping, { user: { name: "Ada" } })).toBe("Hi, Ada! Ada?");
  });

  it("replaces null and missing values by ''", () => {
    expect(build({ $tpl: { template: "[{a}][{b}]", values: { a: null, b: { $var: "missing" } } } })).toBe("[][]");
  });

  it("leaves placeholders without a value, and inserts `$` patterns literally", () => {
    expect(build({ $tpl: { template: "{a} {unknown}", values: { a: "$& $1" } } })).toBe("$& $1 {unknown}");
  });

  it("takes the values object from a formula", () => {
    expect(build({ $tpl: { template: "{x}-{y}", values: { $var: "v" } } }, { v: { x: 1, y: 2 } })).toBe("1-2");
  });

  it("is undefined when the template is not a string", () => {
    expect(build({ $tpl: { template: 5, values: {} } })).toBeUndefined();
    expect(build({ $tpl: "x" })).toBeUndefined();
  });
});

describe("$domainFromEmail", () => {
  it("returns the part after the only @", () => {
    expect(build({ $domainFromEmail: { $var: "email" } }, { email: "ada@example.com" })).toBe("example.com");
  });
  it("is undefined without exactly one @, or for non-strings", () => {
    expect(build({ $domainFromEmail: "no-at-sign" })).toBeUndefined();
    expect(build({ $domainFromEmail: "a@b@c" })).toBeUndefined();
    expect(build({ $domainFromEmail: 42 })).toBeUndefined();
  });
});

describe("$extractDate / $extractTime", () => {
  it("extract the UTC date and time of a date-time", () => {
    expect(build({ $extractDate: "2024-03-05T23:30:15+02:00" })).toBe("2024-03-05");
    expect(build({ $extractTime: "2024-03-05T23:30:15+02:00" })).toBe("21:30:15");
    expect(build({ $extractDate: "2024-03-05T23:30:15-02:00" })).toBe("2024-03-06");
  });

  it("read ISO date-times without an offset as UTC", () => {
    expect(build({ $extractDate: "2024-03-05T23:30:00" })).toBe("2024-03-05");
    expect(build({ $extractTime: "2024-03-05 23:30" })).toBe("23:30:00");
    expect(build({ $extractDate: "2024-03-05" })).toBe("2024-03-05");
  });

  it("accept Date objects and epoch milliseconds", () => {
    expect(build({ $extractTime: { $var: "d" } }, { d: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)) })).toBe("03:04:05");
    expect(build({ $extractDate: 0 })).toBe("1970-01-01");
  });

  it("are undefined for anything that is not a date", () => {
    expect(build({ $extractDate: "not a date" })).toBeUndefined();
    expect(build({ $extractTime: { $var: "missing" } })).toBeUndefined();
    expect(build({ $extractDate: true })).toBeUndefined();
  });
});
