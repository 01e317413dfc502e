import { http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { verifyPlatformToken } from "../mock-providers/platform-token.ts";
import type { PlatformTokenClaims } from "../mock-providers/platform-token.ts";

/** The workspace the mock internal APIs trust (the engine's `platformToken` option). */
export const INTERNAL_API_WORKSPACE = {
  workspaceKey: "ws_plugboard_demo",
  workspaceSecret: "test-workspace-secret-0f9e8d7c6b5a",
  customerId: "customer-42",
  customerName: "Acme Corp",
  customerFields: { plan: "enterprise", region: "eu-west-1", seats: 25 },
};

export interface PlatformTokenApiStats {
  /** Requests whose token verified. */
  verified: number;
  /** Requests refused (missing, badly signed, expired… token). */
  rejected: number;
  /** Why the last refused request was refused. */
  lastError?: string;
}

export interface PlatformTokenApiMock {
  handlers: RequestHandler[];
  readonly stats: PlatformTokenApiStats;
  reset(): void;
}

/**
 * A backend that trusts platform tokens: `GET {baseUri}/me` answers with the verified claims,
 * `GET {baseUri}/projects` with data for the customer. `headers` lists the token headers it reads,
 * all of which must be present and carry the same valid token.
 */
export function createPlatformTokenApi(options: { baseUri: string; headers: string[]; workspace?: { workspaceKey: string; workspaceSecret: string } }): PlatformTokenApiMock {
  const workspace = options.workspace ?? INTERNAL_API_WORKSPACE;
  const stats: PlatformTokenApiStats = { verified: 0, rejected: 0 };

  /** The verified claims, or the 401 to answer with. */
  async function authenticate(request: Request): Promise<PlatformTokenClaims | Response> {
    const tokens = options.headers.map((header) => request.headers.get(header));
    const [token] = tokens;
    const result = tokens.some((other) => other !== token)
      ? ({ ok: false, error: "token_headers_differ" } as const)
      : await verifyPlatformToken(token, { secret: workspace.workspaceSecret, issuer: workspace.workspaceKey });
    if (result.ok) {
      stats.verified += 1;
      return result.claims;
    }
    stats.rejected += 1;
    stats.lastError = result.error;
    return HttpResponse.json({ error: result.error, message: `Invalid ${options.headers.join(" / ")}: ${result.error}.` }, { status: 401 });
  }

  return {
    handlers: [
      http.get(`${options.baseUri}/me`, async ({ request }) => {
        const claims = await authenticate(request);
        if (claims instanceof Response) return claims;
        return HttpResponse.json({ workspace: claims.iss, customerId: claims.sub, customerName: claims.name ?? null, fields: claims.fields ?? {} });
      }),
      http.get(`${options.baseUri}/projects`, async ({ request }) => {
        const claims = await authenticate(request);
        if (claims instanceof Response) return claims;
        return HttpResponse.json({ customerId: claims.sub, projects: [{ id: "prj_1", name: "Onboarding", region: claims.fields?.region ?? null }] });
      }),
    ],
    stats,
    reset() {
      stats.verified = 0;
      stats.rejected = 0;
      delete stats.lastError;
    },
  };
}

export const internalApiMock = createPlatformTokenApi({ baseUri: "https://internal-api.example/v1", headers: ["x-integration-app-token"] });
