import { describe, expect, it } from "vitest";
import { SpecError } from "../errors.ts";
import type { ConnectorSpec, HostFunction } from "../types.ts";
import { parseConnectorSpec, validateConnectorSpec } from "./index.ts";

/** A QuickBooks-like connector in the older shape, as exported from real workspaces. */
const QUICKBOOKS_SPEC = `key: quickbooks
name: QuickBooks
logoUri: https://static.example.com/quickbooks.png
appUri: https://quickbooks.intuit.com
apiDocsUri: https://developer.intuit.com/app/developer/qbo/docs/api/accounting
connectionMode: popup
parametersSchema:
  type: object
  properties:
    clientId: {type: string, title: Client ID}
    clientSecret: {type: string, title: Client Secret}
    scopes:
      type: array
      items: {type: string}
      allowCustom: true
      default: [com.intuit.quickbooks.accounting]
ui:
  description: Connect your QuickBooks Online company.
  helpUri: https://docs.example.com/quickbooks
  schema:
    type: object
    properties:
      isSandbox:
        type: boolean
        title: Connect to sandbox instance
auth:
  type: oauth2
  credentialsSchema:
    type: object
    properties:
      access_token: {type: string}
      refresh_token: {type: string}
      realmId: {type: string}
  getOAuthConfig:
    implementationType: mapping
    filePath: auth/oauth-config.yml
  getCredentialsFromAccessTokenResponse:
    implementationType: javascript
    filePath: auth/get-credentials-from-access-token-response.js
  makeApiClient:
    implementationType: mapping
    filePath: auth/make-api-client.yml
  test:
    implementationType: javascript
    filePath: auth/test.js
`;

const QUICKBOOKS_FILES = {
  "auth/oauth-config.yml": `clientId:
  $var: $.connectorParameters.clientId
clientSecret:
  $var: $.connectorParameters.clientSecret
authorizeUri: https://appcenter.intuit.com/connect/oauth2
tokenUri: https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer
scopes:
  $var: $.connectorParameters.scopes
`,
  "auth/make-api-client.yml": `args:
  baseUri:
    $case:
      cases:
        - filter:
            $eval:
              $var: $.credentials.isSandbox
            is: true
          value:
            $tpl:
              template: https://sandbox-quickbooks.api.intuit.com/v3/company/{realmId}
              values:
                realmId:
                  $var: $.credentials.realmId
      default:
        $tpl:
          template: https://quickbooks.api.intuit.com/v3/company/{realmId}
          values:
            realmId:
              $var: $.credentials.realmId
  headers:
    Accept: application/json
    Authorization:
      $concat:
        - "Bearer "
        - $var: $.credentials.access_token
`,
  "auth/get-credentials-from-access-token-response.js": `exports.getCredentialsFromAccessTokenResponse = async function ({ tokenResponse, queryParameters, connectionParameters }) {
  return { ...tokenResponse, realmId: queryParameters.realmId, isSandbox: connectionParameters.isSandbox };
};
`,
  "auth/test.js": `export default async function test({ apiClient }) {
  const info = await apiClient.get("companyinfo/1");
  if (!info) throw new Error("QuickBooks did not return company info");
  return true;
}
`,
};

/** A connector in the newer (Membrane) root-level shape. */
const ACME_SPEC = `key: acme-crm
name: Acme CRM
type: client-credentials
helpUri: https://docs.example.com/acme/api-keys
inputSchema:
  type: object
  description: Find your API key under **Settings → API**.
  required: [apiKey]
  properties:
    apiKey: {type: string, title: API key, format: password}
    region: {type: string, enum: [us, eu], default: us}
makeApiClient:
  type: mapping
  mapping:
    baseUri:
      $tpl:
        template: https://{region}.api.acme.test
        values:
          region: {$var: credentials.region}
    headers:
      Authorization:
        $concat: ["Bearer ", {$var: credentials.apiKey}]
test:
  type: rest-api-mapping
  mapping:
    path: /me
    method: GET
    responseMapping: {$var: response.data.id}
disconnect:
  type: javascript
  code: |
    export default async function ({ apiClient }) {
      await apiClient.post("/oauth/revoke");
    }
`;

/** Drops what legitimately differs between shapes: where things were written, and the raw source. */
function comparable(spec: ConnectorSpec): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "pointer" && key !== "filePath")
        .map(([key, item]) => [key, strip(item)]),
    );
  };
  const { raw: _raw, shape: _shape, ...model } = spec;
  return strip(model);
}

