import { describe, expect, it } from "vitest";
import { PlugboardError } from "../errors.ts";
import { DEFAULT_AUTH_OPTION_KEY, getAuthOptionKeys, getAuthOptions, getEffectiveAuthOption, parseConnectorSpec } from "./index.ts";

const client = (baseUri: string) => ({ type: "mapping", mapping: { baseUri } });

describe("auth options", () => {
  describe("a spec without options", () => {
    it("offers the top-level auth as the single option with key \"\"", async () => {
      const spec = parseConnectorSpec({ name: "Acme", type: "client-credentials", description: "Paste your key.", helpUri: "https://docs.acme.test", inputSchema: { type: "object" }, makeApiClient: client("https://acme.test") });
      expect(DEFAULT_AUTH_OPTION_KEY).toBe("");
      expect(await getAuthOptions(spec)).toEqual([
        { key: "", type: "client-credentials", title: "Acme", description: "Paste your key.", inputSchema: { type: "object" }, helpUri: "https://docs.acme.test" },
      ]);
    });

    it("titles it with the auth title, then the connector name, then the auth type", async () => {
      const titled = parseConnectorSpec({ name: "Acme", type: "oauth2", title: "Sign in with Acme", makeApiClient: client("x"), getOAuthConfig: client("x") });
      const named = parseConnectorSpec({ name: "Acme", type: "oauth2", makeApiClient: client("x"), getOAuthConfig: client("x") });
      const bare = parseConnectorSpec({ type: "oauth2", makeApiClient: client("x"), getOAuthConfig: client("x") });
      expect((await getAuthOptions(titled))[0]?.title).toBe("Sign in with Acme");
      expect((await getAuthOptions(named))[0]?.title).toBe("Acme");
      expect((await getAuthOptions(bare))[0]?.title).toBe("OAuth 2.0");
    });

    it("takes description and help link from ui in the older shape", async () => {
      const spec = parseConnectorSpec({
        auth: { type: "client-credentials", ui: { schema: { type: "object" }, description: "Paste your key.", helpUri: "https://docs.acme.test" }, makeApiClient: client("x") },
      });
      expect(await getAuthOptions(spec)).toEqual([
        { key: "", type: "client-credentials", title: "API credentials", description: "Paste your key.", inputSchema: { type: "object" }, helpUri: "https://docs.acme.test" },
      ]);
    });

    it("returns the auth itself as the effective option", () => {
      const spec = parseConnectorSpec({ type: "client-credentials", makeApiClient: client("x") });
      expect(getEffectiveAuthOption(spec, "")).toEqual({ key: "", type: "client-credentials", title: "API credentials", methods: { makeApiClient: { ...client("x"), pointer: "/makeApiClient" } }, pointer: "" });
    });
  });

  describe("a spec with options", () => {
    const spec = parseConnectorSpec({
      name: "Acme",
      type: "oauth2",
      description: "Connect your Acme account.",
      helpUri: "https://docs.acme.test",
      inputSchema: { type: "object", properties: { region: { type: "string" } }, required: ["region"] },
      parametersSchema: { type: "object", properties: { clientId: { type: "string" } } },
      credentialsSchema: { type: "object", properties: { access_token: { type: "string" } } },
      makeApiClient: client("https://api.acme.test"),
      test: { type: "rest-api-mapping", mapping: { path: "/me" } },
      getOAuthConfig: { type: "mapping", mapping: { authorizeUri: "https://acme.test/authorize" } },
      getTokenData: { type: "javascript", code: "export default () => ({})" },
      options: {
        sandbox: {
          title: "Sandbox",
          description: "Use a sandbox company.",
          inputSchema: { properties: { sandboxId: { type: "string" } }, required: ["sandboxId"] },
          makeApiClient: client("https://sandbox.acme.test"),
        },
        production: {},
        apiKey: { type: "client-credentials", title: "API key", inputSchema: { properties: { apiKey: { type: "string" } } } },
      },
    });

    it("lists every option in spec order, titled by title or type", async () => {
      const options = await getAuthOptions(spec);
      expect(options.map(({ key, type, title }) => ({ key, type, title }))).toEqual([
        { key: "sandbox", type: "oauth2", title: "Sandbox" },
        { key: "production", type: "oauth2", title: "OAuth 2.0" },
        { key: "apiKey", type: "client-credentials", title: "API key" },
      ]);
      expect(getAuthOptionKeys(spec)).toEqual(["sandbox", "production", "apiKey"]);
    });

    it("merges input, parameters and credentials schemas: properties merged, required unioned", () => {
      const sandbox = getEffectiveAuthOption(spec, "sandbox");
      expect(sandbox.inputSchema).toEqual({ type: "object", properties: { region: { type: "string" }, sandboxId: { type: "string" } }, required: ["region", "sandboxId"] });
      expect(sandbox.parametersSchema).toEqual({ type: "object", properties: { clientId: { type: "string" } } });
      expect(sandbox.credentialsSchema).toEqual({ type: "object", properties: { access_token: { type: "string" } } });
    });

    it("lets option fields win and falls back to the parent's description and help link", () => {
      expect(getEffectiveAuthOption(spec, "sandbox")).toMatchObject({ key: "sandbox", pointer: "/options/sandbox", description: "Use a sandbox company.", helpUri: "https://docs.acme.test" });
      expect(getEffectiveAuthOption(spec, "production")).toMatchObject({ description: "Connect your Acme account.", helpUri: "https://docs.acme.test" });
    });

    it("uses the option's own methods and inherits the rest of the same auth type from the parent", () => {
      const sandbox = getEffectiveAuthOption(spec, "sandbox");
      expect(sandbox.methods.makeApiClient?.mapping).toEqual({ baseUri: "https://sandbox.acme.test" });
      expect(sandbox.methods.test?.pointer).toBe("/test");
      expect(sandbox.methods.getOAuthConfig?.pointer).toBe("/getOAuthConfig");
      expect(sandbox.methods.getTokenData?.pointer).toBe("/getTokenData");
    });

    it("gives an option of another type only makeApiClient, test and disconnect from the parent", () => {
      const apiKey = getEffectiveAuthOption(spec, "apiKey");
      expect(Object.keys(apiKey.methods).sort()).toEqual(["makeApiClient", "test"]);
      expect(apiKey.inputSchema?.properties).toEqual({ region: { type: "string" }, apiKey: { type: "string" } });
    });

    it("still offers the typed parent itself under key \"\" for running it directly", () => {
      expect(getEffectiveAuthOption(spec, "")).toMatchObject({ key: "", type: "oauth2", title: "Acme" });
      expect(getEffectiveAuthOption(spec, "")).not.toHaveProperty("options");
    });
  });

  describe("enabled", () => {
    const spec = parseConnectorSpec({
      type: "oauth2",
      makeApiClient: client("x"),
      getOAuthConfig: client("x"),
      options: {
        builtIn: { title: "Our app", enabled: { $eval: { $var: "connectorParameters.clientId" }, isEmpty: true } },
        ownApp: { title: "Your app", enabled: { $var: "connectorParameters.clientId" } },
        always: { title: "Always", enabled: true },
        never: { title: "Never", enabled: false },
      },
    });

    it("offers only options whose enabled formula evaluates truthy with the connector parameters", async () => {
      expect((await getAuthOptions(spec)).map(({ key }) => key)).toEqual(["builtIn", "always"]);
      expect((await getAuthOptions(spec, { connectorParameters: { clientId: "abc" } })).map(({ key }) => key)).toEqual(["ownApp", "always"]);
    });

    it("keeps the enabled formula on the effective option", () => {
      expect(getEffectiveAuthOption(spec, "ownApp").enabled).toEqual({ $var: "connectorParameters.clientId" });
    });
  });

  describe("a type-less parent with options", () => {
    const spec = parseConnectorSpec(
      `name: Acme
auth:
  ui:
    schema: {type: object, properties: {region: {type: string}}}
  makeApiClient:
    implementationType: mapping
    mapping: {baseUri: https://api.acme.test}
  options:
    oauth:
      type: oauth2
      title: Sign in with Acme
      getOAuthConfig: {implementationType: mapping, mapping: {authorizeUri: https://acme.test/authorize}}
    apiKey:
      type: client-credentials
      ui:
        schema: {type: object, properties: {apiKey: {type: string}}}
`,
    );

    it("offers only the options, each inheriting makeApiClient and the input schema", async () => {
      const options = await getAuthOptions(spec);
      expect(options).toEqual([
        { key: "oauth", type: "oauth2", title: "Sign in with Acme", inputSchema: { type: "object", properties: { region: { type: "string" } } } },
        { key: "apiKey", type: "client-credentials", title: "API credentials", inputSchema: { type: "object", properties: { region: { type: "string" }, apiKey: { type: "string" } } } },
      ]);
      expect(getEffectiveAuthOption(spec, "apiKey").methods.makeApiClient?.pointer).toBe("/auth/makeApiClient");
    });

    it("has no option under key \"\"", () => {
      expect(getAuthOptionKeys(spec)).toEqual(["oauth", "apiKey"]);
      expect(() => getEffectiveAuthOption(spec, "")).toThrow(PlugboardError);
    });
  });

  it("throws invalid_argument for an unknown option key, naming the known ones", () => {
    const spec = parseConnectorSpec({ type: "client-credentials", makeApiClient: client("x"), options: { a: {}, b: {} } });
    let caught: unknown;
    try {
      getEffectiveAuthOption(spec, "c");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlugboardError);
    expect(caught).toMatchObject({ key: "invalid_argument", message: 'Unknown auth option "c": this connector has the options "a", "b".', data: { key: "c", known: ["a", "b"] } });
  });
});
