/**
 * Node adapter: turns the Fetch-API handler into a `node:http` request listener or an
 * Express/Connect-style middleware. Written against structural types, so this module needs no
 * Node typings and stays importable anywhere.
 */
import type { AuthHandler } from "./handler.ts";

export interface NodeIncomingMessage extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { encrypted?: boolean };
}

export interface NodeServerResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(chunk?: Uint8Array | string): unknown;
}

export interface NodeListenerOptions {
  /** Public origin used to build absolute request URLs; default from the Host header. */
  origin?: string;
}

export function toNodeListener(handler: AuthHandler, options: NodeListenerOptions = {}): (req: NodeIncomingMessage, res: NodeServerResponse) => void {
  return (req, res) => {
    void serve(handler, req, res, options).catch((error: unknown) => {
      res.statusCode = 500;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.end(JSON.stringify({ error: { key: "internal_error", message: error instanceof Error ? error.message : String(error) } }));
    });
  };
}

/** Express/Connect middleware: handles requests under `basePath`, passes the rest to `next`. */
export function toNodeMiddleware(
  handler: AuthHandler,
  options: NodeListenerOptions & { basePath: string },
): (req: NodeIncomingMessage, res: NodeServerResponse, next: (error?: unknown) => void) => void {
  const listener = toNodeListener(handler, options);
  const prefix = options.basePath.replace(/\/+$/, "");
  return (req, res, next) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === prefix || path.startsWith(`${prefix}/`)) listener(req, res);
    else next();
  };
}

async function serve(handler: AuthHandler, req: NodeIncomingMessage, res: NodeServerResponse, options: NodeListenerOptions): Promise<void> {
  const host = headerValue(req.headers.host) ?? "localhost";
  const origin = options.origin ?? `${req.socket?.encrypted ? "https" : "http"}://${host}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = (req.method ?? "GET").toUpperCase();
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    body = concat(chunks);
  }
  const response = await handler(new Request(new URL(req.url ?? "/", origin), { method, headers, ...(body ? { body } : {}) }));
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(new Uint8Array(await response.arrayBuffer()));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
