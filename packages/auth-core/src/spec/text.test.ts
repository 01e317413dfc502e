import { describe, expect, it } from "vitest";
import { parseText } from "./text.ts";

describe("parseText", () => {
  const text = `name: Acme
auth:
  type: oauth2
  options:
    a/b:
      title: A
  list:
    - first
    - second: 2
`;
  const parsed = parseText(text);

  it("parses YAML", () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toMatchObject({ name: "Acme", auth: { type: "oauth2" } });
  });

  it("locates a property at its key", () => {
    expect(parsed.locate("/auth/type")).toEqual({ line: 3, column: 3 });
    expect(parsed.locate("/auth/options/a~1b/title")).toEqual({ line: 6, column: 7 });
  });

  it("locates list items", () => {
    expect(parsed.locate("/auth/list/1")).toEqual({ line: 9, column: 7 });
    expect(parsed.locate("/auth/list/1/second")).toEqual({ line: 9, column: 7 });
  });

  it("locates a missing path at the nearest existing ancestor, and the root at the start", () => {
    expect(parsed.locate("/auth/options/missing/type")).toEqual({ line: 4, column: 3 });
    expect(parsed.locate("")).toEqual({ line: 1, column: 1 });
  });

  it("locates in JSON text", () => {
    const json = parseText('{\n  "auth": {\n    "type": "oauth2"\n  }\n}');
    expect(json.locate("/auth/type")).toEqual({ line: 3, column: 5 });
  });

  it("reports syntax errors with the file name when given", () => {
    const broken = parseText("a: [1, 2\n", "auth/x.yml");
    expect(broken.value).toBeUndefined();
    expect(broken.issues).toMatchObject([{ path: "", code: "syntax_error", file: "auth/x.yml", line: 2, column: 1 }]);
    expect(broken.issues[0]?.message).toMatch(/^auth\/x\.yml is not valid YAML or JSON: /);
  });
});
