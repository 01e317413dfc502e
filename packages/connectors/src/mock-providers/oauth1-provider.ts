/**
 * A mock OAuth 1.0a provider (RFC 5849, three-legged, like the RFC's photos.example.net):
 *
 * - `POST /oauth/request_token`: signed with the consumer secret; `oauth_callback` required (a URL
 *   or `oob`) → `oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=true`.
 * - `GET /oauth/authorize?oauth_token=…`: a consent page with Approve/Deny links to
 *   `/oauth/decide`; approve redirects to the callback (its query kept, e.g. our `state`) adding
 *   `oauth_token` + `oauth_verifier`; deny adds `denied=<token>`.
 * - `POST /oauth/access_token`: signed with the request token secret, with the verifier →
 *   `oauth_token=…&oauth_token_secret=…&user_id=…&screen_name=…`. Request tokens are single-use.
 * - `verifyRequest(request)`: checks a protected API request signed with the access token (query
 *   and form body parameters in the base string), for the provider's API mocks.
 *
 * Every signed request is checked for a known consumer, a supported signature method
 * (HMAC-SHA1, HMAC-SHA256), `oauth_version` 1.0 when present, a timestamp inside the window, a
 * fresh nonce and the signature itself (this package's own RFC 5849 implementation). Failures
 * answer 401 (400 for missing or malformed parameters) with an OAuth Problem Reporting body
 * (`oauth_problem=signature_invalid&…`).
 */
import { http } from "msw";
import type { RequestHandler } from "msw";
import { collectParameters, hmacSignature, MOCK_OAUTH1_SIGNATURE_METHODS, parseOAuthHeader, signatureBaseString } from "./oauth1-signature.ts";
import type { MockOAuth1SignatureMethod } from "./oauth1-signature.ts";
import type { MockProvider } from "./types.ts";
import { appendQuery, consentPage, constantTimeEqual, errorPage, escapeHtml, hostOf, htmlPage, methodNotAllowed, normalizeOrigin, randomToken, readForm, redirect } from "./util.ts";

export interface MockOAuth1Consumer {
  key: string;
  secret: string;
  /** Shown on the consent page; defaults to the key. */
  name?: string;
}

export interface MockOAuth1ProviderOptions {
  name: string;
  /** e.g. `https://photo-share.example` */
  origin: string;
  consumers: MockOAuth1Consumer[];
  /** The signed-in user: `user_id` / `screen_name` of the access token response. */
  user?: { id: string; screenName: string; name?: string };
  /** What the consent page lists. */
  permissions?: string[];
  /** Accepted |now − oauth_timestamp| in seconds. Default 600. */
  timestampWindowSeconds?: number;
  /** Clock (epoch ms); default `Date.now`. */
  now?: () => number;
}

export interface MockOAuth1Stats {
  requestTokenRequests: number;
  authorizeRequests: number;
  accessTokenRequests: number;
  /** Protected requests whose signature verified. */
  verifiedRequests: number;
  /** Signed requests (any endpoint) that were refused. */
  rejectedRequests: number;
}

export type OAuth1Verification =
  | { ok: true; consumerKey: string; token: string; user: { id: string; screenName: string }; signatureMethod: MockOAuth1SignatureMethod }
  | { ok: false; status: number; problem: string; description: string; /** A ready 401/400 answer for the API mock to return. */ response: Response };

export interface MockOAuth1Provider extends MockProvider {
  readonly requestTokenUri: string;
  readonly authorizeUri: string;
  readonly accessTokenUri: string;
  /** Alias of accessTokenUri (the spec's `tokenUri`). */
  readonly tokenUri: string;
  readonly stats: MockOAuth1Stats;
  /** Verifies a protected API request signed with an access token this provider issued. */
  verifyRequest(request: Request): Promise<OAuth1Verification>;
  isValidAccessToken(token: string | null | undefined): boolean;
  /** Revokes every access token (API requests then fail with token_rejected). */
  revokeAccessTokens(): void;
}

interface RequestToken {
  secret: string;
  consumerKey: string;
  callback: string;
  /** The per-request id carried by the consent page links. */
  consentId?: string;
  verifier?: string;
  expiresAt: number;
}

