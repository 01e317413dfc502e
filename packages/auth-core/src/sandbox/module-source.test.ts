import { describe, expect, it } from "vitest";
import { COMMONJS_PREFIX, cleanStack, detectModuleKind, positionInStack, wrapCommonJs } from "./module-source.ts";

describe("detectModuleKind", () => {
  it.each([
    ["export default function () {}", "module"],
    ["export default async ({ apiClient }) => apiClient.get('/me')", "module"],
    ["export async function test() {}", "module"],
    ["const a = 1;\nexport { a as default };", "module"],
    ['import { ConnectionError } from "@membranehq/sdk";\nexport default () => {}', "module"],
    ['import "@membranehq/sdk";', "module"],
    ["exports.test = async function () {}", "commonjs"],
    ["module.exports = { test() {} }", "commonjs"],
    ["module.exports.makeApiClient = () => ({})", "commonjs"],
    ["// export default old version\nexports.test = () => 1", "commonjs"],
    ["/*\nexport default function () {}\n*/\nexports.test = () => 1", "commonjs"],
    ["exports.test = async () => (await import('x')).y", "commonjs"],
    ["exports.test = () => import.meta", "commonjs"],
    ["exports.test = () => { const exported = 1; return exported }", "commonjs"],
  ])("%j is %s", (code, kind) => {
    expect(detectModuleKind(code)).toBe(kind);
  });
});

describe("wrapCommonJs", () => {
  it("keeps the code on the wrapper's first line and neutralises a hashbang", () => {
    expect(wrapCommonJs("exports.a = 1")).toBe(`${COMMONJS_PREFIX}exports.a = 1\n})`);
    expect(wrapCommonJs("#!/usr/bin/env node\nexports.a = 1").startsWith(`${COMMONJS_PREFIX}///usr/bin/env node\n`)).toBe(true);
  });
});

describe("stack helpers", () => {
  const stack = "    at inner (plugboard:prelude:10:3)\n    at test (auth/test.js:4:11)\n    at auth/test.js:9:1\n";

  it("finds the first frame in the file", () => {
    expect(positionInStack(stack, "auth/test.js", "module")).toEqual({ line: 4, column: 11 });
    expect(positionInStack("    at auth/test.js:9:1", "auth/test.js", "module")).toEqual({ line: 9, column: 1 });
    expect(positionInStack(stack, "other.js", "module")).toBeUndefined();
  });

  it("corrects line-1 columns of wrapped CommonJS files", () => {
    const column = COMMONJS_PREFIX.length + 5;
    expect(positionInStack(`    at f (a.js:1:${column})`, "a.js", "commonjs")).toEqual({ line: 1, column: 5 });
  });

  it("drops Plugboard's own frames", () => {
    expect(cleanStack(stack)).toBe("    at test (auth/test.js:4:11)\n    at auth/test.js:9:1");
    expect(cleanStack("    at x (plugboard:prelude:1:1)\n")).toBeUndefined();
  });
});
