/**
 * A mock OAuth 2.0 authorization server (authorization code grant with PKCE, refresh tokens with
 * rotation), strict where real servers are strict:
 *
 * - `GET /oauth/authorize` (RFC 6749 §4.1.1, RFC 7636 §4.3): an unknown client or an unregistered
 *   redirect URI gets an HTML error page, never a redirect (§4.1.2.1); other problems redirect back
 *   with `error=` (+ `state`, `iss`). A valid request gets an accessible consent page whose Approve
 *   and Deny buttons are plain links to `/oauth/decide` carrying a random per-request id.
 * - `GET /oauth/decide`: approve → `redirect_uri?code=…&state=…&iss=<origin>` (RFC 9207); deny →
 *   `error=access_denied`. Codes are single-use, bound to the client, the redirect URI and the
 *   PKCE challenge, and expire after 60 s. A replayed code revokes every token issued from it
 *   (RFC 6749 §4.1.2).
 * - `POST /oauth/token` (RFC 6749 §4.1.3, §6): client authentication by HTTP Basic with
 *   form-encoded id and secret (§2.3.1) or in the body, never both; `code_verifier` checked with
 *   S256; refresh tokens rotate, and reusing a rotated one revokes the whole grant (as
 *   oidc-provider does); errors as in §5.2 (`invalid_client` is a 401 with WWW-Authenticate).
 * - `GET /.well-known/oauth-authorization-server` (RFC 8414) metadata.
 *
 * The core is `handle(request) → Response | undefined` over web-standard APIs only; `handlers`
 * wraps it for MSW (msw/node in tests, msw/browser in the demo).
 */
import { http } from "msw";
import type { RequestHandler } from "msw";
import type { MockProvider } from "./types.ts";
import {
  appendQuery,
  base64ToBytes,
  consentPage,
  constantTimeEqual,
  errorPage,
  firstDuplicate,
  hostOf,
  methodNotAllowed,
  normalizeOrigin,
  randomToken,
  readForm,
  redirect,
  sha256Base64Url,
  utf8,
} from "./util.ts";

export interface MockOAuth2Client {
  clientId: string;
  /** Absent for a public client (PKCE only, `client_id` in the body). */
  clientSecret?: string;
  /** Shown on the consent page; defaults to the client id. */
  name?: string;
  /**
   * Exact redirect URIs; `undefined` accepts any http(s) URI. A loopback `http://127.0.0.1/…`,
   * `http://[::1]/…` or `http://localhost/…` entry matches any port (RFC 8252 §7.3).
   */
  redirectUris?: string[];
}

export interface MockOAuth2ProviderOptions {
  name: string;
  /** e.g. `https://auth.northwind.example`: the issuer, and the origin of every endpoint. */
  origin: string;
  clients: MockOAuth2Client[];
  /** Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh and retire the old one. Default true. */
  rotateRefreshTokens?: boolean;
  /** Refuse authorization requests without an S256 code_challenge. Default true. */
  requirePkce?: boolean;
  /** Known scopes and what the consent page says about them; `undefined` accepts any scope. */
  scopes?: Record<string, string>;
  /** Scopes granted when the request has none. */
  defaultScopes?: string[];
  /** The signed-in user shown on the consent page; the tokens' subject. */
  user?: { id: string; name: string };
  /** Extra parameters on the approve redirect, e.g. QuickBooks-style `realmId`. */
  extraCallbackParams?: Record<string, string>;
  /** Extra members of every token response, e.g. Pipedrive-style `api_domain`. */
  extraTokenResponse?: Record<string, unknown>;
  /** Clock (epoch ms); default `Date.now`. */
  now?: () => number;
}

export interface MockOAuth2Stats {
  authorizeRequests: number;
  /** Every token request by grant type, failed ones included. */
  tokenRequests: { authorization_code: number; refresh_token: number };
}