interface AccessToken {
  secret: string;
  consumerKey: string;
}

class OAuthProblem extends Error {
  constructor(
    readonly problem: string,
    readonly description: string,
    readonly status = 401,
    readonly extra: Record<string, string> = {},
  ) {
    super(description);
  }
}

const REQUEST_TOKEN_TTL_MS = 10 * 60_000;
const OAUTH_PARAMS_REQUIRED = ["oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"];

export function createMockOAuth1Provider(options: MockOAuth1ProviderOptions): MockOAuth1Provider {
  const origin = normalizeOrigin(options.origin);
  const requestTokenUri = `${origin}/oauth/request_token`;
  const authorizeUri = `${origin}/oauth/authorize`;
  const decideUri = `${origin}/oauth/decide`;
  const accessTokenUri = `${origin}/oauth/access_token`;
  const now = options.now ?? (() => Date.now());
  const windowSeconds = options.timestampWindowSeconds ?? 600;
  const user = options.user ?? { id: "12345", screenName: "ada", name: "Ada Lovelace" };
  const consumers = new Map(options.consumers.map((consumer) => [consumer.key, consumer]));

  const stats: MockOAuth1Stats = { requestTokenRequests: 0, authorizeRequests: 0, accessTokenRequests: 0, verifiedRequests: 0, rejectedRequests: 0 };
  const requestTokens = new Map<string, RequestToken>();
  const accessTokens = new Map<string, AccessToken>();
  const nonces = new Set<string>();

  type TokenKind = "none" | "request" | "access";

  /** Checks everything about a signed request; returns its OAuth parameters. */
  async function verify(request: Request, kind: TokenKind): Promise<{ params: Map<string, string>; consumer: MockOAuth1Consumer; tokenSecret: string }> {
    let header: Map<string, string> | undefined;
    try {
      header = parseOAuthHeader(request.headers.get("authorization"));
    } catch (error) {
      throw new OAuthProblem("parameter_rejected", (error as Error).message, 400);
    }
    const form = await readForm(request);
    const url = new URL(request.url);
    // OAuth parameters may come from the header, the form body or the query (§3.5), but only one place each.
    const params = new Map<string, string>();
    for (const source of [header ? [...header] : [], form ?? [], [...url.searchParams]]) {
      for (const [name, value] of source) {
        if (!name.startsWith("oauth_")) continue;
        if (params.has(name)) throw new OAuthProblem("parameter_rejected", `The OAuth parameter "${name}" appears more than once.`, 400);
        params.set(name, value);
      }
    }
    const absent = OAUTH_PARAMS_REQUIRED.filter((name) => !params.get(name));
    if (kind !== "none" && !params.get("oauth_token")) absent.push("oauth_token");
    if (absent.length > 0) {
      throw new OAuthProblem("parameter_absent", `Missing OAuth parameters: ${absent.join(", ")}.`, 400, { oauth_parameters_absent: absent.join("&") });
    }
    const version = params.get("oauth_version");
    if (version !== undefined && version !== "1.0") throw new OAuthProblem("version_rejected", `oauth_version must be 1.0, not "${version}".`, 400, { oauth_acceptable_versions: "1.0-1.0" });
    const consumer = consumers.get(params.get("oauth_consumer_key")!);
    if (!consumer) throw new OAuthProblem("consumer_key_unknown", "The consumer key is not known.");
    const method = params.get("oauth_signature_method")! as MockOAuth1SignatureMethod;
    if (!MOCK_OAUTH1_SIGNATURE_METHODS.includes(method)) {
      throw new OAuthProblem("signature_method_rejected", `Signature method "${method}" is not accepted; use ${MOCK_OAUTH1_SIGNATURE_METHODS.join(" or ")}.`, 400);
    }
    const timestamp = params.get("oauth_timestamp")!;
    const seconds = Math.floor(now() / 1000);
    if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - seconds) > windowSeconds) {
      throw new OAuthProblem("timestamp_refused", "oauth_timestamp is outside the accepted window.", 401, {
        oauth_acceptable_timestamps: `${seconds - windowSeconds}-${seconds + windowSeconds}`,
      });
    }

    let tokenSecret = "";
    const token = params.get("oauth_token");
    if (kind === "request") {
      const record = token ? requestTokens.get(token) : undefined;
      if (!record || record.consumerKey !== consumer.key || record.expiresAt < now()) throw new OAuthProblem("token_rejected", "The request token is unknown, expired or already used.");
      tokenSecret = record.secret;
    } else if (kind === "access") {
      const record = token ? accessTokens.get(token) : undefined;
      if (!record || record.consumerKey !== consumer.key) throw new OAuthProblem("token_rejected", "The access token is unknown or was revoked.");
      tokenSecret = record.secret;
    }

    const baseString = signatureBaseString(request.method, url, collectParameters(url, header, form));
    const expected = await hmacSignature(method, baseString, consumer.secret, tokenSecret);
    if (!constantTimeEqual(expected, params.get("oauth_signature")!)) {
      throw new OAuthProblem("signature_invalid", "The signature does not match.", 401, { oauth_signature_base_string: baseString });
    }
    const nonceKey = `${consumer.key}&${token ?? ""}&${timestamp}&${params.get("oauth_nonce")}`;
    if (nonces.has(nonceKey)) throw new OAuthProblem("nonce_used", "This nonce was already used with this timestamp.");
    nonces.add(nonceKey);
    return { params, consumer, tokenSecret };
  }

  function problemResponse(problem: OAuthProblem): Response {
    stats.rejectedRequests += 1;
    const body = new URLSearchParams({ oauth_problem: problem.problem, oauth_problem_advice: problem.description, ...problem.extra });
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-store" };
    if (problem.status === 401) headers["www-authenticate"] = `OAuth realm="${options.name.replace(/"/g, "")}"`;
    return new Response(body.toString(), { status: problem.status, headers });
  }

  function formResponse(fields: Record<string, string>): Response {
    return new Response(new URLSearchParams(fields).toString(), {
      status: 200,
      headers: { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-store" },
    });
  }

  async function requestToken(request: Request): Promise<Response> {
    stats.requestTokenRequests += 1;
    try {
      const { params, consumer } = await verify(request, "none");
      if (params.has("oauth_token")) throw new OAuthProblem("parameter_rejected", "A request token request must not carry oauth_token.", 400);
      const callback = params.get("oauth_callback");
      if (!callback) throw new OAuthProblem("parameter_absent", "oauth_callback is required (a URL, or oob).", 400, { oauth_parameters_absent: "oauth_callback" });
      if (callback !== "oob" && !/^https?:\/\//i.test(callback)) throw new OAuthProblem("parameter_rejected", "oauth_callback must be an absolute http(s) URL or oob.", 400);
      const token = randomToken("rt_", 16);
      const secret = randomToken("", 24);
      requestTokens.set(token, { secret, consumerKey: consumer.key, callback, expiresAt: now() + REQUEST_TOKEN_TTL_MS });
      return formResponse({ oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: "true" });
    } catch (error) {
      if (error instanceof OAuthProblem) return problemResponse(error);
      throw error;
    }
  }

  function authorize(url: URL): Response {
    stats.authorizeRequests += 1;
    const token = url.searchParams.get("oauth_token") ?? "";
    const record = requestTokens.get(token);
    if (!record || record.expiresAt < now() || record.verifier) {
      return errorPage(options.name, "This sign-in link is not valid", "The request token is unknown, expired or already used. Start again from the app.");
    }
    const consumer = consumers.get(record.consumerKey)!;
    record.consentId = randomToken("", 16);
    const decide = (decision: string) => `${decideUri}?${new URLSearchParams({ oauth_token: token, request: record.consentId!, decision })}`;
    return consentPage({
      providerName: options.name,
      appName: consumer.name ?? consumer.key,
      permissions: options.permissions ?? [],
      accountName: user.name ?? user.screenName,
      returnHost: record.callback === "oob" ? "a page showing a verification code" : hostOf(record.callback),
      approveHref: decide("approve"),
      denyHref: decide("deny"),
    });
  }

  function decide(url: URL): Response {
    const token = url.searchParams.get("oauth_token") ?? "";
    const record = requestTokens.get(token);
    const consentId = url.searchParams.get("request") ?? "";
    if (!record || !record.consentId || !constantTimeEqual(record.consentId, consentId) || record.expiresAt < now()) {
      return errorPage(options.name, "This request has expired", "This sign-in request was already answered or is too old. Start again from the app.");
    }
    const decision = url.searchParams.get("decision");
    if (decision !== "approve" && decision !== "deny") return errorPage(options.name, "Invalid choice", 'Choose "Approve" or "Deny".');
    record.consentId = undefined;
    if (decision === "deny") {
      requestTokens.delete(token);
      if (record.callback === "oob") return errorPage(options.name, "Access denied", "You denied the request. You can close this window.", 200);
      return redirect(appendQuery(record.callback, { denied: token }));
    }
    record.verifier = randomToken("", 15);
    if (record.callback === "oob") {
      return htmlPage({
        title: `Verification code – ${options.name}`,
        providerName: options.name,
        bodyHtml: `<h1 id="page-heading">Your verification code</h1>\n<p>Enter this code in the app: <code>${escapeHtml(record.verifier)}</code></p>`,
      });
    }
    return redirect(appendQuery(record.callback, { oauth_token: token, oauth_verifier: record.verifier }));
  }

  async function accessToken(request: Request): Promise<Response> {
    stats.accessTokenRequests += 1;
    try {
      const { params, consumer } = await verify(request, "request");
      const token = params.get("oauth_token")!;
      const record = requestTokens.get(token)!;
      const verifier = params.get("oauth_verifier");
      if (!verifier) throw new OAuthProblem("parameter_absent", "oauth_verifier is required.", 400, { oauth_parameters_absent: "oauth_verifier" });
      if (!record.verifier) throw new OAuthProblem("permission_unknown", "The user has not authorized this request token yet.");
      if (!constantTimeEqual(verifier, record.verifier)) throw new OAuthProblem("verifier_invalid", "The verifier does not match.");
      requestTokens.delete(token);
      const access = randomToken("at_", 16);
      const secret = randomToken("", 24);
      accessTokens.set(access, { secret, consumerKey: consumer.key });
      return formResponse({ oauth_token: access, oauth_token_secret: secret, user_id: user.id, screen_name: user.screenName });
    } catch (error) {
      if (error instanceof OAuthProblem) return problemResponse(error);
      throw error;
    }
  }

  async function verifyRequest(request: Request): Promise<OAuth1Verification> {
    try {
      const { params, consumer } = await verify(request, "access");
      stats.verifiedRequests += 1;
      return {
        ok: true,
        consumerKey: consumer.key,
        token: params.get("oauth_token")!,
        user: { id: user.id, screenName: user.screenName },
        signatureMethod: params.get("oauth_signature_method") as MockOAuth1SignatureMethod,
      };
    } catch (error) {
      if (!(error instanceof OAuthProblem)) throw error;
      return { ok: false, status: error.status, problem: error.problem, description: error.description, response: problemResponse(error) };
    }
  }

  async function handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (url.origin !== origin) return undefined;
    switch (url.pathname) {
      case "/oauth/request_token":
        return request.method === "POST" ? requestToken(request) : methodNotAllowed("POST");
      case "/oauth/authorize":
        return request.method === "GET" ? authorize(url) : methodNotAllowed("GET");
      case "/oauth/decide":
        return request.method === "GET" ? decide(url) : methodNotAllowed("GET");
      case "/oauth/access_token":
        return request.method === "POST" ? accessToken(request) : methodNotAllowed("POST");
      default:
        return undefined;
    }
  }

  const handlers: RequestHandler[] = [http.all(`${origin}/*`, ({ request }) => handle(request))];

  return {
    name: options.name,
    origin,
    requestTokenUri,
    authorizeUri,
    accessTokenUri,
    tokenUri: accessTokenUri,
    stats,
    handle,
    handlers,
    verifyRequest,
    isValidAccessToken: (token) => Boolean(token && accessTokens.has(token)),
    revokeAccessTokens: () => accessTokens.clear(),
    reset() {
      requestTokens.clear();
      accessTokens.clear();
      nonces.clear();
      stats.requestTokenRequests = 0;
      stats.authorizeRequests = 0;
      stats.accessTokenRequests = 0;
      stats.verifiedRequests = 0;
      stats.rejectedRequests = 0;
    },
  };
}
