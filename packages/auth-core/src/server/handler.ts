/**
 * The server runtime: the engine behind a Fetch-API handler (`Request → Response`). Everything a
 * secret touches runs here: code exchange with a client secret, OAuth1 signing, platform tokens,
 * refresh, test, and API calls. Connector parameters and credentials never leave the server;
 * browsers get connection summaries with masked credentials.
 *
 * OAuth is stateless: `state` is a signed token naming the opener's origin, and the pending flow
 * (PKCE verifier, request-token secret, input) travels sealed (AES-GCM) in `flowToken`, so any
 * instance can finish a flow.
 */
import type { PlatformTokenOptions } from "../auth-types/platform-token.ts";
import { createAuthEngine } from "../engine/engine.ts";
import type { AuthEngine, AuthEngineOptions, PendingAuthorization } from "../engine/engine.ts";
import type { ConnectionSession } from "../engine/connection-session.ts";
import { ErrorKey, isPlugboardError, PlugboardError, toPlugboardError } from "../errors.ts";
import type { HttpMethod } from "../http/types.ts";
import { createSignedState, verifySignedState } from "../oauth/signed-state.ts";
import { getEffectiveAuthOption } from "../spec/index.ts";
import type { Connection, ConnectorSpec, JsonSchema } from "../types.ts";
import { callbackPageHtml, createNonce, errorPageHtml } from "./callback-page.ts";
import { createMemoryConnectionStore } from "./connection-store.ts";
import type { ConnectionStore, StoredConnection } from "./connection-store.ts";
import { seal, unseal } from "./sealed.ts";

export interface ServerConnector {
  spec: ConnectorSpec;
  /** The integration's settings, secrets included; never sent to browsers. */
  connectorParameters?: Record<string, unknown>;
  platformToken?: PlatformTokenOptions;
}

export interface AuthHandlerOptions {
  /** Connectors this server runs, by key. Proxy options delegate among them. */
  connectors: Record<string, ServerConnector>;
  /** Signs `state` and seals flow tokens; at least 32 characters, the same on every instance. */
  secret: string;
  /** Public URL where this handler is mounted, e.g. `https://app.example.com/plugboard`. */
  baseUrl: string;
  /** Origins of the apps that may call this handler and receive OAuth results. */
  allowedOrigins: string[];
  connectionStore?: ConnectionStore;
  /** How long an OAuth attempt may take. Default 600 s. */
  flowTtlSeconds?: number;
  /** Options for every engine (fetch, retry, sandbox limits, clock…). */
  engine?: Omit<AuthEngineOptions, "connectorParameters" | "connectors" | "platformToken" | "redirectUri">;
}

/** What browsers see of a connection. */
export interface ConnectionSummary {
  id: string;
  connectorKey: string;
  authOptionKey: string;
  authType: Connection["authType"];
  connectedAt: string;
  refreshedAt?: string;
  /** Credentials with secrets masked (`abcd…`); numbers and booleans (e.g. expires_at) as they are. */
  credentials: Record<string, unknown>;
  /** The user's input with sensitive fields masked. */
  input: Record<string, unknown>;
  delegate?: Connection["delegate"];
}

