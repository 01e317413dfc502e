/**
 * The same-window OAuth flow, the fallback when the popup is blocked (oauth-security.md rule 11).
 * `startRedirectConnect` saves the pending authorization (sessionStorage, single use, 15 min) and
 * leaves for the provider; `resumeRedirectConnect` runs on the page the user comes back to and
 * finishes the connection with the same runtime.
 */
import { ErrorKey, PlugboardError, resumeRedirectAuthorization, startRedirectAuthorization } from "@plugboard/auth-core/browser";
import type { Connection, ConnectProgressStep, PendingAuthorization } from "@plugboard/auth-core";
import type { ResumeRedirectOptions, StartRedirectOptions } from "@plugboard/auth-core/browser";

import { isServerRuntime } from "./runtime-kind.ts";
import type { RedirectRuntime } from "./runtime-kind.ts";

export { isRedirectRuntime, isServerRuntime } from "./runtime-kind.ts";
export type { RedirectRuntime } from "./runtime-kind.ts";

export interface StartRedirectConnectRequest {
  authOptionKey?: string;
  input?: Record<string, unknown>;
  /** Local engine: the callback URL registered with the provider (default: the engine's). */
  redirectUri?: string;
  /**
   * Where to continue afterwards. Server runtime: the page that calls resumeRedirectConnect (the
   * server's callback redirects there with the response). Local: where the callback page may send
   * the user back. Default: the current page.
   */
  returnTo?: string;
}

type SavedConnect =
  | { plugboard: "redirect-connect"; kind: "local"; connectorKey?: string; pending: PendingAuthorization }
  | { plugboard: "redirect-connect"; kind: "server"; connectorKey: string; flowToken: string };

/** Starts the OAuth step and navigates this window to the provider. Resolves just before leaving. */
export async function startRedirectConnect(runtime: RedirectRuntime, request: StartRedirectConnectRequest, options: StartRedirectOptions = {}): Promise<void> {
  const returnTo = request.returnTo ?? currentPage();
  const base = { ...(request.authOptionKey === undefined ? {} : { authOptionKey: request.authOptionKey }), input: request.input ?? {} };
  if (isServerRuntime(runtime)) {
    const authorization = await runtime.startAuthorization({ ...base, ...(returnTo ? { returnTo } : {}) });
    const saved: SavedConnect = { plugboard: "redirect-connect", kind: "server", connectorKey: runtime.connectorKey, flowToken: authorization.flowToken };
    startRedirectAuthorization({ url: authorization.authorizeUrl, state: authorization.state, pending: saved, ...(returnTo ? { returnTo } : {}) }, options);
    return;
  }
  const pending = await runtime.startAuthorization({ ...base, ...(request.redirectUri ? { redirectUri: request.redirectUri } : {}) });
  const saved: SavedConnect = { plugboard: "redirect-connect", kind: "local", ...(runtime.spec.key ? { connectorKey: runtime.spec.key } : {}), pending };
  startRedirectAuthorization({ url: pending.authorizeUrl, state: pending.state, pending: saved, ...(returnTo ? { returnTo } : {}) }, options);
}

export interface ResumeRedirectConnectOptions extends ResumeRedirectOptions {
  onProgress?: (step: ConnectProgressStep) => void;
}

export interface ResumedConnect {
  connection: Connection;
  /** The connector the flow was started for (the spec's key, or the server runtime's connectorKey). */
  connectorKey?: string;
  returnTo?: string;
}

/**
 * On the page the provider (or the server's callback) sent the user back to. Returns `undefined`
 * when the URL carries no OAuth response. Throws `state_mismatch` when the response was not started
 * in this tab (e.g. it belongs to a popup: hand it to `handleOAuthCallback`), `state_expired` after
 * 15 minutes, and the engine's errors (`access_denied`, `token_exchange_failed`, …).
 * `runtime` may be a function of the saved connector key, for one callback page serving many connectors.
 */
export async function resumeRedirectConnect(
  runtime: RedirectRuntime | ((details: { connectorKey?: string }) => RedirectRuntime),
  options: ResumeRedirectConnectOptions = {},
): Promise<ResumedConnect | undefined> {
  const { onProgress, ...resumeOptions } = options;
  const resumed = resumeRedirectAuthorization(resumeOptions);
  if (!resumed) return undefined;
  const saved = readSaved(resumed.pending);
  const target = typeof runtime === "function" ? runtime(saved.connectorKey === undefined ? {} : { connectorKey: saved.connectorKey }) : runtime;
  onProgress?.("exchanging");
  let connection: Connection;
  if (saved.kind === "server") {
    if (!isServerRuntime(target)) throw mismatch("a server runtime (createServerRuntime)");
    connection = await target.completeAuthorization(saved.flowToken, resumed.params);
  } else {
    if (isServerRuntime(target)) throw mismatch("the local engine (createAuthEngine)");
    connection = await target.completeAuthorization(saved.pending, resumed.params, onProgress ? { onProgress } : {});
  }
  return {
    connection,
    ...(saved.connectorKey === undefined ? {} : { connectorKey: saved.connectorKey }),
    ...(resumed.returnTo === undefined ? {} : { returnTo: resumed.returnTo }),
  };
}

function readSaved(value: unknown): SavedConnect {
  const saved = value as Partial<SavedConnect> | null;
  if (saved && saved.plugboard === "redirect-connect" && (saved.kind === "local" || saved.kind === "server")) return saved as SavedConnect;
  throw new PlugboardError(ErrorKey.STATE_MISMATCH, { message: "This sign-in response was not started by Plugboard's redirect flow. Start again." });
}

function mismatch(expected: string): PlugboardError {
  return new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: `This sign-in was started with ${expected}; resume it with the same kind of runtime.` });
}

function currentPage(): string | undefined {
  return typeof window === "undefined" ? undefined : window.location.href;
}
