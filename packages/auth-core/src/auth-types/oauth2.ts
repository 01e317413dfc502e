/**
 * oauth2 (authorization code): getOAuthConfig → authorize URL (PKCE S256, fresh state) → callback
 * (state checked first) → token exchange (default request or getTokenData) → credentials
 * (getCredentialsFromAccessTokenResponse or the token response, plus `expires_at`) → test.
 * Refresh: default refresh-token grant or refreshCredentials, single flight via the session.
 */
import { ConnectionSession } from "../engine/connection-session.ts";
import type { AuthTypeHooks, EngineContext } from "../engine/connection-session.ts";
import { methodInputs } from "../engine/method-inputs.ts";
import { ErrorKey, PlugboardError } from "../errors.ts";
import { runFunction } from "../functions/run-function.ts";
import { isPlainObject } from "../http/client-config.ts";
import { parseAuthorizationCallback } from "../oauth/callback-params.ts";
import { callbackSearchParams } from "../oauth/callback-search-params.ts";
import { encodeClientSecretBasic } from "../oauth/client-auth.ts";
import { calculatePkceCodeChallenge, generateCodeVerifier } from "../oauth/pkce.ts";
import { generateRandomState } from "../oauth/random.ts";
import { computeExpiresAt, parseTokenResponse } from "../oauth/token-response.ts";
import type { Connection, Credentials, EffectiveAuthOption } from "../types.ts";
import { prepareInput } from "./client-credentials.ts";

export type ClientAuthLocation = "headers" | "body" | "both";

/** The getOAuthConfig result for oauth2, normalized. */
export interface OAuth2Config {
  clientId: string;
  clientSecret?: string;
  authorizeUri: string;
  tokenUri: string;
  scopes: string[];
  /** Where client credentials go on token requests. Default `headers` (HTTP Basic, RFC 6749 §2.3.1). */
  clientAuthLocation: ClientAuthLocation;
  noRefreshToken: boolean;
  skipPkce: boolean;
  /** Extra authorize-URL parameters (e.g. `access_type=offline`, `prompt=consent`). */
  extra: Record<string, string>;
  /** Expected `iss` of authorization responses (RFC 9207); a Plugboard extension. */
  issuer?: string;
}

/** What must be kept between sending the user to the provider and the callback. */
export interface PendingOAuth2 {
  kind: "oauth2";
  authOptionKey: string;
  authorizeUrl: string;
  state: string;
  redirectUri: string;
  codeVerifier?: string;
  input: Record<string, unknown>;
}

export type OAuthStep = "authorizing" | "exchanging" | "testing";

export async function resolveOAuth2Config(option: EffectiveAuthOption, inputs: Record<string, unknown>, context: EngineContext): Promise<OAuth2Config> {
  const implementation = option.methods.getOAuthConfig;
  if (!implementation) {
    throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `OAuth2 option "${option.key}" has no getOAuthConfig.` });
  }
  const raw = await runFunction("getOAuthConfig", implementation, inputs, context.sandboxLimits ? { sandboxLimits: context.sandboxLimits } : {});
  if (!isPlainObject(raw)) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "getOAuthConfig must return an object with clientId, authorizeUri and tokenUri." });
  }
  const missing = ["clientId", "authorizeUri", "tokenUri"].filter((field) => typeof raw[field] !== "string" || raw[field] === "");
  if (missing.length > 0) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `getOAuthConfig returned no ${missing.join(", ")}. Usually these come from connector parameters (e.g. connectorParameters.clientId): check that they are set.`,
      data: { missing },
    });
  }
  const location = raw.clientAuthLocation;
  const clientAuthLocation: ClientAuthLocation = location === "body" || location === "both" ? location : legacyLocation(raw);
  return {
    clientId: raw.clientId as string,
    ...(typeof raw.clientSecret === "string" && raw.clientSecret !== "" ? { clientSecret: raw.clientSecret } : {}),
    authorizeUri: raw.authorizeUri as string,
    tokenUri: raw.tokenUri as string,
    scopes: normalizeScopes(raw.scopes),
    clientAuthLocation,
    noRefreshToken: raw.noRefreshToken === true,
    skipPkce: raw.skipPkce === true,
    extra: stringRecord(raw.extra),
    ...(typeof raw.issuer === "string" ? { issuer: raw.issuer } : {}),
  };
}

/** Deprecated skip flags (both spellings) still steer the location when clientAuthLocation is absent. */
function legacyLocation(raw: Record<string, unknown>): ClientAuthLocation {
  if (raw.skipClientAuthInHeader === true || raw.skipClientAuthInHeaders === true) return "body";
  return "headers";
}

