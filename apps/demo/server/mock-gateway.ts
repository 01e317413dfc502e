/**
 * Serves the mock providers on the demo's own origin under /mock/<host>/…, so a popup can show
 * a provider's consent page and every flow (popup, browser fetches, server fetches) meets ONE
 * instance of each mock. Absolute mock URLs in pages and redirects are rewritten to that path.
 */
import { getResponse } from "msw";
import type { RequestHandler } from "msw";

/** Mock providers live on `*.example` hosts (reserved by RFC 2606: never real). */
const MOCK_URL = /https:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*\.example)(?=[/?#"'\s<]|$)/gi;

/** Rewrites every mock-host URL in a text (a URL, a page) to the gateway path on `origin`. */
export function toGatewayUrl(text: string, origin: string): string {
  return text.replace(MOCK_URL, (_match, host: string) => `${origin}/mock/${host}`);
}

export function createMockGateway(handlers: RequestHandler[]) {
  return async function handleMock(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    const match = /^\/mock\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return undefined;
    const target = `https://${match[1]}${match[2] ?? "/"}${url.search}`;
    const forwarded = new Request(target, {
      method: request.method,
      headers: request.headers,
      ...(request.method === "GET" || request.method === "HEAD" ? {} : { body: await request.arrayBuffer() }),
    });
    const response = await getResponse(handlers, forwarded);
    if (!response) return new Response(`No mock answers ${request.method} ${target}`, { status: 404 });
    const headers = new Headers(response.headers);
    const location = headers.get("location");
    if (location) headers.set("location", toGatewayUrl(location, url.origin));
    if (/text\/html/.test(headers.get("content-type") ?? "")) {
      const html = toGatewayUrl(await response.text(), url.origin);
      headers.delete("content-length");
      return new Response(html, { status: response.status, headers });
    }
    return new Response(response.body, { status: response.status, headers });
  };
}
