import { http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { EXAMPLE_APP_NAME, EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import { createMockOAuth2Provider } from "../mock-providers/oauth2-provider.ts";

export const PIPELINE_API_KEY = "pl_0123456789abcdef01234567";
export const PIPELINE_CLIENT = { clientId: "pipeline-demo-app", clientSecret: "pipeline-demo-secret" };
/** The account's own API host, returned in the token response. */
export const PIPELINE_COMPANY_DOMAIN = "https://acme.pipeline-crm.example";

export const pipelineProvider = createMockOAuth2Provider({
  name: "Pipeline CRM",
  origin: "https://oauth.pipeline-crm.example",
  clients: [{ ...PIPELINE_CLIENT, name: EXAMPLE_APP_NAME, redirectUris: [...EXAMPLE_REDIRECT_URIS] }],
  scopes: { "deals:read": "See your deals", "contacts:read": "See your contacts", "users:read": "See your user profile" },
  extraTokenResponse: { api_domain: PIPELINE_COMPANY_DOMAIN },
  user: { id: "pl_user_7", name: "Grace Hopper" },
});

type Caller = { kind: "api-key" | "oauth"; host: string };

function authorize(request: Request): Caller | Response {
  const host = new URL(request.url).origin;
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  // API tokens work on the shared host; OAuth tokens only on the account's own host.
  if (token === PIPELINE_API_KEY && host === "https://api.pipeline-crm.example") return { kind: "api-key", host };
  if (pipelineProvider.isValidAccessToken(token) && host === PIPELINE_COMPANY_DOMAIN) return { kind: "oauth", host };
  return HttpResponse.json({ success: false, error: "unauthorized", error_info: "Please check your API token or access token." }, { status: 401 });
}

function api(origin: string): RequestHandler[] {
  return [
    http.get(`${origin}/v1/users/me`, ({ request }) => {
      const caller = authorize(request);
      if (caller instanceof Response) return caller;
      return HttpResponse.json({ success: true, data: { id: 7, name: "Grace Hopper", company_domain: "acme", authorized_by: caller.kind } });
    }),
    http.get(`${origin}/v1/deals`, ({ request }) => {
      const caller = authorize(request);
      if (caller instanceof Response) return caller;
      return HttpResponse.json({ success: true, data: [{ id: 1, title: "Acme renewal", value: 12000, currency: "EUR" }], authorized_by: caller.kind });
    }),
  ];
}

export const pipelineCrmHandlers: RequestHandler[] = [...pipelineProvider.handlers, ...api("https://api.pipeline-crm.example"), ...api(PIPELINE_COMPANY_DOMAIN)];
