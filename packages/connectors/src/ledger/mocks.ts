import { http, HttpResponse } from "msw";

export const LEDGER_ACCOUNT = { email: "cfo@ledger.example", password: "correct horse battery staple" };

export interface LedgerMock {
  handlers: ReturnType<typeof http.get>[];
  /** Number of successful logins (initial connect + refreshes). */
  readonly loginCount: number;
  /** Makes every issued token expire, as if time had passed. */
  expireTokens(): void;
  reset(): void;
}

/** A stateful mock: issued session tokens, expiry, and a login counter for single-flight tests. */
export function createLedgerMock(): LedgerMock {
  let loginCount = 0;
  let validTokens = new Set<string>();

  const bearer = (request: Request) => (request.headers.get("authorization") ?? "").replace(/^Bearer /, "");
  const expired = () => HttpResponse.json({ error: "session_expired" }, { status: 401 });

  return {
    handlers: [
      http.post("https://api.ledger.example/v1/sessions", async ({ request }) => {
        const body = (await request.json().catch(() => ({}))) as { email?: string; password?: string };
        if (body.email !== LEDGER_ACCOUNT.email || body.password !== LEDGER_ACCOUNT.password) {
          return HttpResponse.json({ error: "invalid_login", message: "Email or password is incorrect." }, { status: 401 });
        }
        loginCount += 1;
        const token = `sess_${loginCount}_${Math.random().toString(36).slice(2, 10)}`;
        validTokens.add(token);
        return HttpResponse.json({ token, expiresIn: 3600 });
      }),
      http.get("https://api.ledger.example/v1/me", ({ request }) => {
        if (!validTokens.has(bearer(request))) return expired();
        return HttpResponse.json({ id: "u_1", email: LEDGER_ACCOUNT.email });
      }),
      http.get("https://api.ledger.example/v1/invoices", ({ request }) => {
        if (!validTokens.has(bearer(request))) return expired();
        return HttpResponse.json({ invoices: [{ id: "inv_1", total: 1200, currency: "EUR" }] });
      }),
    ],
    get loginCount() {
      return loginCount;
    },
    expireTokens() {
      validTokens = new Set();
    },
    reset() {
      loginCount = 0;
      validTokens = new Set();
    },
  };
}
