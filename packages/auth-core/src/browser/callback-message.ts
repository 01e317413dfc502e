/** The message a callback page sends to the opener, and reading/stripping callback URLs (rules 12, 14, 15). */
import { ErrorKey, PlugboardError } from "../errors.ts";

/** The message a callback page sends back. `params` keeps every query/fragment pair in order (duplicates included, so the engine can reject them). */
export interface OAuthCallbackMessage {
  source: "plugboard";
  type: "oauth-callback";
  state: string;
  params: [string, string][];
}

/** BroadcastChannel name used when COOP cuts `window.opener` (rule 14). Same-origin by nature. */
export const OAUTH_CALLBACK_CHANNEL = "plugboard-oauth";

/** Authorization-response parameters removed from the address bar (rule 15). Other query parameters stay. */
export const CALLBACK_RESPONSE_PARAMS: readonly string[] = [
  "code",
  "state",
  "iss",
  "error",
  "error_description",
  "error_uri",
  "session_state",
  "oauth_token",
  "oauth_verifier",
  "id_token",
  "access_token",
  "refresh_token",
  "token_type",
  "expires_in",
  "scope",
];

/** Structural check of a received message: source, type, a string state and `[string, string]` pairs. */
export function isOAuthCallbackMessage(data: unknown): data is OAuthCallbackMessage {
  if (typeof data !== "object" || data === null) return false;
  const message = data as Partial<Record<keyof OAuthCallbackMessage, unknown>>;
  return (
    message.source === "plugboard" &&
    message.type === "oauth-callback" &&
    typeof message.state === "string" &&
    Array.isArray(message.params) &&
    message.params.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string" && typeof pair[1] === "string")
  );
}

/**
 * Every response pair of a callback URL, in order: the query first, then the fragment when it looks
 * like parameters (contains `=`; `response_mode=fragment`). Duplicates are kept.
 */
export function readCallbackParams(href: string): [string, string][] {
  const url = new URL(href);
  const pairs = [...url.searchParams];
  const fragment = url.hash.slice(1);
  if (fragment.includes("=")) pairs.push(...new URLSearchParams(fragment));
  return pairs;
}

/** The first `state` value, or `""` when there is none. */
export function stateOf(pairs: readonly [string, string][]): string {
  return pairs.find(([name]) => name === "state")?.[1] ?? "";
}

/**
 * The same URL without the response parameters (as a path for `history.replaceState`), or
 * `undefined` when nothing needs to change.
 */
export function stripCallbackParams(href: string): string | undefined {
  const url = new URL(href);
  let changed = false;
  for (const name of CALLBACK_RESPONSE_PARAMS) {
    if (url.searchParams.has(name)) {
      url.searchParams.delete(name);
      changed = true;
    }
  }
  const fragment = url.hash.slice(1);
  if (fragment.includes("=")) {
    const hashParams = new URLSearchParams(fragment);
    if (CALLBACK_RESPONSE_PARAMS.some((name) => hashParams.has(name))) {
      for (const name of CALLBACK_RESPONSE_PARAMS) hashParams.delete(name);
      const rest = hashParams.toString();
      url.hash = rest ? `#${rest}` : "";
      changed = true;
    }
  }
  return changed ? `${url.pathname}${url.search}${url.hash}` : undefined;
}

/** Rule 12: origins are compared as exact strings, so they must be serialized origins (no `*`, `/`, paths or trailing slash). */
export function assertExactOrigin(origin: string, what: string): string {
  let parsed: string | undefined;
  try {
    parsed = new URL(origin).origin;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed === "null" || parsed !== origin) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
      message: `${what} must be an exact origin such as "https://app.example.com" (got ${JSON.stringify(origin)}); "*" is never allowed.`,
      data: { origin },
    });
  }
  return origin;
}

/** Only http(s) URLs may be opened: a `javascript:` URL would run in our origin inside the about:blank popup. */
export function assertHttpUrl(url: string, what: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "https:" && protocol !== "http:") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `${what} must be an http(s) URL.`, data: { url } });
  }
  return url;
}

export function assertState(state: unknown): string {
  if (typeof state !== "string" || state === "") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The authorization request needs a non-empty state (rule 1)." });
  }
  return state;
}
