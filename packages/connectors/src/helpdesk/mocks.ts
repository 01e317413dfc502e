import { http, HttpResponse } from "msw";

export const HELPDESK_ACCOUNT = { subdomain: "acme", email: "agent@acme.example", apiToken: "hd_token_42" };

function isAuthorized(request: Request, subdomain: string): boolean {
  const header = request.headers.get("authorization") ?? "";
  if (!header.startsWith("Basic ")) return false;
  const decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)));
  return subdomain === HELPDESK_ACCOUNT.subdomain && decoded === `${HELPDESK_ACCOUNT.email}/token:${HELPDESK_ACCOUNT.apiToken}`;
}

export const helpdeskHandlers = [
  http.get("https://:subdomain.helpdesk.example/api/v2/users/me.json", ({ request, params }) => {
    if (!isAuthorized(request, String(params.subdomain))) {
      return HttpResponse.json({ user: { id: null, name: "Anonymous user", role: "end-user" } });
    }
    return HttpResponse.json({ user: { id: 9001, name: "Agent Smith", email: HELPDESK_ACCOUNT.email, role: "agent" } });
  }),
  http.get("https://:subdomain.helpdesk.example/api/v2/tickets.json", ({ request, params }) => {
    if (!isAuthorized(request, String(params.subdomain))) {
      return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
    }
    return HttpResponse.json({ tickets: [{ id: 1, subject: "Printer on fire", status: "open" }] });
  }),
];
