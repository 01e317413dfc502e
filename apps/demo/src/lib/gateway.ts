/**
 * The demo serves every mock provider on its own origin under /mock/<host>/ (see
 * server/mock-gateway.ts), so each flow meets one instance of each mock:
 * - browser fetches to mock hosts are forwarded there by the MSW service worker;
 * - the OAuth popup (and the same-window redirect) is sent there instead of the fake host.
 */
import { browserPorts } from "@plugboard/auth-core/browser";
import type { BrowserPorts, WindowLike } from "@plugboard/auth-core/browser";
import { bypass, http } from "msw";
import { setupWorker } from "msw/browser";

const MOCK_URL = /https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.example)(?=[/?#]|$)/i;

export function toGatewayUrl(url: string): string {
  return url.replace(MOCK_URL, (_match, host: string) => `${window.location.origin}/mock/${host}`);
}

/** Starts the service worker that forwards browser requests for mock hosts to the gateway. */
export async function startMockWorker(): Promise<void> {
  const worker = setupWorker(
    http.all(MOCK_URL, async ({ request }) => {
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
      return fetch(bypass(new Request(toGatewayUrl(request.url), { method: request.method, headers: request.headers, body })));
    }),
  );
  await worker.start({ onUnhandledRequest: "bypass", quiet: true, serviceWorker: { url: "/mockServiceWorker.js" } });
}

/** Browser ports whose popup navigates to the gateway path of a mock provider. */
export function gatewayPorts(): BrowserPorts {
  const base = browserPorts();
  return {
    ...base,
    open(url, target, features) {
      const popup = base.open(url, target, features);
      if (!popup) return popup;
      const wrapped: WindowLike = {
        get closed() {
          return popup.closed;
        },
        close: () => popup.close(),
        focus: () => popup.focus?.(),
        location: {
          get href() {
            return popup.location.href;
          },
          set href(value: string) {
            popup.location.href = toGatewayUrl(value);
          },
          replace: (value: string) => (popup.location.replace ? popup.location.replace(toGatewayUrl(value)) : (popup.location.href = toGatewayUrl(value))),
        },
      };
      return wrapped;
    },
  };
}
