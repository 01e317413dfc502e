/**
 * The demo's server side, mounted into Vite's dev and preview servers:
 * - /plugboard/*  the auth-core server runtime (secrets and credentials stay here);
 * - /mock/<host>/* the mock providers (consent pages, token endpoints, APIs) on this origin.
 * Fetches the server runtime makes to mock hosts are answered by the same mocks (msw/node).
 */
import { createAuthHandler, toNodeListener } from "@plugboard/auth-core/server";
import type { AuthHandler, NodeIncomingMessage, NodeServerResponse, ServerConnector } from "@plugboard/auth-core/server";
import { allMockHandlers, exampleConnectors, exampleEngineOptions, parseExampleSpec } from "@plugboard/connectors";
import { setupServer } from "msw/node";
import { createMockGateway } from "./mock-gateway.ts";

type Next = (error?: unknown) => void;

let mswStarted = false;

function startServerSideMocks(): void {
  if (mswStarted) return;
  mswStarted = true;
  setupServer(...allMockHandlers).listen({ onUnhandledRequest: "bypass" });
}

function serverConnectors(): Record<string, ServerConnector> {
  const connectors: Record<string, ServerConnector> = {};
  for (const connector of exampleConnectors) {
    const options = exampleEngineOptions(connector);
    connectors[connector.key] = {
      spec: parseExampleSpec(connector),
      connectorParameters: options.connectorParameters ?? {},
      ...(options.platformToken ? { platformToken: options.platformToken } : {}),
    };
  }
  return connectors;
}

/**
 * The strict policy the built demo is served with: no 'unsafe-eval', no inline scripts.
 * 'wasm-unsafe-eval' lets the QuickJS sandbox compile its WebAssembly (it evaluates no JS text).
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The app talks to its APIs directly (local runtime): list their hosts, as a real app would.
  "connect-src 'self' https://*.example",
  "worker-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** Connect-style middleware for Vite's `server.middlewares` / `preview.middlewares`. */
export function createDemoMiddleware(options: { secret?: string; csp?: boolean } = {}) {
  startServerSideMocks();
  const connectors = serverConnectors();
  const secret = options.secret ?? process.env.PLUGBOARD_DEMO_SECRET ?? crypto.randomUUID() + crypto.randomUUID();
  const gateway = createMockGateway(allMockHandlers);
  const gatewayListener = toNodeListener(async (request) => (await gateway(request)) ?? new Response("Not found", { status: 404 }));
  // One handler per origin the demo is reached on (localhost vs 127.0.0.1, whatever port Vite picked).
  const handlers = new Map<string, (req: NodeIncomingMessage, res: NodeServerResponse) => void>();

  function handlerFor(origin: string) {
    let listener = handlers.get(origin);
    if (!listener) {
      const handler: AuthHandler = createAuthHandler({ connectors, secret, baseUrl: `${origin}/plugboard`, allowedOrigins: [origin] });
      listener = toNodeListener(handler, { origin });
      handlers.set(origin, listener);
    }
    return listener;
  }

  return (req: NodeIncomingMessage, res: NodeServerResponse, next: Next) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const host = String(req.headers.host ?? "127.0.0.1");
    const origin = `http://${host}`;
    if (path.startsWith("/plugboard/")) return handlerFor(origin)(req, res);
    if (path.startsWith("/mock/")) return gatewayListener(req, res);
    // The demo's own pages get the strict policy (the mock providers' pages stand for third parties).
    if (options.csp) res.setHeader("content-security-policy", DEMO_CSP);
    next();
  };
}
