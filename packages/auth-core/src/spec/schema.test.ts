import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateJsonSchema } from "../schema/index.ts";
import { AUTH_TYPES, IMPLEMENTATION_TYPES, METHOD_NAMES } from "../types.ts";
import { connectorSpecJsonSchema } from "./index.ts";
import { METHOD_ALIASES } from "./rules.ts";

const definitions = connectorSpecJsonSchema.definitions as Record<string, { enum?: unknown[]; properties?: Record<string, unknown> }>;

describe("connectorSpecJsonSchema", () => {
  it("is the schema published as @plugboard/auth-core/spec-schema.json", () => {
    const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { exports: Record<string, string> };
    const file = JSON.parse(readFileSync(new URL(`../../${packageJson.exports["./spec-schema.json"]}`, import.meta.url), "utf8")) as unknown;
    expect(file).toEqual(connectorSpecJsonSchema);
  });

  it("lists exactly the auth types, implementation types and methods the engine knows", () => {
    expect(definitions.authType?.enum).toEqual([...AUTH_TYPES]);
    expect(definitions.implementationType?.enum).toEqual([...IMPLEMENTATION_TYPES]);
    const slots = Object.entries(definitions.handler?.properties ?? {})
      .filter(([, property]) => (property as { $ref?: string }).$ref === "#/definitions/functionSlot")
      .map(([name]) => name);
    expect(slots.sort()).toEqual([...METHOD_NAMES, ...Object.keys(METHOD_ALIASES)].sort());
  });

  it("accepts both shapes", () => {
    const older = { parametersSchema: { type: "object" }, ui: { schema: { type: "object" } }, auth: { type: "oauth2", getOAuthConfig: { implementationType: "mapping", filePath: "auth/oauth-config.yml" }, options: { a: { type: "oauth2", enabled: true } } } };
    const newer = { type: "client-credentials", inputSchema: { type: "object" }, makeApiClient: { type: "mapping", mapping: { baseUri: "https://x.test" } }, test: { type: "javascript", code: "export default () => true" } };
    expect(validateJsonSchema(connectorSpecJsonSchema, older)).toEqual([]);
    expect(validateJsonSchema(connectorSpecJsonSchema, newer)).toEqual([]);
  });

  it("rejects bad structure in the auth block and in options", () => {
    const issues = validateJsonSchema(connectorSpecJsonSchema, { auth: { type: "oauth9", makeApiClient: "auth/x.yml", options: { a: { ui: { helpUri: 5 } } } } });
    expect(issues.map(({ path, code }) => [path, code]).sort()).toEqual([
      ["/auth/makeApiClient", "type"],
      ["/auth/options/a/ui/helpUri", "type"],
      ["/auth/type", "enum"],
    ]);
  });
});
