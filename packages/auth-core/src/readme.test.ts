/** The README's examples, run: if the README drifts from the code, this fails. */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthEngine, parseConnectorSpec, validateConnectorSpec } from "./index.ts";

const server = setupServer(
  http.get("https://api.acme-crm.example/v2/me", ({ request }) =>
    request.headers.get("x-api-key") === "acme_live12345678" ? HttpResponse.json({ id: "u1" }) : HttpResponse.json({}, { status: 401 }),
  ),
  http.get("https://api.acme-crm.example/v2/contacts", ({ request }) => HttpResponse.json({ limit: new URL(request.url).searchParams.get("limit") })),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

/** Copied from the README's worked example. */
const README_SPEC = `
key: acme-crm
type: client-credentials
inputSchema:
  type: object
  properties:
    apiKey: { type: string, title: API key, format: password }
  required: [apiKey]
makeApiClient:
  type: mapping
  mapping:
    baseUri: https://api.acme-crm.example/v2
    headers:
      X-API-Key: { $var: credentials.apiKey }
test:
  type: rest-api-mapping
  mapping: { path: /me, method: GET, responseMapping: { $var: response.data.id } }
`;

describe("README examples", () => {
  it("runs the worked example: options, connect, API call", async () => {
    const engine = createAuthEngine(parseConnectorSpec(README_SPEC));
    const [option] = await engine.getAuthOptions();
    expect(option).toMatchObject({ key: "", type: "client-credentials", title: "API credentials" });
    const connection = await engine.connect({ input: { apiKey: "acme_live12345678" } });
    expect(await engine.createApiClient(connection).get("/contacts", { limit: 2 })).toEqual({ limit: "2" });
  });

  it("reports an unknown auth type with path, code, line and column", () => {
    const { issues } = validateConnectorSpec("type: oauth3\nmakeApiClient: {type: mapping, mapping: {}}");
    expect(issues).toEqual([
      {
        path: "/type",
        code: "unknown_auth_type",
        line: 1,
        column: 1,
        message: 'unknown auth type "oauth3"; expected one of: client-credentials, oauth2, oauth1, proxy, integration-app-token, membrane-token',
      },
    ]);
  });
});
