import { http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { EXAMPLE_APP_NAME, EXAMPLE_REDIRECT_URIS } from "../example-app.ts";
import { createMockOAuth2Provider } from "../mock-providers/oauth2-provider.ts";

export const NORTHWIND_CLIENT = { clientId: "ABnorthwindDemoApp0001", clientSecret: "nw_secret_+/=&%20 demo" };
/** The company the mock provider's approve redirect names in `realmId`. */
export const NORTHWIND_REALM_ID = "9341453050298301";

/** The Northwind Books authorization server (one instance: tests call `reset()` between cases). */
export const northwindProvider = createMockOAuth2Provider({
  name: "Northwind Books",
  origin: "https://auth.northwind.example",
  clients: [{ ...NORTHWIND_CLIENT, name: EXAMPLE_APP_NAME, redirectUris: [...EXAMPLE_REDIRECT_URIS] }],
  scopes: {
    "com.northwind.accounting": "Read and write your company's accounting data",
    "com.northwind.payments": "Take payments on your behalf",
    openid: "Know who you are",
    profile: "See your name",
    email: "See your email address",
  },
  user: { id: "nw_user_1", name: "Ada Lovelace (ada@northwind.example)" },
  extraCallbackParams: { realmId: NORTHWIND_REALM_ID },
});

const HOSTS = { production: "https://api.northwind.example", sandbox: "https://sandbox-api.northwind.example" } as const;
type Environment = keyof typeof HOSTS;

const COMPANIES: Record<Environment, { CompanyName: string; Country: string }> = {
  production: { CompanyName: "Northwind Traders", Country: "US" },
  sandbox: { CompanyName: "Sandbox Company_US_1", Country: "US" },
};

const INVOICES: Record<Environment, { Id: string; DocNumber: string; TotalAmt: number; CustomerRef: { name: string } }[]> = {
  production: [
    { Id: "130", DocNumber: "1037", TotalAmt: 362.07, CustomerRef: { name: "Sonnenschein Family Store" } },
    { Id: "129", DocNumber: "1036", TotalAmt: 477.5, CustomerRef: { name: "Freeman Sporting Goods" } },
  ],
  sandbox: [{ Id: "1", DocNumber: "SB-0001", TotalAmt: 100, CustomerRef: { name: "Amy's Bird Sanctuary" } }],
};

/** 401 unless the bearer token is one the provider issued and still honours; 403 for another company. */
export function northwindAuthError(request: Request, realmId: string | undefined): Response | undefined {
  if (!northwindProvider.authenticate(request)) {
    return HttpResponse.json(
      { fault: { type: "AUTHENTICATION", error: [{ code: "3200", message: "message=AuthenticationFailed; errorCode=003200; statusCode=401" }] } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="Northwind Books", error="invalid_token"' } },
    );
  }
  if (realmId !== NORTHWIND_REALM_ID) {
    return HttpResponse.json(
      { fault: { type: "AUTHORIZATION", error: [{ code: "403", message: `This app is not connected to company ${realmId ?? "(none)"}.` }] } },
      { status: 403 },
    );
  }
  return undefined;
}

function accountingApi(environment: Environment): RequestHandler[] {
  const base = `${HOSTS[environment]}/v3/company/:realmId`;
  return [
    http.get(`${base}/companyinfo`, ({ request, params }) => {
      const denied = northwindAuthError(request, String(params.realmId));
      if (denied) return denied;
      return HttpResponse.json({ CompanyInfo: { Id: params.realmId, ...COMPANIES[environment] }, environment });
    }),
    http.get(`${base}/invoices`, ({ request, params }) => {
      const denied = northwindAuthError(request, String(params.realmId));
      if (denied) return denied;
      return HttpResponse.json({ QueryResponse: { Invoice: INVOICES[environment], totalCount: INVOICES[environment].length }, environment });
    }),
  ];
}

export const northwindApiHandlers: RequestHandler[] = [...accountingApi("production"), ...accountingApi("sandbox")];

export const northwindBooksHandlers: RequestHandler[] = [...northwindProvider.handlers, ...northwindApiHandlers];

/** The reports API (a different product on the same hosts), used by the northwind-proxy example. */
function reportsApi(environment: Environment): RequestHandler[] {
  const base = `${HOSTS[environment]}/reports/v1`;
  return [
    http.get(`${base}/profit-and-loss`, ({ request }) => {
      const denied = northwindAuthError(request, request.headers.get("x-northwind-realm") ?? undefined);
      if (denied) return denied;
      const url = new URL(request.url);
      return HttpResponse.json({
        report: "ProfitAndLoss",
        environment,
        realmId: NORTHWIND_REALM_ID,
        period: url.searchParams.get("period") ?? "this-month",
        rows: environment === "sandbox" ? [{ account: "Income", amount: 100 }] : [
          { account: "Income", amount: 48213.15 },
          { account: "Cost of goods sold", amount: -19830.4 },
        ],
      });
    }),
  ];
}

export const northwindReportsHandlers: RequestHandler[] = [...reportsApi("production"), ...reportsApi("sandbox")];
