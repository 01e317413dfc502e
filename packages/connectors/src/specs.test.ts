/** Every example connector: a valid spec, mocks for every host it calls, gallery metadata. */
import { validateConnectorSpec } from "@plugboard/auth-core";
import { describe, expect, it } from "vitest";
import { allMockHandlers, exampleConnectors } from "./index.ts";

describe.each(exampleConnectors.map((connector) => [connector.key, connector] as const))("%s", (_key, connector) => {
  it("has a spec that validates with zero issues", () => {
    const { spec, issues } = validateConnectorSpec(connector.spec, { files: connector.files, sourceName: `${connector.key}/spec.yml` });
    expect(issues).toEqual([]);
    expect(spec?.key).toBe(connector.key);
  });

  it("declares the auth types its spec uses", () => {
    const { spec } = validateConnectorSpec(connector.spec, { files: connector.files });
    const types = new Set([spec!.auth.type, ...Object.values(spec!.auth.options ?? {}).map((option) => option.type ?? spec!.auth.type)].filter(Boolean));
    expect([...types].sort()).toEqual([...connector.authTypes].sort());
  });

  it("ships its mock handlers in allMockHandlers", () => {
    for (const handler of connector.handlers) expect(allMockHandlers).toContain(handler);
  });
});

describe("the gallery", () => {
  it("has unique keys, in gallery order: client credentials, oauth2, oauth1, proxy, platform tokens, several options", () => {
    expect(exampleConnectors.map((connector) => connector.key)).toEqual([
      "acme-crm",
      "weatherly",
      "helpdesk",
      "ledger",
      "northwind-books",
      "photo-share",
      "northwind-proxy",
      "internal-api",
      "internal-api-membrane",
      "pipeline-crm",
    ]);
  });

  it("covers every auth type and both spec shapes", () => {
    const types = new Set(exampleConnectors.flatMap((connector) => connector.authTypes));
    expect([...types].sort()).toEqual(["client-credentials", "integration-app-token", "membrane-token", "oauth1", "oauth2", "proxy"]);
    const shapes = new Set(exampleConnectors.map((connector) => validateConnectorSpec(connector.spec, { files: connector.files }).spec!.shape));
    expect(shapes.size).toBe(2);
  });

  it("has no duplicate handlers", () => {
    expect(new Set(allMockHandlers).size).toBe(allMockHandlers.length);
  });
});
