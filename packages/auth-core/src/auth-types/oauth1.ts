/**
 * oauth1 (1.0a, three-legged): request token → user authorizes → verifier → access token →
 * credentials (`oauth_token`, `oauth_token_secret`, plus whatever the provider returns). Every
 * request of the connection's ApiClient is signed (RFC 5849), form bodies included.
 */
import { ConnectionSession } from "../engine/connection-session.ts";
import type { AuthTypeHooks, EngineContext } from "../engine/connection-session.ts";
import { methodInputs } from "../engine/method-inputs.ts";
import { ErrorKey, PlugboardError } from "../errors.ts";
import { callbackSearchParams } from "../oauth/callback-search-params.ts";
import { runFunction } from "../functions/run-function.ts";
import { isPlainObject } from "../http/client-config.ts";
import { timingSafeEqual } from "../oauth/constant-time.ts";
import { OAUTH1_SIGNATURE_METHODS, signOAuth1Request } from "../oauth/oauth1-signature.ts";
import type { OAuth1SignatureMethod } from "../oauth/oauth1-signature.ts";
import { generateRandomState } from "../oauth/random.ts";
import type { Connection, Credentials, EffectiveAuthOption } from "../types.ts";
import { prepareInput } from "./client-credentials.ts";
import type { OAuthStep } from "./oauth2.ts";

export interface OAuth1Config {
  consumerKey: string;
  consumerSecret: string;
  requestTokenUri: string;
  authorizeUri: string;
  tokenUri: string;
  extra: Record<string, string>;
  /** Plugboard extensions: signature method (default HMAC-SHA1), RSA private key (PEM), realm. */
  signatureMethod: OAuth1SignatureMethod;
  privateKey?: string;
  realm?: string;
}

export interface PendingOAuth1 {
  kind: "oauth1";
  authOptionKey: string;
  authorizeUrl: string;
  /** Our own state, carried on the callback URL (OAuth 1.0a has none). */
  state: string;
  redirectUri: string;
  requestToken: string;
  requestTokenSecret: string;
  input: Record<string, unknown>;
}

export async function resolveOAuth1Config(option: EffectiveAuthOption, inputs: Record<string, unknown>, context: EngineContext): Promise<OAuth1Config> {
  const implementation = option.methods.getOAuthConfig;
  if (!implementation) throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `OAuth1 option "${option.key}" has no getOAuthConfig.` });
  const raw = await runFunction("getOAuthConfig", implementation, inputs, context.sandboxLimits ? { sandboxLimits: context.sandboxLimits } : {});
  if (!isPlainObject(raw)) throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "getOAuthConfig must return an object." });
  const required = ["consumerKey", "requestTokenUri", "authorizeUri", "tokenUri"];
  const method = (raw.signatureMethod ?? "HMAC-SHA1") as OAuth1SignatureMethod;
  if (!method.startsWith("RSA")) required.push("consumerSecret");
  const missing = required.filter((field) => typeof raw[field] !== "string" || raw[field] === "");
  if (missing.length > 0) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `getOAuthConfig returned no ${missing.join(", ")}. Usually these come from connector parameters: check that they are set.`,
      data: { missing },
    });
  }
  if (!OAUTH1_SIGNATURE_METHODS.includes(method)) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: `Unknown OAuth1 signatureMethod "${method}". Use one of ${OAUTH1_SIGNATURE_METHODS.join(", ")}.` });
  }
  const extra: Record<string, string> = {};
  if (isPlainObject(raw.extra)) for (const [name, value] of Object.entries(raw.extra)) if (value !== undefined && value !== null) extra[name] = String(value);
  return {
    consumerKey: raw.consumerKey as string,
    consumerSecret: typeof raw.consumerSecret === "string" ? raw.consumerSecret : "",
    requestTokenUri: raw.requestTokenUri as string,
    authorizeUri: raw.authorizeUri as string,
    tokenUri: raw.tokenUri as string,
    extra,
    signatureMethod: method,
    ...(typeof raw.privateKey === "string" ? { privateKey: raw.privateKey } : {}),
    ...(typeof raw.realm === "string" ? { realm: raw.realm } : {}),
  };
}

/** POSTs a signed request to a token endpoint and parses the form-encoded answer. */
async function tokenRequest(
  config: OAuth1Config,
  url: string,
  extra: { token?: string; tokenSecret?: string; callback?: string; verifier?: string },
  context: EngineContext,
): Promise<Record<string, string>> {
  const { authorization } = await signOAuth1Request({
    method: "POST",
    url,
    consumerKey: config.consumerKey,
    consumerSecret: config.consumerSecret,
    signatureMethod: config.signatureMethod,
    ...(config.privateKey ? { privateKey: config.privateKey } : {}),
    ...(config.realm ? { realm: config.realm } : {}),
    ...extra,
  });
  const fetchImpl = context.fetch ?? ((input: string | URL | Request, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "POST", headers: { authorization, accept: "application/x-www-form-urlencoded, application/json" } });
  } catch (error) {
    throw new PlugboardError(ErrorKey.NETWORK_ERROR, { message: `Could not reach ${url}: ${String(error)}`, cause: error });
  }
  const text = await response.text();
  const fields = parseTokenBody(text);
  if (!response.ok || !fields.oauth_token) {
    const problem = fields.oauth_problem ?? fields.error;
    throw new PlugboardError(problem === "permission_denied" || problem === "access_denied" ? ErrorKey.ACCESS_DENIED : ErrorKey.TOKEN_EXCHANGE_FAILED, {
      message: `${url} answered HTTP ${response.status}${problem ? ` (${problem})` : ""} without an oauth_token.`,
      data: { status: response.status, body: text.slice(0, 2000), ...(problem ? { error: problem } : {}) },
    });
  }
  return fields;
}

