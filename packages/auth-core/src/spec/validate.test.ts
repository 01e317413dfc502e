import { describe, expect, it } from "vitest";
import type { Issue } from "../errors.ts";
import { validateConnectorSpec } from "./index.ts";

/** Issues without messages, for exact comparison; messages are checked separately where they matter. */
const located = (issues: Issue[]) => issues.map(({ message: _message, ...rest }) => rest);
const check = (source: string | object, files?: Record<string, string>) => validateConnectorSpec(source, { files, sourceName: "spec.yml" }).issues;

const CLIENT = "  makeApiClient:\n    implementationType: mapping\n    mapping: {baseUri: https://api.acme.test}\n";

describe("validateConnectorSpec", () => {
  describe("unreadable source", () => {
    it("reports a YAML syntax error with line and column", () => {
      const issues = check("name: Acme\nauth:\n  type: [oauth2\n");
      expect(located(issues)).toEqual([{ path: "", code: "syntax_error", line: 4, column: 1 }]);
      expect(issues[0]?.message).toMatch(/^spec\.yml is not valid YAML or JSON: /);
    });

    it("reports a duplicate key", () => {
      expect(located(check("type: oauth2\ntype: oauth1\n"))).toEqual([{ path: "", code: "syntax_error", line: 2, column: 1 }]);
    });

    it("reports a JSON syntax error with line and column", () => {
      expect(located(check('{\n  "type": "oauth2",\n  "makeApiClient": {"type": "mapping"\n}'))).toEqual([{ path: "", code: "syntax_error", line: 4, column: 2 }]);
    });
  });

  describe("not an object", () => {
    it("rejects text that is a list or a scalar", () => {
      expect(check("- type: oauth2\n")).toEqual([
        { path: "", code: "not_object", message: "spec.yml must be an object with an auth: block or a root-level type (got an array)", line: 1, column: 1 },
      ]);
      expect(located(check(""))).toEqual([{ path: "", code: "not_object", line: 1, column: 1 }]);
    });

    it("rejects a non-object source without line/column", () => {
      expect(check([] as unknown as object)).toEqual([{ path: "", code: "not_object", message: "spec.yml must be an object with an auth: block or a root-level type (got an array)" }]);
    });
  });

  it("reports an unknown auth type and lists the valid ones", () => {
    const issues = check(`auth:\n  type: oauth3\n${CLIENT}`);
    expect(issues).toEqual([
        {
          path: "/auth/type",
          code: "unknown_auth_type",
          message: 'unknown auth type "oauth3"; expected one of: client-credentials, oauth2, oauth1, proxy, integration-app-token, membrane-token',
          line: 2,
          column: 3,
        },
      ]);
  });

  it("reports an unknown implementation type and lists the valid ones", () => {
    const issues = check("type: client-credentials\nmakeApiClient:\n  type: yaml\n  mapping: {}\n");
    expect(issues).toEqual([
      {
        path: "/makeApiClient/type",
        code: "unknown_implementation_type",
        message: 'unknown implementation type "yaml" for makeApiClient; expected one of: mapping, operation-mapping, rest-api-mapping, graphql-api-mapping, javascript, not-supported',
        line: 3,
        column: 3,
      },
    ]);
  });

  it("reports a missing auth type when there are no options either", () => {
    expect(located(check(`auth:\n  title: Acme\n${CLIENT}`))).toEqual([{ path: "/auth/type", code: "missing_auth_type", line: 1, column: 1 }]);
  });

  describe("methods not allowed for the auth type", () => {
    it("rejects getOAuthConfig on client-credentials", () => {
      const issues = check(`auth:\n  type: client-credentials\n${CLIENT}  getOAuthConfig:\n    implementationType: mapping\n    mapping: {}\n`);
      expect(issues).toEqual([
        {
          path: "/auth/getOAuthConfig",
          code: "method_not_allowed",
          message: "getOAuthConfig is not used by client-credentials auth; it applies to oauth2 or oauth1. Remove it or change the auth type",
          line: 6,
          column: 3,
        },
      ]);
    });

    it("allows getCredentialsFromConnectionParameters only on client-credentials and oauth2", () => {
      const slot = "  getCredentialsFromConnectionParameters:\n    implementationType: mapping\n    mapping: {token: x}\n";
      const oauth = "  getOAuthConfig:\n    implementationType: mapping\n    mapping: {}\n";
      expect(check(`auth:\n  type: client-credentials\n${CLIENT}${slot}`)).toEqual([]);
      expect(check(`auth:\n  type: oauth2\n${CLIENT}${oauth}${slot}`)).toEqual([]);
      expect(located(check(`auth:\n  type: oauth1\n${CLIENT}${oauth}${slot}`))).toEqual([
        { path: "/auth/getCredentialsFromConnectionParameters", code: "method_not_allowed", line: 9, column: 3 },
      ]);
    });

    it("checks an option's methods against the option's type", () => {
      const source = { type: "oauth2", makeApiClient: { type: "mapping", mapping: {} }, getOAuthConfig: { type: "mapping", mapping: {} }, options: { key: { type: "client-credentials", getTokenData: { type: "mapping", mapping: {} } } } };
      expect(located(check(source))).toEqual([{ path: "/options/key/getTokenData", code: "method_not_allowed" }]);
    });
  });

  describe("implementation types not allowed for the method", () => {
    it("rejects refreshCredentials as a mapping", () => {
      const issues = check(`auth:\n  type: client-credentials\n${CLIENT}  refreshCredentials:\n    implementationType: mapping\n    mapping: {}\n`);
      expect(issues).toEqual([
        { path: "/auth/refreshCredentials/implementationType", code: "implementation_type_not_allowed", message: "refreshCredentials cannot be implemented as mapping; use javascript", line: 7, column: 5 },
      ]);
    });

    it("rejects a test mapping without a path, and says how to fix it", () => {
      const issues = check({ type: "client-credentials", makeApiClient: { type: "mapping", mapping: {} }, test: { type: "mapping", mapping: { ok: true } } });
      expect(issues).toEqual([
        {
          path: "/test/type",
          code: "implementation_type_not_allowed",
          message: "test cannot be implemented as mapping (a test written as a mapping must be a REST API mapping with a path); use rest-api-mapping, operation-mapping or javascript",
        },
      ]);
    });
  });

  describe("missing required methods", () => {
    it("requires makeApiClient", () => {
      const issues = check("name: Acme\ntype: client-credentials\n");
      expect(issues).toEqual([
        {
          path: "/makeApiClient",
          code: "missing_method",
          message: "this auth has no makeApiClient, which client-credentials auth requires. Add makeApiClient: {type: mapping, mapping: …}",
          line: 1,
          column: 1,
        },
      ]);
    });

    it("requires getOAuthConfig for oauth2 and oauth1", () => {
      for (const type of ["oauth2", "oauth1"]) {
        const issues = check(`auth:\n  type: ${type}\n${CLIENT}`);
        expect(located(issues)).toEqual([{ path: "/auth/getOAuthConfig", code: "missing_method", line: 1, column: 1 }]);
        expect(issues[0]?.message).toBe(`this auth has no getOAuthConfig, which ${type} auth requires. Add getOAuthConfig: {implementationType: mapping, filePath: auth/get-oauth-config.map.yml}`);
      }
    });

    it("lets options inherit makeApiClient from the parent", () => {
      expect(check(`auth:\n  type: client-credentials\n${CLIENT}  options:\n    a: {title: A}\n    b: {title: B}\n`)).toEqual([]);
    });

    it("reports each option that lacks a required method", () => {
      const source = "auth:\n  options:\n    a:\n      type: client-credentials\n" + CLIENT.replace(/^ {2}/gm, "      ") + "    b:\n      type: client-credentials\n";
      const issues = check(source);
      expect(located(issues)).toEqual([{ path: "/auth/options/b/makeApiClient", code: "missing_method", line: 8, column: 5 }]);
      expect(issues[0]?.message).toBe('option "b" has no makeApiClient, which client-credentials auth requires. Add makeApiClient: {implementationType: mapping, filePath: auth/make-api-client.map.yml} to the option, or to the auth above it to share it');
    });

    it("reports once, at the parent, when no option has it", () => {
      const issues = check("auth:\n  options:\n    a: {type: client-credentials}\n    b: {type: client-credentials}\n");
      expect(located(issues)).toEqual([{ path: "/auth/makeApiClient", code: "missing_method", line: 1, column: 1 }]);
    });

    it("requires a proxyKey for proxy auth", () => {
      const issues = check(`auth:\n  type: proxy\n${CLIENT}`);
      expect(issues).toEqual([
        { path: "/auth/proxyKey", code: "missing_proxy_key", message: "this auth is a proxy auth without proxyKey: set it to the key of the auth proxy to delegate to", line: 1, column: 1 },
      ]);
      expect(check(`auth:\n  type: proxy\n  proxyKey: hubspot\n${CLIENT}`)).toEqual([]);
    });
  });

  describe("slots without a body", () => {
    it("reports a javascript slot with no code and no file", () => {
      const issues = check(`auth:\n  type: client-credentials\n${CLIENT}  test:\n    implementationType: javascript\n`);
      expect(issues).toEqual([
        {
          path: "/auth/test",
          code: "missing_code",
          message: "test is javascript but has no code: set code to the module source, set filePath, or add auth/test.js to the files",
          line: 6,
          column: 3,
        },
      ]);
    });

    it("reports a mapping slot with no mapping and no file", () => {
      const issues = check("type: client-credentials\nmakeApiClient:\n  type: mapping\n");
      expect(located(issues)).toEqual([{ path: "/makeApiClient", code: "missing_mapping", line: 2, column: 1 }]);
      expect(issues[0]?.message).toBe("makeApiClient is mapping but has no mapping: set mapping, set filePath, or add auth/make-api-client.map.yml or auth/make-api-client.yml to the files");
    });

    it("treats an empty mapping: as no mapping", () => {
      expect(located(check("type: client-credentials\nmakeApiClient:\n  type: mapping\n  mapping:\n"))).toEqual([{ path: "/makeApiClient", code: "missing_mapping", line: 2, column: 1 }]);
    });

    it("reports a slot with nothing at all", () => {
      expect(located(check("type: client-credentials\nmakeApiClient: {}\n"))).toEqual([{ path: "/makeApiClient", code: "missing_implementation", line: 2, column: 1 }]);
    });

    it("reports type and implementationType that disagree", () => {
      expect(located(check("type: client-credentials\nmakeApiClient: {type: mapping, implementationType: javascript, mapping: {}}\n"))).toEqual([
        { path: "/makeApiClient/implementationType", code: "conflicting_implementation_type", line: 2, column: 32 },
      ]);
    });
  });

  it("reports malformed formulas in inline mappings with line and column", () => {
    const issues = check("type: client-credentials\nmakeApiClient:\n  type: mapping\n  mapping:\n    headers:\n      Authorization:\n        $tpl: Bearer {token}\n");
    expect(located(issues)).toEqual([{ path: "/makeApiClient/mapping/headers/Authorization/$tpl", code: "malformed_formula", line: 7, column: 9 }]);
  });

  it("reports malformed enabled formulas", () => {
    const source = { type: "client-credentials", makeApiClient: { type: "mapping", mapping: {} }, options: { a: { enabled: { $var: ["x"] } } } };
    expect(located(check(source))).toEqual([{ path: "/options/a/enabled/$var", code: "malformed_formula" }]);
  });

  describe("options", () => {
    it("reports options that are not objects", () => {
      const issues = check(`auth:\n  type: client-credentials\n${CLIENT}  options:\n    a: api-key\n`);
      expect(issues).toEqual([{ path: "/auth/options/a", code: "type", message: 'must be an object (got the string "api-key")', line: 7, column: 5 }]);
    });

    it("reports options without a type when the parent has none", () => {
      const issues = check(`auth:\n${CLIENT}  options:\n    a:\n      title: A\n    b:\n      type: oauth1\n      getOAuthConfig: {implementationType: mapping, mapping: {}}\n`);
      expect(issues).toEqual([
        {
          path: "/auth/options/a/type",
          code: "missing_type",
          message: 'option "a" has no type and the auth above it has none to inherit: set type to one of client-credentials, oauth2, oauth1, proxy, integration-app-token, membrane-token',
          line: 6,
          column: 5,
        },
      ]);
    });

    it("reports options nested in options", () => {
      const source = { type: "client-credentials", makeApiClient: { type: "mapping", mapping: {} }, options: { a: { options: { b: {} } } } };
      expect(located(check(source))).toEqual([{ path: "/options/a/options", code: "nested_options" }]);
    });
  });

  it("reports root-level auth fields next to an auth: block", () => {
    expect(located(check(`type: oauth2\nauth:\n  type: client-credentials\n${CLIENT}`))).toEqual([{ path: "/type", code: "mixed_shapes", line: 1, column: 1 }]);
  });

  it("reports a misspelled method name", () => {
    const issues = check(`auth:\n  type: client-credentials\n${CLIENT}  Test:\n    implementationType: javascript\n    code: "export default () => true"\n`);
    expect(issues).toEqual([
      { path: "/auth/Test", code: "unknown_method", message: '"Test" is not a method name and is ignored; did you mean test? (method names are case-sensitive)', line: 6, column: 3 },
    ]);
  });

  it("reports a method given under both its name and an alias", () => {
    const source = { type: "oauth2", makeApiClient: { type: "mapping", mapping: {} }, getOAuthConfig: { type: "mapping", mapping: {} }, oAuthConfig: { type: "mapping", mapping: {} } };
    expect(located(check(source))).toEqual([{ path: "/oAuthConfig", code: "duplicate_method" }]);
  });

  it("reports structure problems found by the JSON Schema of the spec", () => {
    const issues = check("type: client-credentials\ninputSchema:\n  type: object\n  required: apiKey\nhelpUri: docs page\nmakeApiClient: {type: mapping, mapping: {}}\n");
    expect(located(issues)).toEqual([
      { path: "/inputSchema/required", code: "type", line: 4, column: 3 },
      { path: "/helpUri", code: "format", line: 5, column: 1 },
    ]);
  });

  it("collects every issue in reading order, not just the first", () => {
    const source = `auth:
  type: client-credentials
  refreshCredentials: {implementationType: mapping, mapping: {}}
  getOAuthConfig: {implementationType: mapping, mapping: {}}
  test: {implementationType: javascript}
  options:
    a: 1
`;
    expect(located(check(source))).toEqual([
      { path: "/auth/makeApiClient", code: "missing_method", line: 1, column: 1 },
      { path: "/auth/refreshCredentials/implementationType", code: "implementation_type_not_allowed", line: 3, column: 24 },
      { path: "/auth/getOAuthConfig", code: "method_not_allowed", line: 4, column: 3 },
      { path: "/auth/test", code: "missing_code", line: 5, column: 3 },
      { path: "/auth/options/a", code: "type", line: 7, column: 5 },
    ]);
  });
});
