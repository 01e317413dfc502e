import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthEngine } from "../engine/engine.ts";
import { SpecError } from "../errors.ts";
import type { HostFunction } from "../types.ts";
import { loadConnectorSpec, parseConnectorSpec } from "./index.ts";
import type { ParseConnectorSpecOptions } from "./index.ts";
import { parseText } from "./text.ts";
import type * as TextModule from "./text.ts";

// The real parser, watched: loadConnectorSpec must not call it without text to read.
vi.mock("./text.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof TextModule>();
  return { ...actual, parseText: vi.fn(actual.parseText) };
});
afterEach(() => vi.mocked(parseText).mockClear());

const OAUTH2_TEXT = `key: northwind
name: Northwind
type: oauth2
getOAuthConfig:
  type: mapping
  mapping:
    authorizeUri: https://auth.northwind.test/authorize
    tokenUri: https://auth.northwind.test/token
    clientId: {$var: connectorParameters.clientId}
makeApiClient:
  type: mapping
  mapping: {baseUri: https://api.northwind.test}
`;

const OAUTH2_OBJECT = {
  key: "northwind",
  name: "Northwind",
  type: "oauth2",
  getOAuthConfig: {
    type: "mapping",
    mapping: { authorizeUri: "https://auth.northwind.test/authorize", tokenUri: "https://auth.northwind.test/token", clientId: { $var: "connectorParameters.clientId" } },
  },
  makeApiClient: { type: "mapping", mapping: { baseUri: "https://api.northwind.test" } },
};

/** An older-shape spec whose methods live in files. */
const OLDER_OBJECT = {
  auth: {
    type: "client-credentials",
    makeApiClient: { implementationType: "mapping", filePath: "auth/client.yml" },
    test: { implementationType: "javascript" },
  },
};

/** What parseConnectorSpec throws for the same source. */
function syncError(source: string | object, options?: ParseConnectorSpecOptions): SpecError {
  try {
    parseConnectorSpec(source, options);
  } catch (error) {
    return error as SpecError;
  }
  throw new Error("parseConnectorSpec did not throw");
}

/** The rejection, compared field by field with parseConnectorSpec's. */
async function expectSameError(source: string | object, options?: ParseConnectorSpecOptions): Promise<SpecError> {
  const error = await loadConnectorSpec(source, options).then(
    () => expect.unreachable("loadConnectorSpec resolved"),
    (reason: unknown) => reason as SpecError,
  );
  const expected = syncError(source, options);
  expect(error).toBeInstanceOf(SpecError);
  expect(error.key).toBe("invalid_spec");
  expect(error.issues).toEqual(expected.issues);
  expect(error.message).toBe(expected.message);
  return error;
}