function parseTokenBody(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(json).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(trimmed));
}

export async function startOAuth1(
  option: EffectiveAuthOption,
  request: { input: Record<string, unknown>; redirectUri: string; state?: string },
  context: EngineContext,
): Promise<PendingOAuth1> {
  const input = prepareInput(option, request.input);
  const state = request.state ?? generateRandomState();
  const config = await resolveOAuth1Config(option, methodInputs({ connectorParameters: context.connectorParameters, input, redirectUri: request.redirectUri, state }), context);
  const callback = new URL(request.redirectUri);
  callback.searchParams.set("state", state);
  const temporary = await tokenRequest(config, config.requestTokenUri, { callback: callback.toString() }, context);
  const authorize = new URL(config.authorizeUri);
  authorize.searchParams.set("oauth_token", temporary.oauth_token!);
  for (const [name, value] of Object.entries(config.extra)) authorize.searchParams.set(name, value);
  return {
    kind: "oauth1",
    authOptionKey: option.key,
    authorizeUrl: authorize.toString(),
    state,
    redirectUri: request.redirectUri,
    requestToken: temporary.oauth_token!,
    requestTokenSecret: temporary.oauth_token_secret ?? "",
    input,
  };
}

/** Checks the callback: no repeated parameters, our state first, then the provider's answer. */
export function parseOAuth1Callback(callback: URL | string | URLSearchParams, pending: PendingOAuth1): { verifier: string } {
  const search = callbackSearchParams(callback);
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name in params) throw new PlugboardError(ErrorKey.DUPLICATE_PARAMETER, { message: `The callback parameter "${name}" appears more than once.`, data: { parameter: name } });
    params[name] = value;
  }
  if (!params.state) throw new PlugboardError(ErrorKey.STATE_MISSING, { message: 'The OAuth1 callback has no "state" parameter.' });
  if (!timingSafeEqual(params.state, pending.state)) throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: 'The OAuth1 callback "state" does not match this flow.' });
  if (params.denied !== undefined || params.error === "access_denied") {
    throw new PlugboardError(ErrorKey.ACCESS_DENIED, { message: "The user declined to authorize the app." });
  }
  if (params.oauth_token !== pending.requestToken) {
    throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: "The OAuth1 callback is for a different request token." });
  }
  if (!params.oauth_verifier) throw new PlugboardError(ErrorKey.TOKEN_EXCHANGE_FAILED, { message: "The OAuth1 callback has no oauth_verifier." });
  return { verifier: params.oauth_verifier };
}

export async function completeOAuth1(
  option: EffectiveAuthOption,
  pending: PendingOAuth1,
  callback: URL | string | URLSearchParams,
  context: EngineContext,
  onProgress?: (step: OAuthStep) => void,
): Promise<Connection> {
  const { verifier } = parseOAuth1Callback(callback, pending);
  const config = await resolveOAuth1Config(option, methodInputs({ connectorParameters: context.connectorParameters, input: pending.input }), context);
  onProgress?.("exchanging");
  const credentials: Credentials = await tokenRequest(
    config,
    config.tokenUri,
    { token: pending.requestToken, tokenSecret: pending.requestTokenSecret, verifier },
    context,
  );
  onProgress?.("testing");
  const session = new ConnectionSession({
    option,
    connection: { authOptionKey: option.key, authType: option.type, credentials, input: pending.input, connectedAt: new Date(context.now()).toISOString() },
    context,
    hooks: oauth1Hooks(),
  });
  await session.test();
  return session.connection;
}

/** Signs every ApiClient request with the consumer and access token secrets. */
export function oauth1Hooks(): AuthTypeHooks {
  const configs = new WeakMap<ConnectionSession, Promise<OAuth1Config>>();
  return {
    async authorizeRequest(request, session) {
      let config = configs.get(session);
      if (!config) {
        config = resolveOAuth1Config(session.option, session.inputs(), session.context);
        configs.set(session, config);
      }
      const resolved = await config;
      const { credentials } = session;
      const { authorization } = await signOAuth1Request({
        method: request.method,
        url: request.url,
        ...(request.formParams ? { params: request.formParams } : {}),
        consumerKey: resolved.consumerKey,
        consumerSecret: resolved.consumerSecret,
        signatureMethod: resolved.signatureMethod,
        ...(resolved.privateKey ? { privateKey: resolved.privateKey } : {}),
        ...(resolved.realm ? { realm: resolved.realm } : {}),
        ...(typeof credentials.oauth_token === "string" ? { token: credentials.oauth_token } : {}),
        ...(typeof credentials.oauth_token_secret === "string" ? { tokenSecret: credentials.oauth_token_secret } : {}),
      });
      request.headers.set("authorization", authorization);
    },
  };
}