function normalizeScopes(scopes: unknown): string[] {
  if (Array.isArray(scopes)) return scopes.filter((scope): scope is string => typeof scope === "string" && scope !== "");
  if (typeof scopes === "string") return scopes.split(/[\s,]+/).filter(Boolean);
  return [];
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(value)) if (item !== undefined && item !== null) out[name] = String(item);
  return out;
}

/** Builds the authorize URL; scopes are space-joined and encoded as `%20` (providers reject `+`). */
export function buildAuthorizeUrl(config: OAuth2Config, params: { redirectUri: string; state: string; codeChallenge?: string }): string {
  const url = new URL(config.authorizeUri);
  const query: [string, string][] = [
    ["response_type", "code"],
    ["client_id", config.clientId],
    ["redirect_uri", params.redirectUri],
    ["state", params.state],
  ];
  if (config.scopes.length > 0) query.push(["scope", config.scopes.join(" ")]);
  if (params.codeChallenge) query.push(["code_challenge", params.codeChallenge], ["code_challenge_method", "S256"]);
  for (const [name, value] of Object.entries(config.extra)) query.push([name, value]);
  const existing = url.search.slice(1);
  const encoded = query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  url.search = existing ? `${existing}&${encoded}` : encoded;
  return url.toString();
}

export async function startOAuth2(
  option: EffectiveAuthOption,
  request: { input: Record<string, unknown>; redirectUri: string; state?: string },
  context: EngineContext,
): Promise<PendingOAuth2> {
  const input = prepareInput(option, request.input);
  const state = request.state ?? generateRandomState();
  const inputs = methodInputs({ connectorParameters: context.connectorParameters, input, redirectUri: request.redirectUri, state });
  const config = await resolveOAuth2Config(option, inputs, context);
  const codeVerifier = config.skipPkce ? undefined : generateCodeVerifier();
  const codeChallenge = codeVerifier ? await calculatePkceCodeChallenge(codeVerifier) : undefined;
  return {
    kind: "oauth2",
    authOptionKey: option.key,
    authorizeUrl: buildAuthorizeUrl(config, { redirectUri: request.redirectUri, state, ...(codeChallenge ? { codeChallenge } : {}) }),
    state,
    redirectUri: request.redirectUri,
    ...(codeVerifier ? { codeVerifier } : {}),
    input,
  };
}

/** Sends a form to the token endpoint with client authentication and parses the answer robustly. */
export async function requestToken(config: OAuth2Config, form: Record<string, string>, context: EngineContext): Promise<Record<string, unknown>> {
  const body = new URLSearchParams(form);
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" });
  const inBody = config.clientAuthLocation === "body" || config.clientAuthLocation === "both" || config.clientSecret === undefined;
  const inHeader = config.clientSecret !== undefined && (config.clientAuthLocation === "headers" || config.clientAuthLocation === "both");
  if (inHeader) headers.set("authorization", encodeClientSecretBasic(config.clientId, config.clientSecret!));
  if (inBody) {
    body.set("client_id", config.clientId);
    if (config.clientSecret !== undefined) body.set("client_secret", config.clientSecret);
  }
  const fetchImpl = context.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await fetchImpl(config.tokenUri, { method: "POST", headers, body });
  } catch (error) {
    throw new PlugboardError(ErrorKey.NETWORK_ERROR, { message: `Could not reach the token endpoint ${config.tokenUri}: ${String(error)}`, cause: error });
  }
  return (await parseTokenResponse(response)) as Record<string, unknown>;
}

