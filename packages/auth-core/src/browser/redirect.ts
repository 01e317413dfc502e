/**
 * Same-window redirect flow, the fallback when the popup is blocked (rule 11). The pending
 * authorization is kept in sessionStorage under its state: single use, 15 minutes (rule 1).
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { assertHttpUrl, assertState, readCallbackParams, stateOf, stripCallbackParams } from "./callback-message.ts";
import type { CallbackHistory } from "./callback-page.ts";

export interface RedirectStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Saved entries expire after 15 minutes (oidc-client-ts `staleStateAgeInSeconds`). */
export const REDIRECT_STATE_MAX_AGE_MS = 15 * 60_000;
export const REDIRECT_STORAGE_PREFIX = "plugboard-oauth:";

interface SavedRedirect {
  v: 1;
  createdAt: number;
  pending: unknown;
  returnTo?: string;
}

export interface StartRedirectOptions {
  /** Default window.sessionStorage (per tab, survives the round trip). */
  storage?: RedirectStorage;
  /** Default window.location.assign. */
  navigate?: (url: string) => void;
  /** Default Date.now. */
  now?: () => number;
}

export interface ResumeRedirectOptions {
  storage?: RedirectStorage;
  /** Default window.location. */
  location?: { href: string };
  /** Default window.history. */
  history?: CallbackHistory;
  now?: () => number;
}

export interface ResumedRedirect {
  pending: unknown;
  /** Every response pair in order, duplicates kept (the engine rejects them). */
  params: URLSearchParams;
  returnTo?: string;
}

/**
 * Saves `pending` (any JSON: the engine's pending authorization plus app data such as the connector
 * and option) under its state, then navigates the current window to `url`.
 */
export function startRedirectAuthorization(
  request: { url: string; state: string; pending: unknown; returnTo?: string },
  options: StartRedirectOptions = {},
): void {
  const url = assertHttpUrl(request.url, "The authorize URL");
  const state = assertState(request.state);
  const storage = options.storage ?? window.sessionStorage;
  const navigate = options.navigate ?? ((target: string) => window.location.assign(target));
  const saved: SavedRedirect = { v: 1, createdAt: (options.now ?? Date.now)(), pending: request.pending };
  if (request.returnTo !== undefined) saved.returnTo = request.returnTo;

  let text: string;
  try {
    text = JSON.stringify(saved);
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The pending authorization must be JSON-serializable.", cause });
  }
  try {
    storage.setItem(REDIRECT_STORAGE_PREFIX + state, text);
  } catch (cause) {
    // Fail before leaving the page: coming back without the entry could only be `state_mismatch`.
    throw new PlugboardError(ErrorKey.NOT_SUPPORTED, {
      message: "This browser did not let Plugboard save the sign-in state (storage unavailable or full). Try again or use another browser window.",
      cause,
    });
  }
  navigate(url);
}

/**
 * On the page the provider returned to. Returns `undefined` when the URL carries no `state` (not a
 * redirect return). A state saved here is consumed (single use): params are returned and the response
 * is stripped from the address bar. Throws `state_expired` for an entry older than 15 minutes and
 * `state_mismatch` for a state this tab never saved; in the mismatch case the URL is left untouched, so
 * a callback page shared with the popup flow can hand it to `handleOAuthCallback` instead.
 */
export function resumeRedirectAuthorization(options: ResumeRedirectOptions = {}): ResumedRedirect | undefined {
  const location = options.location ?? window.location;
  const href = location.href;
  const pairs = readCallbackParams(href);
  const state = stateOf(pairs);
  if (state === "") return undefined;

  const storage = options.storage ?? window.sessionStorage;
  const key = REDIRECT_STORAGE_PREFIX + state;
  const raw = storage.getItem(key);
  const saved = parseSaved(raw);
  if (!saved) {
    if (raw !== null) storage.removeItem(key); // corrupt entry
    throw new PlugboardError(ErrorKey.STATE_MISMATCH, {
      message: "This sign-in response does not belong to a sign-in started in this tab (unknown or already used state). Start again.",
    });
  }
  storage.removeItem(key); // Rule 1: single use, whatever happens next.
  strip(href, options.history ?? window.history);

  const age = (options.now ?? Date.now)() - saved.createdAt;
  if (!(age <= REDIRECT_STATE_MAX_AGE_MS)) {
    throw new PlugboardError(ErrorKey.STATE_EXPIRED, {
      message: "The sign-in took longer than 15 minutes and expired. Start again.",
      data: { maxAgeMs: REDIRECT_STATE_MAX_AGE_MS },
    });
  }
  const result: ResumedRedirect = { pending: saved.pending, params: new URLSearchParams(pairs) };
  if (saved.returnTo !== undefined) result.returnTo = saved.returnTo;
  return result;
}

function parseSaved(text: string | null): SavedRedirect | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<SavedRedirect> | null;
    if (value && value.v === 1 && typeof value.createdAt === "number") return value as SavedRedirect;
  } catch {
    // Corrupt entry: treated as unknown.
  }
  return undefined;
}

function strip(href: string, history: CallbackHistory): void {
  const stripped = stripCallbackParams(href);
  if (stripped === undefined) return;
  try {
    history.replaceState(null, "", stripped);
  } catch {
    // Sandboxed history: nothing else to do.
  }
}