describe("loadConnectorSpec", () => {
  it("reads an object spec without the text parser, to the same model as parseConnectorSpec", async () => {
    const spec = await loadConnectorSpec(OAUTH2_OBJECT);
    expect(parseText).not.toHaveBeenCalled();
    expect(spec).toEqual(parseConnectorSpec(OAUTH2_OBJECT));
    expect(spec).toMatchObject({ name: "Northwind", shape: "root", auth: { type: "oauth2" } });
  });

  it("reads YAML and JSON text to the same model as parseConnectorSpec", async () => {
    const yaml = await loadConnectorSpec(OAUTH2_TEXT, { sourceName: "spec.yml" });
    expect(parseText).toHaveBeenCalled();
    expect(yaml).toEqual(parseConnectorSpec(OAUTH2_TEXT, { sourceName: "spec.yml" }));
    expect(await loadConnectorSpec(JSON.stringify(OAUTH2_OBJECT, null, 2))).toEqual(parseConnectorSpec(OAUTH2_OBJECT));
  });

  it("rejects a YAML syntax error with line and column, as parseConnectorSpec throws it", async () => {
    const error = await expectSameError("name: Acme\nauth:\n  type: [oauth2\n", { sourceName: "spec.yml" });
    expect(error.issues).toMatchObject([{ path: "", code: "syntax_error", line: 4, column: 1 }]);
    expect(error.issues[0]?.message).toMatch(/^spec\.yml is not valid YAML or JSON: /);
  });

  it("places the issues of a text spec at their line and column", async () => {
    const error = await expectSameError("auth:\n  type: oauth3\n  options:\n    a: 1\n", { sourceName: "spec.yml" });
    expect(error.issues.map(({ path, code, line, column }) => ({ path, code, line, column }))).toEqual([
      { path: "/auth/type", code: "unknown_auth_type", line: 2, column: 3 },
      { path: "/auth/options/a", code: "type", line: 4, column: 5 },
    ]);
  });

  it("rejects a broken object spec with the issues parseConnectorSpec throws, without line/column", async () => {
    const error = await expectSameError({ type: "oauth3", makeApiClient: { type: "mapping", mapping: {} } });
    expect(error.issues).toMatchObject([{ path: "/type", code: "unknown_auth_type" }]);
    expect(error.issues[0]).not.toHaveProperty("line");
    expect(parseText).not.toHaveBeenCalled();
  });

  it("rejects a source that is not an object, as parseConnectorSpec does", async () => {
    expect((await expectSameError("- type: oauth2\n")).issues).toMatchObject([{ code: "not_object", line: 1, column: 1 }]);
    expect((await expectSameError([])).issues).toMatchObject([{ code: "not_object" }]);
  });

  describe("files", () => {
    const test: HostFunction = () => true;

    it("reads mapping files (YAML) of an object spec, to the same model as parseConnectorSpec", async () => {
      const files = { "auth/client.yml": "baseUri: https://api.acme.test\n", "auth/test.js": "export default () => true" };
      const spec = await loadConnectorSpec(OLDER_OBJECT, { files });
      expect(parseText).toHaveBeenCalledWith(files["auth/client.yml"], "auth/client.yml");
      expect(spec).toEqual(parseConnectorSpec(OLDER_OBJECT, { files }));
      expect(spec.auth.methods.makeApiClient).toEqual({ type: "mapping", mapping: { baseUri: "https://api.acme.test" }, filePath: "auth/client.yml", pointer: "/auth/makeApiClient" });
      expect(spec.auth.methods.test).toMatchObject({ type: "javascript", filePath: "auth/test.js" });
    });

    it("reports an issue in a mapping file with the file, line and column", async () => {
      const files = { "auth/client.yml": "baseUri: https://api.acme.test\nheaders:\n  Authorization: {$var: }\n  - x\n", "auth/test.js": "export default () => true" };
      const error = await expectSameError(OLDER_OBJECT, { files });
      expect(error.issues).toMatchObject([{ path: "", code: "syntax_error", file: "auth/client.yml", line: 4, column: 1 }]);
    });

    it("reads the files of a text spec", async () => {
      const source = "auth:\n  type: client-credentials\n  makeApiClient:\n    implementationType: mapping\n    filePath: auth/client.yml\n  test:\n    implementationType: javascript\n";
      const files = { "auth/client.yml": "baseUri: https://api.acme.test\n", "auth/test.js": test };
      expect(await loadConnectorSpec(source, { files })).toEqual(parseConnectorSpec(source, { files }));
    });

    it("needs no text parser when the files are JavaScript or host functions", async () => {
      const object = { ...OLDER_OBJECT, auth: { ...OLDER_OBJECT.auth, makeApiClient: { implementationType: "mapping", mapping: { baseUri: "https://api.acme.test" } } } };
      const fileSets: Array<Record<string, string | HostFunction>> = [{ "auth/test.js": "export default () => true" }, { "auth/test.js": test }, { "auth/test.ts": "export default () => true" }];
      for (const files of fileSets) {
        const loaded = await loadConnectorSpec(object, { files }).catch((error: unknown) => error);
        const parsed = (() => {
          try {
            return parseConnectorSpec(object, { files });
          } catch (error) {
            return error;
          }
        })();
        expect(loaded).toEqual(parsed);
      }
      expect(parseText).not.toHaveBeenCalled();
    });

    it("reports a missing file as parseConnectorSpec does", async () => {
      const error = await expectSameError(OLDER_OBJECT, { files: {} });
      expect(error.issues.map(({ code }) => code)).toContain("file_not_found");
      expect(parseText).not.toHaveBeenCalled();
    });
  });

  it("returns an already parsed ConnectorSpec as it is", async () => {
    const spec = parseConnectorSpec(OAUTH2_TEXT);
    vi.mocked(parseText).mockClear();
    expect(await loadConnectorSpec(spec)).toBe(spec);
    expect(await loadConnectorSpec(parseConnectorSpec(OLDER_OBJECT, { files: { "auth/client.yml": "baseUri: https://a.test", "auth/test.js": "export default () => true" } }))).toMatchObject({
      shape: "auth-block",
    });
    expect(parseText).toHaveBeenCalledTimes(1); // The parseConnectorSpec call above, for auth/client.yml.
  });

  it("runs the README example (copied from it)", async () => {
    const spec = await loadConnectorSpec({
      key: "acme-crm",
      type: "client-credentials",
      inputSchema: { type: "object", properties: { apiKey: { type: "string", title: "API key", format: "password" } }, required: ["apiKey"] },
      makeApiClient: { type: "mapping", mapping: { baseUri: "https://api.acme-crm.example/v2", headers: { "X-API-Key": { $var: "credentials.apiKey" } } } },
    });
    const engine = createAuthEngine(spec);
    expect(parseText).not.toHaveBeenCalled();
    expect(await engine.getAuthOptions()).toMatchObject([{ key: "", type: "client-credentials", title: "API credentials" }]);
  });
});

/** Static (value) imports reachable from `entry`: relative files are followed, packages collected (as in the widget's bundle test). */
function staticImports(entry: string): { files: string[]; packages: string[] } {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm)) {
      const [, typeOnly, specifier = ""] = match;
      if (typeOnly) continue;
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(path.resolve(src, entry));
  return { files: [...files].map((file) => path.relative(src, file).split(path.sep).join("/")), packages: [...packages].sort() };
}

describe("loadConnectorSpec's static import graph", () => {
  it("has neither yaml nor the text module: both load only through the dynamic import", () => {
    const graph = staticImports("spec/load.ts");
    expect(graph.files).toContain("spec/validate.ts");
    expect(graph.files).not.toContain("spec/text.ts");
    expect(graph.files).not.toContain("spec/parse.ts");
    expect(graph.packages).not.toContain("yaml");
    expect(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "load.ts"), "utf8")).toContain('import("./text.ts")');
  });

  it("parse.ts, the sync API, still has them", () => {
    expect(staticImports("spec/parse.ts").packages).toContain("yaml");
  });
});