describe("parseConnectorSpec", () => {
  describe("the older auth: shape (QuickBooks-like)", () => {
    const spec = parseConnectorSpec(QUICKBOOKS_SPEC, { files: QUICKBOOKS_FILES, sourceName: "spec.yml" });

    it("reads connector fields and the shape", () => {
      expect(spec).toMatchObject({ key: "quickbooks", name: "QuickBooks", logoUri: "https://static.example.com/quickbooks.png", shape: "auth-block" });
      expect(spec.raw.connectionMode).toBe("popup");
    });

    it("uses the connector-level ui as the auth's input schema, description and help link", () => {
      expect(spec.auth).toMatchObject({
        type: "oauth2",
        pointer: "/auth",
        description: "Connect your QuickBooks Online company.",
        helpUri: "https://docs.example.com/quickbooks",
        inputSchema: { type: "object", properties: { isSandbox: { type: "boolean", title: "Connect to sandbox instance" } } },
      });
    });

    it("gives the auth the connector parameters schema", () => {
      expect(spec.parametersSchema?.properties).toHaveProperty("clientId");
      expect(spec.auth.parametersSchema).toEqual(spec.parametersSchema);
    });

    it("reads each filePath slot, keeping the args: wrapper and $.-prefixed locators for the runtime", () => {
      expect(spec.auth.methods.makeApiClient).toMatchObject({ type: "mapping", filePath: "auth/make-api-client.yml", pointer: "/auth/makeApiClient" });
      expect(spec.auth.methods.makeApiClient?.mapping).toMatchObject({ args: { headers: { Accept: "application/json" } } });
      expect(spec.auth.methods.getOAuthConfig?.mapping).toMatchObject({ clientId: { $var: "$.connectorParameters.clientId" } });
      expect(spec.auth.methods.getCredentialsFromAccessTokenResponse).toMatchObject({ type: "javascript", code: QUICKBOOKS_FILES["auth/get-credentials-from-access-token-response.js"] });
      expect(spec.auth.methods.test).toEqual({ type: "javascript", code: QUICKBOOKS_FILES["auth/test.js"], filePath: "auth/test.js", pointer: "/auth/test" });
    });
  });

  describe("the newer root-level shape", () => {
    const spec = parseConnectorSpec(ACME_SPEC);

    it("treats the connector root as the auth handler", () => {
      expect(spec.shape).toBe("root");
      expect(spec.auth).toMatchObject({ type: "client-credentials", pointer: "", helpUri: "https://docs.example.com/acme/api-keys" });
      expect(spec.auth.inputSchema?.required).toEqual(["apiKey"]);
    });

    it("reads inline {type, mapping} and {type, code} functions", () => {
      expect(spec.auth.methods.makeApiClient).toMatchObject({ type: "mapping", pointer: "/makeApiClient", mapping: { headers: { Authorization: { $concat: ["Bearer ", { $var: "credentials.apiKey" }] } } } });
      expect(spec.auth.methods.test).toEqual({ type: "rest-api-mapping", pointer: "/test", mapping: { path: "/me", method: "GET", responseMapping: { $var: "response.data.id" } } });
      expect(spec.auth.methods.disconnect?.type).toBe("javascript");
      expect(spec.auth.methods.disconnect?.code).toContain("export default async function");
    });
  });

  it("parses both shapes of the same connector to the same model", () => {
    const schema = { type: "object", required: ["apiKey"], properties: { apiKey: { type: "string" } } };
    const parameters = { type: "object", properties: { clientId: { type: "string" } } };
    const makeApiClient = { baseUri: "https://api.acme.test", headers: { "X-Api-Key": { $var: "credentials.apiKey" } } };
    const test = { path: "/me", method: "GET" };
    const refresh = "export default async () => ({ access_token: 'new' })";
    const older = {
      name: "Acme",
      parametersSchema: parameters,
      auth: {
        type: "client-credentials",
        title: "API key",
        ui: { schema, description: "Paste your key.", helpUri: "https://docs.acme.test/keys" },
        makeApiClient: { implementationType: "mapping", filePath: "auth/make-api-client.map.yml" },
        test: { implementationType: "rest-api-mapping", filePath: "auth/test.rest.yml" },
        refreshCredentials: { implementationType: "javascript", filePath: "auth/refresh-credentials.js" },
        options: { eu: { title: "EU", ui: { schema: { properties: { region: { const: "eu" } } } } } },
      },
    };
    const newer = {
      name: "Acme",
      parametersSchema: parameters,
      type: "client-credentials",
      title: "API key",
      description: "Paste your key.",
      helpUri: "https://docs.acme.test/keys",
      inputSchema: schema,
      makeApiClient: { type: "mapping", mapping: makeApiClient },
      test: { type: "rest-api-mapping", mapping: test },
      refreshCredentials: { type: "javascript", code: refresh },
      options: { eu: { title: "EU", inputSchema: { properties: { region: { const: "eu" } } } } },
    };
    const files = {
      "auth/make-api-client.map.yml": "baseUri: https://api.acme.test\nheaders:\n  X-Api-Key: {$var: credentials.apiKey}\n",
      "auth/test.rest.yml": "path: /me\nmethod: GET\n",
      "auth/refresh-credentials.js": refresh,
    };
    const fromOlder = parseConnectorSpec(older, { files });
    const fromNewer = parseConnectorSpec(newer);
    expect(fromOlder.shape).toBe("auth-block");
    expect(fromNewer.shape).toBe("root");
    expect(comparable(fromOlder)).toEqual(comparable(fromNewer));
  });

  it("reads JSON text as well as YAML", () => {
    const json = JSON.stringify({ type: "client-credentials", makeApiClient: { type: "mapping", mapping: { baseUri: "https://api.acme.test" } } }, null, "\t");
    expect(parseConnectorSpec(json).auth.methods.makeApiClient?.mapping).toEqual({ baseUri: "https://api.acme.test" });
  });

  it("accepts host functions as code in an object source, as trusted javascript", () => {
    const makeApiClient: HostFunction = () => ({ baseUri: "https://api.acme.test" });
    const spec = parseConnectorSpec({ type: "client-credentials", makeApiClient: { type: "javascript", code: makeApiClient } });
    expect(spec.auth.methods.makeApiClient).toEqual({ type: "javascript", code: makeApiClient, pointer: "/makeApiClient" });
  });

  it("infers the implementation type from an inline body when the slot has none", () => {
    const spec = parseConnectorSpec({ type: "client-credentials", makeApiClient: { mapping: { baseUri: "https://x.test" } }, test: { code: "export default () => true" } });
    expect(spec.auth.methods.makeApiClient?.type).toBe("mapping");
    expect(spec.auth.methods.test?.type).toBe("javascript");
  });

  it("treats a test written as a mapping with a path as a rest-api-mapping (reference §1.5)", () => {
    const spec = parseConnectorSpec({
      type: "client-credentials",
      makeApiClient: { type: "mapping", mapping: { baseUri: "https://x.test" } },
      test: { type: "mapping", mapping: { path: "/me", method: "GET" } },
    });
    expect(spec.auth.methods.test?.type).toBe("rest-api-mapping");
  });

  it("accepts the oAuthConfig and getCredentialsFromTokenResponse slot aliases", () => {
    const spec = parseConnectorSpec({
      type: "oauth2",
      makeApiClient: { type: "mapping", mapping: { baseUri: "https://x.test" } },
      oAuthConfig: { type: "mapping", mapping: { authorizeUri: "https://x.test/authorize" } },
      getCredentialsFromTokenResponse: { type: "mapping", mapping: { access_token: { $var: "tokenResponse.access_token" } } },
    });
    expect(spec.auth.methods.getOAuthConfig).toMatchObject({ type: "mapping", pointer: "/oAuthConfig" });
    expect(spec.auth.methods.getCredentialsFromAccessTokenResponse).toMatchObject({ type: "mapping", pointer: "/getCredentialsFromTokenResponse" });
  });

  it("keeps not-supported slots as not-supported", () => {
    const spec = parseConnectorSpec({
      type: "client-credentials",
      makeApiClient: { type: "mapping", mapping: { baseUri: "https://x.test" } },
      test: { implementationType: "not-supported" },
    });
    expect(spec.auth.methods.test).toEqual({ type: "not-supported", pointer: "/test" });
  });

  it("allows enabled formulas on options", () => {
    const { issues } = validateConnectorSpec({
      type: "oauth2",
      makeApiClient: { type: "mapping", mapping: { baseUri: "https://x.test" } },
      getOAuthConfig: { type: "mapping", mapping: { clientId: { $var: "connectorParameters.clientId" } } },
      options: { own: { title: "Your OAuth app", enabled: { $var: "connectorParameters.clientId" } } },
    });
    expect(issues).toEqual([]);
  });

  it("throws SpecError with key invalid_spec listing all issues", () => {
    const source = "auth:\n  type: oauth3\n  options:\n    a: 1\n";
    let caught: unknown;
    try {
      parseConnectorSpec(source, { sourceName: "spec.yml" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpecError);
    const error = caught as SpecError;
    expect(error.key).toBe("invalid_spec");
    expect(error.issues.map(({ path, code }) => [path, code])).toEqual([
      ["/auth/type", "unknown_auth_type"],
      ["/auth/options/a", "type"],
    ]);
    expect(error.message).toContain("/auth/type (line 2, column 3): unknown auth type");
  });

  it("validateConnectorSpec returns the spec only when there are no issues", () => {
    expect(validateConnectorSpec(ACME_SPEC)).toMatchObject({ issues: [], spec: { name: "Acme CRM" } });
    expect(validateConnectorSpec("type: nope")).not.toHaveProperty("spec");
  });
});