export async function completeOAuth2(
  option: EffectiveAuthOption,
  pending: PendingOAuth2,
  callback: URL | string | URLSearchParams,
  context: EngineContext,
  onProgress?: (step: OAuthStep) => void,
): Promise<Connection> {
  const baseInputs = methodInputs({
    connectorParameters: context.connectorParameters,
    input: pending.input,
    redirectUri: pending.redirectUri,
    state: pending.state,
  });
  const config = await resolveOAuth2Config(option, baseInputs, context);
  const { code, params } = parseAuthorizationCallback(callback, { state: pending.state, ...expectedIssuer(config, callback) });

  onProgress?.("exchanging");
  const tokenData = option.methods.getTokenData;
  let tokenResponse: Record<string, unknown>;
  if (tokenData) {
    const result = await runFunction(
      "getTokenData",
      tokenData,
      { ...baseInputs, code, codeVerifier: pending.codeVerifier, queryParameters: params },
      context.sandboxLimits ? { sandboxLimits: context.sandboxLimits } : {},
    );
    if (!isPlainObject(result)) throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, { message: "getTokenData must return the token response object." });
    tokenResponse = result;
  } else {
    tokenResponse = await requestToken(
      config,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: pending.redirectUri,
        ...(pending.codeVerifier ? { code_verifier: pending.codeVerifier } : {}),
      },
      context,
    );
  }

  const credentials = await credentialsFromTokenResponse(option, tokenResponse, { ...baseInputs, queryParameters: params }, context);
  onProgress?.("testing");
  const session = new ConnectionSession({
    option,
    connection: {
      authOptionKey: option.key,
      authType: option.type,
      credentials,
      input: pending.input,
      connectedAt: new Date(context.now()).toISOString(),
    },
    context,
    hooks: oauth2Hooks(),
  });
  await session.test();
  return session.connection;
}

/** iss must equal the configured issuer, or at least come from the authorize endpoint's origin (mix-up defence). */
function expectedIssuer(config: OAuth2Config, callback: URL | string | URLSearchParams): { issuer?: string } {
  if (config.issuer) return { issuer: config.issuer };
  const params = callbackSearchParams(callback);
  const iss = params.get("iss");
  if (iss === null) return {};
  return { issuer: sameOrigin(iss, config.authorizeUri) ? iss : new URL(config.authorizeUri).origin };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

async function credentialsFromTokenResponse(
  option: EffectiveAuthOption,
  tokenResponse: Record<string, unknown>,
  inputs: Record<string, unknown>,
  context: EngineContext,
): Promise<Credentials> {
  const implementation = option.methods.getCredentialsFromAccessTokenResponse;
  let credentials: Credentials = { ...tokenResponse };
  if (implementation) {
    const result = await runFunction("getCredentialsFromAccessTokenResponse", implementation, { ...inputs, tokenResponse }, context.sandboxLimits ? { sandboxLimits: context.sandboxLimits } : {});
    if (!isPlainObject(result)) {
      throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, { message: "getCredentialsFromAccessTokenResponse must return an object of credentials." });
    }
    credentials = result;
  }
  return withExpiry(credentials, tokenResponse, context.now());
}

/** Adds `expires_at` (epoch ms) from `expires_in` unless the connector computed its own. */
function withExpiry(credentials: Credentials, tokenResponse: Record<string, unknown>, now: number): Credentials {
  if (typeof credentials.expires_at === "number") return credentials;
  const expiresAt = computeExpiresAt(typeof tokenResponse.expires_in === "number" ? tokenResponse.expires_in : undefined, now);
  return expiresAt === undefined ? credentials : { ...credentials, expires_at: expiresAt };
}

/** The default refresh-token grant; old refresh tokens are kept when the response has none (RFC 6749 §6). */
export function oauth2Hooks(): AuthTypeHooks {
  return {
    async refresh(session: ConnectionSession): Promise<Credentials> {
      const { credentials } = session;
      const refreshToken = credentials.refresh_token;
      if (typeof refreshToken !== "string" || refreshToken === "") {
        throw new PlugboardError(ErrorKey.REFRESH_FAILED, { message: "The access token expired and this connection has no refresh token. Reconnect to continue." });
      }
      const inputs = session.inputs({}, session.nonRefreshingApiClient);
      const config = await resolveOAuth2Config(session.option, inputs, session.context);
      const tokenResponse = await requestToken(config, { grant_type: "refresh_token", refresh_token: refreshToken }, session.context);
      let update: Credentials = tokenResponse;
      const implementation = session.option.methods.getCredentialsFromRefreshTokenResponse;
      if (implementation) {
        const result = await session.run("getCredentialsFromRefreshTokenResponse", implementation, { ...inputs, tokenResponse });
        if (!isPlainObject(result)) {
          throw new PlugboardError(ErrorKey.REFRESH_FAILED, { message: "getCredentialsFromRefreshTokenResponse must return an object of credentials." });
        }
        update = result;
      }
      const merged: Credentials = { ...credentials, ...update };
      if (typeof update.refresh_token !== "string" || update.refresh_token === "") merged.refresh_token = refreshToken;
      // A stale expiry would make every request refresh again; unknown expiry means "refresh on 401".
      if (typeof update.expires_at !== "number") delete merged.expires_at;
      return withExpiry(merged, tokenResponse, session.context.now());
    },
  };
}
