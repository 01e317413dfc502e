/** The `spec` prop's runtime: the engine built in the lazy chunk from text, an object or a parsed spec; a broken spec as `invalid_spec`. */
import { describe, expect, it } from "vitest";
import { parseConnectorSpec, SpecError } from "@plugboard/auth-core";
import { resolveRuntime } from "./resolve-runtime.ts";

const OBJECT_SPEC = {
  key: "acme-crm",
  name: "Acme CRM",
  type: "client-credentials",
  inputSchema: { type: "object", properties: { apiKey: { type: "string", title: "API key" } }, required: ["apiKey"] },
  makeApiClient: { type: "mapping", mapping: { baseUri: "https://api.acme.test" } },
};

const TEXT_SPEC = `key: acme-crm
name: Acme CRM
type: client-credentials
inputSchema:
  type: object
  properties:
    apiKey: {type: string, title: API key}
  required: [apiKey]
makeApiClient:
  type: mapping
  mapping: {baseUri: https://api.acme.test}
`;

const OPTION = { key: "", type: "client-credentials", title: "Acme CRM" };

describe("resolveRuntime with spec", () => {
  it.each([
    ["an object", OBJECT_SPEC],
    ["YAML text", TEXT_SPEC],
    ["a parsed ConnectorSpec", parseConnectorSpec(OBJECT_SPEC)],
  ])("builds the engine from %s", async (_kind, spec) => {
    const resolved = resolveRuntime({ spec });
    expect(await resolved.runtime.getAuthOptions()).toMatchObject([OPTION]);
    expect((await resolved.engine)?.spec).toMatchObject({ name: "Acme CRM", auth: { type: "client-credentials" } });
  });

  it("reads method files given with the spec", async () => {
    const spec = { auth: { type: "client-credentials", makeApiClient: { implementationType: "mapping", filePath: "auth/client.yml" } } };
    const resolved = resolveRuntime({ spec, files: { "auth/client.yml": "baseUri: https://api.acme.test\n" } });
    expect((await resolved.engine)?.spec.auth.methods.makeApiClient).toMatchObject({ type: "mapping", mapping: { baseUri: "https://api.acme.test" } });
  });

  it.each([
    ["text", "type: oauth3\nmakeApiClient: {type: mapping, mapping: {}}", { path: "/type", code: "unknown_auth_type", line: 1, column: 1 }],
    ["an object", { type: "oauth3", makeApiClient: { type: "mapping", mapping: {} } }, { path: "/type", code: "unknown_auth_type" }],
  ])("fails with invalid_spec and the issues for broken %s", async (_kind, spec, issue) => {
    const resolved = resolveRuntime({ spec });
    const error = await resolved.runtime.getAuthOptions().then(
      () => expect.unreachable("getAuthOptions resolved"),
      (reason: unknown) => reason as SpecError,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect(error).toMatchObject({ key: "invalid_spec", issues: [issue] });
    await expect(resolved.engine).rejects.toBe(error);
    await expect(resolved.runtime.connect({ input: {} })).rejects.toBe(error);
  });
});
