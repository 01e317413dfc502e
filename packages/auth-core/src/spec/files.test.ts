import { describe, expect, it } from "vitest";
import type { HostFunction } from "../types.ts";
import { parseConnectorSpec, validateConnectorSpec } from "./index.ts";

const CLIENT = "baseUri: https://api.acme.test\n";

/** An older-shape client-credentials spec with the given extra slots. */
function olderSpec(slots: Record<string, unknown>, type = "client-credentials"): object {
  return { auth: { type, makeApiClient: { implementationType: "mapping", filePath: "auth/client.yml" }, ...slots } };
}

const issuesOf = (source: object | string, files: Record<string, string | HostFunction>) =>
  validateConnectorSpec(source, { files }).issues.map(({ path, code, file, line, column }) => ({ path, code, file, line, column }));

describe("method files", () => {
  describe("documented naming (auth/<kebab-case method>.<suffix>)", () => {
    it("finds a mapping at .map.yml before .yml", () => {
      const spec = parseConnectorSpec({ auth: { type: "client-credentials", makeApiClient: { implementationType: "mapping" } } }, {
        files: { "auth/make-api-client.yml": "baseUri: https://plain.test", "auth/make-api-client.map.yml": CLIENT },
      });
      expect(spec.auth.methods.makeApiClient).toEqual({ type: "mapping", mapping: { baseUri: "https://api.acme.test" }, filePath: "auth/make-api-client.map.yml", pointer: "/auth/makeApiClient" });
    });

    it("falls back to .yml for a mapping", () => {
      const spec = parseConnectorSpec({ auth: { type: "client-credentials", makeApiClient: { implementationType: "mapping" } } }, { files: { "auth/make-api-client.yml": CLIENT } });
      expect(spec.auth.methods.makeApiClient?.filePath).toBe("auth/make-api-client.yml");
    });

    it.each([
      ["rest-api-mapping", "auth/test.rest.yml"],
      ["rest-api-mapping", "auth/test.api.yml"],
      ["operation-mapping", "auth/test.op.yml"],
      ["javascript", "auth/test.js"],
    ])("finds a %s test at %s", (type, path) => {
      const spec = parseConnectorSpec(olderSpec({ test: { implementationType: type } }), { files: { "auth/client.yml": CLIENT, [path]: type === "javascript" ? "export default () => true" : "path: /me" } });
      expect(spec.auth.methods.test).toMatchObject({ type, filePath: path });
    });

    it("finds a graphql-api-mapping at .graphql.yml (no auth method accepts one, so that is the only issue)", () => {
      expect(issuesOf(olderSpec({ test: { implementationType: "graphql-api-mapping" } }), { "auth/client.yml": CLIENT, "auth/test.graphql.yml": "path: /graphql" })).toEqual([
        { path: "/auth/test/implementationType", code: "implementation_type_not_allowed", file: undefined, line: undefined, column: undefined },
      ]);
    });

    it("finds getOAuthConfig under get-oauth-config first, then under the oauth-config alias", () => {
      const slots = { getOAuthConfig: { implementationType: "mapping" } };
      const both = parseConnectorSpec(olderSpec(slots, "oauth2"), {
        files: { "auth/client.yml": CLIENT, "auth/oauth-config.yml": "authorizeUri: https://b.test", "auth/get-oauth-config.map.yml": "authorizeUri: https://a.test" },
      });
      expect(both.auth.methods.getOAuthConfig).toMatchObject({ filePath: "auth/get-oauth-config.map.yml", mapping: { authorizeUri: "https://a.test" } });
      const alias = parseConnectorSpec(olderSpec(slots, "oauth2"), { files: { "auth/client.yml": CLIENT, "auth/oauth-config.yml": "authorizeUri: https://b.test" } });
      expect(alias.auth.methods.getOAuthConfig).toMatchObject({ type: "mapping", filePath: "auth/oauth-config.yml", mapping: { authorizeUri: "https://b.test" } });
    });

    it("finds getCredentialsFromAccessTokenResponse under the older get-credentials-from-token-response name", () => {
      const spec = parseConnectorSpec(olderSpec({ getOAuthConfig: { implementationType: "mapping", mapping: {} }, getCredentialsFromAccessTokenResponse: { implementationType: "javascript" } }, "oauth2"), {
        files: { "auth/client.yml": CLIENT, "auth/get-credentials-from-token-response.js": "export default ({ tokenResponse }) => tokenResponse" },
      });
      expect(spec.auth.methods.getCredentialsFromAccessTokenResponse?.filePath).toBe("auth/get-credentials-from-token-response.js");
    });

    it("picks up a method that has no slot from its file, inferring the type from the suffix", () => {
      const spec = parseConnectorSpec({ auth: { type: "client-credentials" } }, { files: { "auth/make-api-client.map.yml": CLIENT, "auth/test.rest.yml": "path: /me" } });
      expect(spec.auth.methods.makeApiClient).toMatchObject({ type: "mapping", filePath: "auth/make-api-client.map.yml", pointer: "/auth/makeApiClient" });
      expect(spec.auth.methods.test).toMatchObject({ type: "rest-api-mapping", filePath: "auth/test.rest.yml" });
    });

    it("does not pick up files for methods the auth type does not use", () => {
      const spec = parseConnectorSpec({ auth: { type: "client-credentials" } }, { files: { "auth/make-api-client.map.yml": CLIENT, "auth/oauth-config.yml": "tokenUri: https://x.test" } });
      expect(spec.auth.methods).not.toHaveProperty("getOAuthConfig");
    });
  });

  describe("filePath", () => {
    it("infers the implementation type from the suffix when the slot has only a filePath", () => {
      const spec = parseConnectorSpec(olderSpec({ test: { filePath: "auth/check.rest.yml" } }), { files: { "auth/client.yml": CLIENT, "auth/check.rest.yml": "path: /me" } });
      expect(spec.auth.methods.test).toMatchObject({ type: "rest-api-mapping", filePath: "auth/check.rest.yml", mapping: { path: "/me" } });
    });

    it("tolerates a leading ./", () => {
      const spec = parseConnectorSpec(olderSpec({ test: { implementationType: "javascript", filePath: "./auth/test.js" } }), { files: { "auth/client.yml": CLIENT, "auth/test.js": "export default () => true" } });
      expect(spec.auth.methods.test?.filePath).toBe("auth/test.js");
    });

    it("lets an inline mapping or code win over the file", () => {
      const spec = parseConnectorSpec(olderSpec({ test: { implementationType: "javascript", filePath: "auth/test.js", code: "export default () => 'inline'" } }), {
        files: { "auth/client.yml": CLIENT, "auth/test.js": "export default () => 'file'" },
      });
      expect(spec.auth.methods.test).toEqual({ type: "javascript", code: "export default () => 'inline'", pointer: "/auth/test" });
    });
  });

  describe("host functions", () => {
    it("uses a host function given as a file as trusted javascript", () => {
      const test: HostFunction = () => true;
      const spec = parseConnectorSpec(olderSpec({ test: { implementationType: "javascript" } }), { files: { "auth/client.yml": CLIENT, "auth/test.js": test } });
      expect(spec.auth.methods.test).toEqual({ type: "javascript", code: test, filePath: "auth/test.js", pointer: "/auth/test" });
    });

    it("accepts a host function under a .ts name (it is already compiled)", () => {
      const test: HostFunction = () => true;
      const spec = parseConnectorSpec(olderSpec({ test: { implementationType: "javascript", filePath: "auth/test.ts" } }), { files: { "auth/client.yml": CLIENT, "auth/test.ts": test } });
      expect(spec.auth.methods.test?.code).toBe(test);
    });
  });

  describe("problems", () => {
    it("reports a filePath that is not among the files", () => {
      const source = "auth:\n  type: client-credentials\n  makeApiClient:\n    implementationType: mapping\n    filePath: auth/missing.yml\n";
      const { issues } = validateConnectorSpec(source, { files: { "auth/other.yml": CLIENT } });
      expect(issues).toEqual([
        {
          path: "/auth/makeApiClient/filePath",
          code: "file_not_found",
          message: 'file "auth/missing.yml" was not found: pass its content as options.files["auth/missing.yml"] (files given: auth/other.yml)',
          line: 5,
          column: 5,
        },
      ]);
    });

    it("explains that a .ts file must be compiled to JavaScript by the host", () => {
      const source = "auth:\n  type: client-credentials\n  makeApiClient: {implementationType: mapping, filePath: auth/client.yml}\n  test:\n    implementationType: javascript\n    filePath: auth/test.ts\n";
      const { issues } = validateConnectorSpec(source, { files: { "auth/client.yml": CLIENT, "auth/test.ts": "export default async (): Promise<boolean> => true" } });
      expect(issues).toMatchObject([{ path: "/auth/test/filePath", code: "typescript_file", line: 6, column: 5 }]);
      expect(issues[0]?.message).toContain("compile it to JavaScript (e.g. auth/test.js)");
    });

    it("reports a conventionally named .ts file found when no .js exists", () => {
      expect(issuesOf(olderSpec({ test: { implementationType: "javascript" } }), { "auth/client.yml": CLIENT, "auth/test.ts": "export default () => true" })).toEqual([
        { path: "/auth/test", code: "typescript_file", file: undefined, line: undefined, column: undefined },
      ]);
    });

    it("reports YAML syntax errors in a mapping file with the file, line and column", () => {
      expect(issuesOf(olderSpec({}), { "auth/client.yml": "baseUri: https://x.test\nheaders:\n  a: 1\n   b: 2\n" })[0]).toEqual({
        path: "",
        code: "syntax_error",
        file: "auth/client.yml",
        line: 3,
        column: 6,
      });
    });

    it("reports malformed formulas in a mapping file with the file, a pointer inside it, and line/column", () => {
      const file = "baseUri: https://x.test\nheaders:\n  Authorization:\n    $var: 42\n";
      expect(issuesOf(olderSpec({}), { "auth/client.yml": file })).toEqual([
        { path: "/headers/Authorization/$var", code: "malformed_formula", file: "auth/client.yml", line: 4, column: 5 },
      ]);
    });

    it("reports a slot whose type contradicts its file", () => {
      expect(issuesOf(olderSpec({ test: { implementationType: "rest-api-mapping", filePath: "auth/test.js" } }), { "auth/client.yml": CLIENT, "auth/test.js": "export default () => true" })).toEqual([
        { path: "/auth/test/filePath", code: "file_type_mismatch", file: undefined, line: undefined, column: undefined },
      ]);
    });

    it("reports an empty mapping file", () => {
      expect(issuesOf(olderSpec({ test: { filePath: "auth/test.rest.yml" } }), { "auth/client.yml": CLIENT, "auth/test.rest.yml": "# nothing yet\n" })).toEqual([
        { path: "/auth/test/filePath", code: "empty_file", file: undefined, line: undefined, column: undefined },
      ]);
    });

    it("reports a file whose kind cannot be told from its name", () => {
      expect(issuesOf(olderSpec({ test: { filePath: "auth/test.txt" } }), { "auth/client.yml": CLIENT, "auth/test.txt": "?" }).map(({ code }) => code)).toEqual(["unknown_file_type"]);
    });
  });
});