interface PendingFlow {
  connectorKey: string;
  connectionId?: string;
  pending: PendingAuthorization;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache" };

export type AuthHandler = (request: Request) => Promise<Response>;

export function createAuthHandler(options: AuthHandlerOptions): AuthHandler {
  if (typeof options.secret !== "string" || options.secret.length < 32) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "createAuthHandler needs a secret of at least 32 characters (the same on every server instance)." });
  }
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const callbackUrl = `${base.origin}${basePath}/oauth/callback`;
  const store = options.connectionStore ?? createMemoryConnectionStore();
  const now = options.engine?.now ?? (() => Date.now());
  const ttlSeconds = options.flowTtlSeconds ?? 600;
  const usedFlows = new Map<string, number>();

  function engineFor(connectorKey: string): AuthEngine {
    const connector = options.connectors[connectorKey];
    if (!connector) throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Unknown connector "${connectorKey}".`, data: { status: 404 } });
    return createAuthEngine(connector.spec, {
      ...options.engine,
      connectorParameters: connector.connectorParameters ?? {},
      redirectUri: callbackUrl,
      connectors: Object.fromEntries(Object.entries(options.connectors).filter(([key]) => key !== connectorKey)),
      ...(connector.platformToken ? { platformToken: connector.platformToken } : {}),
    });
  }

  async function save(connectorKey: string, connection: Connection, connectionId?: string): Promise<StoredConnection> {
    const stored: StoredConnection = { ...connection, id: connectionId ?? crypto.randomUUID(), connectorKey };
    sessions.delete(stored.id);
    await store.set(stored);
    return stored;
  }

  async function load(id: string): Promise<StoredConnection> {
    const stored = await store.get(id);
    if (!stored) throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `No connection "${id}".`, data: { status: 404 } });
    return stored;
  }

  function summarize(stored: StoredConnection): ConnectionSummary {
    let inputSchema: JsonSchema | undefined;
    try {
      inputSchema = getEffectiveAuthOption(options.connectors[stored.connectorKey]!.spec, stored.authOptionKey).inputSchema;
    } catch {
      inputSchema = undefined;
    }
    return {
      id: stored.id,
      connectorKey: stored.connectorKey,
      authOptionKey: stored.authOptionKey,
      authType: stored.authType,
      connectedAt: stored.connectedAt,
      ...(stored.refreshedAt ? { refreshedAt: stored.refreshedAt } : {}),
      credentials: maskRecord(stored.credentials, () => true),
      input: maskRecord(stored.input, (name) => isSensitiveField(inputSchema, name)),
      ...(stored.delegate ? { delegate: stored.delegate } : {}),
    };
  }

  // One live session per connection in this process, so concurrent requests share one refresh
  // (with rotating refresh tokens, two refreshes would revoke the grant).
  const sessions = new Map<string, { stored: StoredConnection; session: ConnectionSession }>();

  function openSession(stored: StoredConnection): ConnectionSession {
    const cached = sessions.get(stored.id);
    if (cached && cached.stored === stored) return cached.session;
    const session = engineFor(stored.connectorKey).openConnection(stored, {
      onCredentialsChange: (updated) => {
        const saved = { ...stored, ...updated, id: stored.id, connectorKey: stored.connectorKey };
        sessions.set(stored.id, { stored: saved, session });
        void store.set(saved);
      },
    });
    sessions.set(stored.id, { stored, session });
    return session;
  }

  /** Loads a connection, preferring the live session's copy (it may hold fresher credentials). */
  async function loadLive(id: string): Promise<StoredConnection> {
    return sessions.get(id)?.stored ?? load(id);
  }

  async function route(request: Request, origin: string | null): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) throw notFound();
    const parts = url.pathname.slice(basePath.length + 1).split("/").map(decodeURIComponent);
    const method = request.method.toUpperCase();

    if (parts[0] === "oauth" && parts[1] === "callback" && method === "GET") return callback(url);

    if (parts[0] === "connectors" && parts[1]) {
      const connectorKey = parts[1];
      const action = parts[2];
      if (action === "options" && method === "GET") return json({ options: await engineFor(connectorKey).getAuthOptions() });
      const body = method === "POST" ? await readJson(request) : {};
      if (action === "connect" && method === "POST") {
        const engine = engineFor(connectorKey);
        const connection = await engine.connect({ ...optionAndInput(body) });
        const stored = await save(connectorKey, connection, await existingId(body, connectorKey));
        return json({ connection: summarize(stored) });
      }
      if (action === "authorize" && method === "POST") {
        const flowOrigin = requireAllowedOrigin(origin ?? stringField(body, "origin"));
        const returnTo = stringField(body, "returnTo");
        if (returnTo !== undefined) requireAllowedOrigin(new URL(returnTo).origin);
        const state = await createSignedState({ o: flowOrigin, ...(returnTo ? { r: returnTo } : {}) }, options.secret, { ttlSeconds, now: now() });
        const pending = await engineFor(connectorKey).startAuthorization({ ...optionAndInput(body), redirectUri: callbackUrl, state });
        const connectionId = await existingId(body, connectorKey);
        const flow: PendingFlow = { connectorKey, pending, ...(connectionId ? { connectionId } : {}) };
        const flowToken = await seal(flow, options.secret, { ttlSeconds, now: now() });
        return json({ authorizeUrl: pending.authorizeUrl, state, flowToken });
      }
      if (action === "complete" && method === "POST") {
        const flowToken = stringField(body, "flowToken");
        if (!flowToken) throw badRequest("flowToken is required.");
        const flow = await unseal<PendingFlow>(flowToken, options.secret, { now: now() });
        if (flow.connectorKey !== connectorKey) throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: "This sign-in flow belongs to another connector." });
        await verifySignedState(flow.pending.state, options.secret, { now: now() });
        consumeOnce(flow.pending.state);
        const params = new URLSearchParams(pairsField(body, "params"));
        const connection = await engineFor(connectorKey).completeAuthorization(flow.pending, params);
        const stored = await save(connectorKey, connection, flow.connectionId);
        return json({ connection: summarize(stored) });
      }
    }

    if (parts[0] === "connections" && parts[1]) {
      const stored = await loadLive(parts[1]);
      const action = parts[2];
      if (action === undefined && method === "GET") return json({ connection: summarize(stored) });
      if (action === undefined && method === "DELETE") {
        sessions.delete(stored.id);
        await store.delete(stored.id);
        return json({ deleted: true });
      }
      if (action === "test" && method === "POST") {
        await openSession(stored).test();
        return json({ ok: true });
      }
      if (action === "refresh" && method === "POST") {
        await openSession(stored).refresh();
        return json({ connection: summarize(await loadLive(stored.id)) });
      }
      if (action === "request" && method === "POST") {
        const body = await readJson(request);
        const path = stringField(body, "path");
        if (!path) throw badRequest("path is required.");
        const apiMethod = (stringField(body, "method") ?? "GET").toUpperCase() as HttpMethod;
        const response = (await openSession(stored).apiClient.request(apiMethod, path, {
          returnFullResponse: true,
          ...(isRecord(body.query) ? { query: body.query } : {}),
          ...(body.data === undefined ? {} : { data: body.data }),
        })) as { status: number; data: unknown };
        return json({ status: response.status, data: response.data });
      }
    }
    throw notFound();
  }

  /** The provider's redirect: hand the parameters to the opener (popup) or back to the app (redirect). */
  async function callback(url: URL): Promise<Response> {
    const nonce = createNonce();
    const params = [...url.searchParams.entries()];
    const state = url.searchParams.get("state") ?? "";
    let payload: { o: string; r?: string };
    try {
      payload = await verifySignedState<{ o: string; r?: string }>(state, options.secret, { now: now() });
      requireAllowedOrigin(payload.o);
    } catch (error) {
      return html(errorPageHtml(toPlugboardError(error).message, nonce), nonce, 400);
    }
    if (payload.r) {
      const target = new URL(payload.r);
      for (const [name, value] of params) target.searchParams.append(name, value);
      return new Response(null, { status: 303, headers: { location: target.toString(), "cache-control": "no-store" } });
    }
    return html(callbackPageHtml({ state, params, targetOrigin: payload.o, nonce }), nonce, 200);
  }

  function consumeOnce(state: string): void {
    const current = now();
    for (const [key, expiresAt] of usedFlows) if (expiresAt < current) usedFlows.delete(key);
    if (usedFlows.has(state)) {
      throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: "This sign-in attempt was already completed. Start connecting again." });
    }
    usedFlows.set(state, current + ttlSeconds * 1000);
  }

  function requireAllowedOrigin(origin: string | null | undefined): string {
    if (!origin || !options.allowedOrigins.includes(origin)) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
        message: `Origin ${origin ?? "(none)"} is not allowed to use this handler. Add it to allowedOrigins.`,
        data: { status: 403 },
      });
    }
    return origin;
  }

  async function existingId(body: Record<string, unknown>, connectorKey: string): Promise<string | undefined> {
    const id = stringField(body, "connectionId");
    if (id === undefined) return undefined;
    const stored = await load(id);
    if (stored.connectorKey !== connectorKey) throw badRequest(`Connection "${id}" belongs to another connector.`);
    return id;
  }

  return async function handle(request: Request): Promise<Response> {
    const origin = request.headers.get("origin");
    const cors = origin && options.allowedOrigins.includes(origin) ? corsHeaders(origin) : {};
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { ...cors, "cache-control": "no-store" } });
    if (origin && !cors["access-control-allow-origin"] && origin !== base.origin && request.method !== "GET") {
      return withHeaders(errorResponse(new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `Origin ${origin} is not allowed.`, data: { status: 403 } })), cors);
    }
    try {
      return withHeaders(await route(request, origin), cors);
    } catch (error) {
      return withHeaders(errorResponse(error), cors);
    }
  };
}

function optionAndInput(body: Record<string, unknown>): { authOptionKey?: string; input: Record<string, unknown> } {
  const authOptionKey = stringField(body, "authOptionKey");
  const input = isRecord(body.input) ? body.input : {};
  return { ...(authOptionKey === undefined ? {} : { authOptionKey }), input };
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("The request body must be JSON.");
  }
  if (!isRecord(body)) throw badRequest("The request body must be a JSON object.");
  return body;
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest(`${name} must be a string.`);
  return value;
}

function pairsField(body: Record<string, unknown>, name: string): [string, string][] {
  const value = body[name];
  if (!Array.isArray(value) || !value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"))) {
    throw badRequest(`${name} must be a list of [name, value] string pairs (the callback query).`);
  }
  return value as [string, string][];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function badRequest(message: string): PlugboardError {
  return new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message, data: { status: 400 } });
}

function notFound(): PlugboardError {
  return new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "Not found.", data: { status: 404 } });
}

const STATUS_BY_KEY: Partial<Record<ErrorKey, number>> = {
  [ErrorKey.INVALID_INPUT]: 400,
  [ErrorKey.INVALID_ARGUMENT]: 400,
  [ErrorKey.INVALID_SPEC]: 500,
  [ErrorKey.CONFIGURATION_ERROR]: 500,
  [ErrorKey.STATE_MISMATCH]: 400,
  [ErrorKey.STATE_MISSING]: 400,
  [ErrorKey.STATE_EXPIRED]: 400,
  [ErrorKey.DUPLICATE_PARAMETER]: 400,
  [ErrorKey.ISSUER_MISMATCH]: 400,
  [ErrorKey.ACCESS_DENIED]: 403,
  [ErrorKey.TEST_FAILED]: 422,
  [ErrorKey.CREDENTIALS_REJECTED]: 422,
  [ErrorKey.TOKEN_EXCHANGE_FAILED]: 502,
  [ErrorKey.NETWORK_ERROR]: 502,
  [ErrorKey.ACCESS_TOKEN_EXPIRED]: 401,
  [ErrorKey.CONNECTION_IS_DEFUNCT]: 410,
  [ErrorKey.RATE_LIMIT_EXCEEDED]: 429,
  [ErrorKey.API_REQUEST_FAILED]: 502,
};

function errorResponse(error: unknown): Response {
  const plugboardError = isPlugboardError(error) ? error : toPlugboardError(error);
  const explicit = (plugboardError.data as { status?: unknown } | undefined)?.status;
  const status = plugboardError.key === ErrorKey.INVALID_ARGUMENT && typeof explicit === "number" ? explicit : (STATUS_BY_KEY[plugboardError.key] ?? 500);
  const data = plugboardError.data as { issues?: unknown } | undefined;
  // Internal failures are reported by key only; their messages may name server internals.
  const message = plugboardError.key === ErrorKey.INTERNAL_ERROR ? "Something went wrong on the server." : plugboardError.message;
  return json({ error: { key: plugboardError.key, message, ...(data?.issues ? { issues: data.issues } : {}) } }, status);
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

function html(body: string, nonce: string, status: number): Response {
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
      "referrer-policy": "no-referrer",
    },
  });
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function maskRecord(record: Record<string, unknown>, isSecret: (name: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) out[name] = isSecret(name) ? maskValue(value) : value;
  return out;
}

/** Keeps a hint of a secret (its first characters) and numbers/booleans such as expires_at. */
export function maskValue(value: unknown): unknown {
  if (typeof value === "string") return value.length > 12 ? `${value.slice(0, 4)}…` : "…";
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return value;
  return "[hidden]";
}

function isSensitiveField(schema: JsonSchema | undefined, name: string): boolean {
  const properties = schema?.properties as Record<string, Record<string, unknown>> | undefined;
  const field = properties?.[name];
  if (!field) return true;
  return field.format === "password" || field.writeOnly === true || field.isSensitive === true;
}
