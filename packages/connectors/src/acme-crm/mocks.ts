import { http, HttpResponse } from "msw";

/** Keys the mock Acme CRM accepts; `acme_revoked123` answers like a revoked key. */
export const ACME_VALID_KEYS = ["acme_live12345678", "acme_test87654321"];
export const ACME_REVOKED_KEY = "acme_revoked123";

const API = "https://:region.api.acme-crm.example/v2";

function authorize(request: Request): HttpResponse<never> | undefined {
  const key = request.headers.get("x-api-key");
  if (key === ACME_REVOKED_KEY) {
    return HttpResponse.json({ error: { code: "key_revoked", message: "This key was revoked on 2026-11-01." } }, { status: 403 }) as never;
  }
  if (!key || !ACME_VALID_KEYS.includes(key)) {
    return HttpResponse.json({ error: { code: "unauthorized", message: "Invalid API key." } }, { status: 401 }) as never;
  }
  return undefined;
}

export const acmeCrmHandlers = [
  http.get(`${API}/me`, ({ request, params }) => {
    const denied = authorize(request);
    if (denied) return denied;
    return HttpResponse.json({ id: "usr_1", name: "Ada Lovelace", email: "ada@acme-crm.example", region: params.region });
  }),
  http.get(`${API}/contacts`, ({ request }) => {
    const denied = authorize(request);
    if (denied) return denied;
    const limit = Number(new URL(request.url).searchParams.get("limit") ?? "2");
    const contacts = [
      { id: "c_1", name: "Grace Hopper" },
      { id: "c_2", name: "Alan Turing" },
      { id: "c_3", name: "Katherine Johnson" },
    ];
    return HttpResponse.json({ data: contacts.slice(0, limit) });
  }),
];