export interface AccessTokenInfo {
  clientId: string;
  scopes: string[];
  subject: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface MockOAuth2Provider extends MockProvider {
  readonly authorizeUri: string;
  readonly tokenUri: string;
  /** Live counters; `reset()` zeroes them. */
  readonly stats: MockOAuth2Stats;
  /** True for an access token this provider issued that has not expired or been revoked. */
  isValidAccessToken(token: string | null | undefined): boolean;
  /** What a resource server would learn from introspection; `undefined` when not valid. */
  introspect(token: string | null | undefined): AccessTokenInfo | undefined;
  /** True for a refresh token that can still be used (not rotated away, not revoked). */
  isValidRefreshToken(token: string | null | undefined): boolean;
  /** Every access token issued so far expires now (refresh tokens stay valid). */
  expireAccessTokens(): void;
  /** Reads the `Authorization: Bearer …` header of an API request and introspects it. */
  authenticate(request: Request): AccessTokenInfo | undefined;
}

interface PendingConsent {
  clientId: string;
  redirectUri: string;
  redirectUriGiven: boolean;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | undefined;
  expiresAt: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  redirectUriGiven: boolean;
  scopes: string[];
  codeChallenge: string | undefined;
  expiresAt: number;
  used: boolean;
  /** Set once tokens were issued from the code: replaying the code revokes it. */
  grantId?: string;
}

interface Grant {
  clientId: string;
  scopes: string[];
  subject: string;
  revoked: boolean;
}

interface AccessTokenRecord {
  grantId: string;
  scopes: string[];
  expiresAt: number;
}

interface RefreshTokenRecord {
  grantId: string;
  /** Rotated away: presenting it again means it leaked (RFC 9700 §4.14.2). */
  rotated: boolean;
}

const CODE_TTL_MS = 60_000;
const CONSENT_TTL_MS = 10 * 60_000;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** An RFC 6749 §5.2 error. */
class TokenError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export function createMockOAuth2Provider(options: MockOAuth2ProviderOptions): MockOAuth2Provider {
  const origin = normalizeOrigin(options.origin);
  const authorizeUri = `${origin}/oauth/authorize`;
  const decideUri = `${origin}/oauth/decide`;
  const tokenUri = `${origin}/oauth/token`;
  const now = options.now ?? (() => Date.now());
  const ttlSeconds = options.accessTokenTtlSeconds ?? 3600;
  const rotate = options.rotateRefreshTokens ?? true;
  const requirePkce = options.requirePkce ?? true;
  const user = options.user ?? { id: "user_1", name: "Ada Lovelace" };
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));

  const stats: MockOAuth2Stats = { authorizeRequests: 0, tokenRequests: { authorization_code: 0, refresh_token: 0 } };
  const consents = new Map<string, PendingConsent>();
  const codes = new Map<string, AuthorizationCode>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();

  function isRegisteredRedirect(client: MockOAuth2Client, uri: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(uri);
    } catch {
      return false;
    }
    if (parsed.hash || uri.includes("#")) return false; // RFC 6749 §3.1.2: no fragment.
    if (!client.redirectUris) return parsed.protocol === "https:" || parsed.protocol === "http:";
    return client.redirectUris.some((registered) => {
      if (registered === uri) return true;
      const expected = new URL(registered);
      // RFC 8252 §7.3: loopback redirect URIs may use any port.
      if (expected.protocol !== "http:" || !LOOPBACK_HOSTS.has(expected.hostname) || expected.port !== "") return false;
      return parsed.protocol === "http:" && parsed.hostname === expected.hostname && parsed.pathname === expected.pathname && parsed.search === expected.search;
    });
  }

  function describeScopes(scopes: string[]): string[] {
    return scopes.map((scope) => options.scopes?.[scope] ?? scope);
  }

  function authorize(url: URL): Response {
    stats.authorizeRequests += 1;
    const params = url.searchParams;
    const duplicate = firstDuplicate(params);
    if (duplicate === "client_id" || duplicate === "redirect_uri") {
      return errorPage(options.name, "Invalid authorization request", `The parameter "${duplicate}" appears more than once.`);
    }
    const clientId = params.get("client_id");
    if (!clientId) return errorPage(options.name, "Invalid authorization request", "The request has no client_id, so we cannot tell which app is asking.");
    const client = clients.get(clientId);
    if (!client) return errorPage(options.name, "Unknown app", `No app with the client id "${clientId}" is registered with ${options.name}.`);

    const givenRedirect = params.get("redirect_uri");
    let redirectUri: string;
    if (givenRedirect === null) {
      if (client.redirectUris?.length !== 1) {
        return errorPage(options.name, "Invalid authorization request", "The request has no redirect_uri, and the app has no single registered redirect URI to use instead.");
      }
      redirectUri = client.redirectUris[0]!;
    } else if (!isRegisteredRedirect(client, givenRedirect)) {
      return errorPage(
        options.name,
        "Redirect URI not registered",
        `The redirect URI "${givenRedirect}" is not registered for ${client.name ?? clientId}. We will not send you there.`,
      );
    } else {
      redirectUri = givenRedirect;
    }

    // From here on the redirect URI is trusted: problems go back to the app (RFC 6749 §4.1.2.1).
    const state = params.get("state") ?? undefined;
    const fail = (error: string, description: string) => redirect(appendQuery(redirectUri, { error, error_description: description, state, iss: origin }));
    if (duplicate) return fail("invalid_request", `The parameter "${duplicate}" appears more than once.`);
    const responseType = params.get("response_type");
    if (!responseType) return fail("invalid_request", "response_type is missing.");
    if (responseType !== "code") return fail("unsupported_response_type", `response_type "${responseType}" is not supported; use "code".`);

    const requested = (params.get("scope") ?? "").split(" ").filter(Boolean);
    const scopes = requested.length > 0 ? [...new Set(requested)] : (options.defaultScopes ?? []);
    const unknown = options.scopes ? scopes.filter((scope) => !(scope in options.scopes!)) : [];
    if (unknown.length > 0) return fail("invalid_scope", `Unknown scope: ${unknown.join(" ")}.`);

    const challenge = params.get("code_challenge");
    const method = params.get("code_challenge_method");
    if (challenge === null) {
      if (method !== null) return fail("invalid_request", "code_challenge_method without code_challenge.");
      if (requirePkce) return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
    } else {
      if (method !== "S256") return fail("invalid_request", `code_challenge_method must be S256${method ? `; "${method}" is not accepted` : " (plain is not accepted)"}.`);
      if (!/^[A-Za-z0-9\-_]{43}$/.test(challenge)) return fail("invalid_request", "code_challenge is not a base64url SHA-256 value.");
    }

    const requestId = randomToken("", 16);
    consents.set(requestId, {
      clientId,
      redirectUri,
      redirectUriGiven: givenRedirect !== null,
      state,
      scopes,
      codeChallenge: challenge ?? undefined,
      expiresAt: now() + CONSENT_TTL_MS,
    });
    const decide = (decision: string) => `${decideUri}?${new URLSearchParams({ request: requestId, decision })}`;
    return consentPage({
      providerName: options.name,
      appName: client.name ?? clientId,
      permissions: describeScopes(scopes),
      accountName: user.name,
      returnHost: hostOf(redirectUri),
      approveHref: decide("approve"),
      denyHref: decide("deny"),
    });
  }

  function decide(url: URL): Response {
    const requestId = url.searchParams.get("request") ?? "";
    const consent = consents.get(requestId);
    if (!consent || consent.expiresAt < now()) {
      consents.delete(requestId);
      return errorPage(options.name, "This request has expired", "This sign-in request was already answered or is too old. Start again from the app.");
    }
    const decision = url.searchParams.get("decision");
    if (decision !== "approve" && decision !== "deny") {
      return errorPage(options.name, "Invalid choice", 'Choose "Approve" or "Deny".');
    }
    consents.delete(requestId);
    if (decision === "deny") {
      return redirect(
        appendQuery(consent.redirectUri, { error: "access_denied", error_description: "The user denied the request.", state: consent.state, iss: origin }),
      );
    }
    const code = randomToken("code_");
    codes.set(code, {
      clientId: consent.clientId,
      redirectUri: consent.redirectUri,
      redirectUriGiven: consent.redirectUriGiven,
      scopes: consent.scopes,
      codeChallenge: consent.codeChallenge,
      expiresAt: now() + CODE_TTL_MS,
      used: false,
    });
    return redirect(appendQuery(consent.redirectUri, { code, state: consent.state, iss: origin, ...options.extraCallbackParams }));
  }

  /** RFC 6749 §2.3: HTTP Basic (form-encoded id and secret) or body parameters, never both. */
  function authenticateClient(request: Request, form: Map<string, string>): MockOAuth2Client {
    const header = request.headers.get("authorization");
    let id: string | undefined;
    let secret: string | undefined;
    if (header !== null) {
      const match = /^Basic\s+(\S+)\s*$/i.exec(header);
      const decoded = match ? base64ToBytes(match[1]!) : undefined;
      const text = decoded ? utf8(decoded) : "";
      const colon = text.indexOf(":");
      if (!decoded || colon === -1) throw new TokenError("invalid_client", "The Authorization header is not valid HTTP Basic credentials.", 401);
      try {
        id = formDecode(text.slice(0, colon));
        secret = formDecode(text.slice(colon + 1));
      } catch {
        throw new TokenError("invalid_client", "The Basic credentials are not form-encoded correctly (RFC 6749 §2.3.1).", 401);
      }
      if (form.has("client_secret")) throw new TokenError("invalid_request", "Use one client authentication method: HTTP Basic or client_secret in the body, not both.");
      if (form.has("client_id") && form.get("client_id") !== id) throw new TokenError("invalid_request", "client_id in the body differs from the Basic credentials.");
    } else {
      id = form.get("client_id");
      secret = form.get("client_secret");
    }
    if (!id) throw new TokenError("invalid_client", "No client authentication was sent.", 401);
    const client = clients.get(id);
    if (!client) throw new TokenError("invalid_client", `Unknown client "${id}".`, 401);
    if (client.clientSecret !== undefined) {
      if (secret === undefined || !constantTimeEqual(secret, client.clientSecret)) {
        throw new TokenError("invalid_client", "Client authentication failed.", 401);
      }
    } else if (secret) {
      throw new TokenError("invalid_client", "This public client has no secret.", 401);
    }
    return client;
  }

  function revokeGrant(grantId: string): void {
    const grant = grants.get(grantId);
    if (grant) grant.revoked = true;
    for (const [token, record] of accessTokens) if (record.grantId === grantId) accessTokens.delete(token);
    for (const [token, record] of refreshTokens) if (record.grantId === grantId) refreshTokens.delete(token);
  }

  function issueTokens(grantId: string, scopes: string[], withRefreshToken: boolean): Record<string, unknown> {
    const accessToken = randomToken("at_");
    accessTokens.set(accessToken, { grantId, scopes, expiresAt: now() + ttlSeconds * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", expires_in: ttlSeconds };
    if (withRefreshToken) {
      const refreshToken = randomToken("rt_");
      refreshTokens.set(refreshToken, { grantId, rotated: false });
      body.refresh_token = refreshToken;
    }
    body.scope = scopes.join(" ");
    return { ...body, ...options.extraTokenResponse };
  }

  async function exchangeCode(client: MockOAuth2Client, form: Map<string, string>): Promise<Record<string, unknown>> {
    const code = form.get("code");
    if (!code) throw new TokenError("invalid_request", "code is missing.");
    const record = codes.get(code);
    if (!record) throw new TokenError("invalid_grant", "The authorization code is invalid.");
    if (record.used) {
      // RFC 6749 §4.1.2: a code used twice revokes what it produced.
      if (record.grantId) revokeGrant(record.grantId);
      throw new TokenError("invalid_grant", "The authorization code was already used.");
    }
    record.used = true; // Before any await: concurrent exchanges of one code cannot both win.
    if (record.expiresAt < now()) throw new TokenError("invalid_grant", "The authorization code expired.");
    if (record.clientId !== client.clientId) throw new TokenError("invalid_grant", "The authorization code was issued to another client.");
    const redirectUri = form.get("redirect_uri");
    if (record.redirectUriGiven ? redirectUri !== record.redirectUri : redirectUri !== undefined && redirectUri !== record.redirectUri) {
      throw new TokenError("invalid_grant", "redirect_uri does not match the authorization request.");
    }
    const verifier = form.get("code_verifier");
    if (record.codeChallenge !== undefined) {
      if (!verifier || !VERIFIER.test(verifier) || !constantTimeEqual(await sha256Base64Url(verifier), record.codeChallenge)) {
        throw new TokenError("invalid_grant", "PKCE verification failed.");
      }
    } else if (verifier !== undefined) {
      throw new TokenError("invalid_grant", "code_verifier sent, but the authorization request had no code_challenge.");
    } else if (client.clientSecret === undefined) {
      throw new TokenError("invalid_grant", "A public client must use PKCE.");
    }
    const grantId = randomToken("grant_", 12);
    grants.set(grantId, { clientId: client.clientId, scopes: record.scopes, subject: user.id, revoked: false });
    record.grantId = grantId;
    return issueTokens(grantId, record.scopes, true);
  }

  function refresh(client: MockOAuth2Client, form: Map<string, string>): Record<string, unknown> {
    const token = form.get("refresh_token");
    if (!token) throw new TokenError("invalid_request", "refresh_token is missing.");
    const record = refreshTokens.get(token);
    const grant = record ? grants.get(record.grantId) : undefined;
    if (!record || !grant || grant.revoked) throw new TokenError("invalid_grant", "The refresh token is invalid or was revoked.");
    if (grant.clientId !== client.clientId) throw new TokenError("invalid_grant", "The refresh token was issued to another client.");
    if (record.rotated) {
      revokeGrant(record.grantId);
      throw new TokenError("invalid_grant", "The refresh token was already used; the grant is revoked.");
    }
    const requested = form.get("scope")?.split(" ").filter(Boolean);
    const excess = requested?.filter((scope) => !grant.scopes.includes(scope)) ?? [];
    if (excess.length > 0) throw new TokenError("invalid_scope", `The grant does not include: ${excess.join(" ")}.`);
    const scopes = requested && requested.length > 0 ? requested : grant.scopes;
    if (!rotate) return issueTokens(record.grantId, scopes, false);
    record.rotated = true;
    return issueTokens(record.grantId, scopes, true);
  }

  async function token(request: Request): Promise<Response> {
    const pairs = await readForm(request);
    const grantType = pairs?.find(([name]) => name === "grant_type")?.[1];
    if (grantType === "authorization_code" || grantType === "refresh_token") stats.tokenRequests[grantType] += 1;
    try {
      if (!pairs) throw new TokenError("invalid_request", "The token request must be application/x-www-form-urlencoded.");
      const duplicate = firstDuplicate(pairs);
      if (duplicate) throw new TokenError("invalid_request", `The parameter "${duplicate}" appears more than once.`);
      const form = new Map(pairs);
      const client = authenticateClient(request, form);
      if (!grantType) throw new TokenError("invalid_request", "grant_type is missing.");
      let body: Record<string, unknown>;
      if (grantType === "authorization_code") body = await exchangeCode(client, form);
      else if (grantType === "refresh_token") body = refresh(client, form);
      else throw new TokenError("unsupported_grant_type", `grant_type "${grantType}" is not supported.`);
      return json(body, 200);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const headers: Record<string, string> = {};
      if (error.status === 401) headers["www-authenticate"] = `Basic realm="${options.name.replace(/"/g, "")}", charset="UTF-8"`;
      return json({ error: error.error, error_description: error.description }, error.status, headers);
    }
  }

  function metadata(): Response {
    return json(
      {
        issuer: origin,
        authorization_endpoint: authorizeUri,
        token_endpoint: tokenUri,
        response_types_supported: ["code"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
        authorization_response_iss_parameter_supported: true,
        ...(options.scopes ? { scopes_supported: Object.keys(options.scopes) } : {}),
      },
      200,
    );
  }

  function introspect(tokenValue: string | null | undefined): AccessTokenInfo | undefined {
    if (!tokenValue) return undefined;
    const record = accessTokens.get(tokenValue);
    const grant = record ? grants.get(record.grantId) : undefined;
    if (!record || !grant || grant.revoked || record.expiresAt <= now()) return undefined;
    return { clientId: grant.clientId, scopes: record.scopes, subject: grant.subject, expiresAt: record.expiresAt };
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (url.origin !== origin) return undefined;
    switch (url.pathname) {
      case "/oauth/authorize":
        return request.method === "GET" ? authorize(url) : methodNotAllowed("GET");
      case "/oauth/decide":
        return request.method === "GET" ? decide(url) : methodNotAllowed("GET");
      case "/oauth/token":
        return request.method === "POST" ? token(request) : methodNotAllowed("POST");
      case "/.well-known/oauth-authorization-server":
        return request.method === "GET" ? metadata() : methodNotAllowed("GET");
      default:
        return undefined;
    }
  }

  const handlers: RequestHandler[] = [http.all(`${origin}/*`, ({ request }) => handle(request))];

  return {
    name: options.name,
    origin,
    authorizeUri,
    tokenUri,
    stats,
    handle,
    handlers,
    introspect,
    isValidAccessToken: (tokenValue) => introspect(tokenValue) !== undefined,
    isValidRefreshToken(tokenValue) {
      if (!tokenValue) return false;
      const record = refreshTokens.get(tokenValue);
      return Boolean(record && !record.rotated && grants.get(record.grantId)?.revoked === false);
    },
    authenticate(request) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
      return introspect(match?.[1]);
    },
    expireAccessTokens() {
      const expired = now() - 1;
      for (const record of accessTokens.values()) record.expiresAt = expired;
    },
    reset() {
      consents.clear();
      codes.clear();
      grants.clear();
      accessTokens.clear();
      refreshTokens.clear();
      stats.authorizeRequests = 0;
      stats.tokenRequests.authorization_code = 0;
      stats.tokenRequests.refresh_token = 0;
    },
  };

}

/** application/x-www-form-urlencoded decoding of one value (`+` is a space). */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store", pragma: "no-cache", ...headers },
  });
}
