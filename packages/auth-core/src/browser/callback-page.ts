/**
 * Runs on the redirect_uri page inside the popup (rules 12, 14, 15): hands the response to the
 * opener by exact-origin postMessage and by BroadcastChannel, strips it from the address bar, closes.
 */
import type { OAuthCallbackMessage } from "./callback-message.ts";
import { assertExactOrigin, OAUTH_CALLBACK_CHANNEL, readCallbackParams, stateOf, stripCallbackParams } from "./callback-message.ts";
import { browserPorts } from "./ports.ts";
import type { BrowserPorts } from "./ports.ts";

export const DEFAULT_CLOSE_DELAY_MS = 300;

export type CallbackPagePorts = Pick<BrowserPorts, "origin" | "openChannel" | "setTimeout">;

export interface CallbackHistory {
  replaceState(data: unknown, unused: string, url?: string): void;
}

export interface HandleCallbackOptions {
  /** Default browserPorts(): origin, BroadcastChannel and setTimeout. */
  ports?: CallbackPagePorts;
  /** Where the opener runs; default the page's own origin. NEVER "*" (throws `invalid_argument`). */
  targetOrigin?: string;
  /** Default window.location. */
  location?: { href: string };
  /** Default window.history. */
  history?: CallbackHistory;
  /** Default window.opener (null when COOP cut the link). */
  opener?: { postMessage(message: unknown, targetOrigin: string): void } | null;
  /** Default window.close(). */
  closeWindow?: () => void;
  /** Default 300 ms, so the messages leave before the window goes. */
  closeDelayMs?: number;
}

export interface HandleCallbackResult {
  /** The response's `state`, or "" when it has none (then nothing is posted). */
  state: string;
  delivered: { opener: boolean; channel: boolean };
}

/**
 * Reads the query (and a parameter-like fragment), posts an OAuthCallbackMessage to `window.opener`
 * with the exact targetOrigin and on the `plugboard-oauth` BroadcastChannel, removes code/state from
 * the address bar, and closes the window after `closeDelayMs`.
 *
 * A response without `state` is posted nowhere: the opener only accepts its own state, so such a
 * message could never be matched. The window still closes, so the opener settles with
 * `popup_closed` after its grace period instead of waiting for the timeout.
 */
export function handleOAuthCallback(options: HandleCallbackOptions = {}): HandleCallbackResult {
  const ports = options.ports ?? browserPorts();
  const targetOrigin = assertExactOrigin(options.targetOrigin ?? ports.origin(), "targetOrigin"); // Rule 12: never "*".
  const location = options.location ?? window.location;
  const history = options.history ?? window.history;
  const opener = options.opener === undefined ? window.opener : options.opener;
  const closeWindow = options.closeWindow ?? (() => window.close());
  const closeDelayMs = options.closeDelayMs ?? DEFAULT_CLOSE_DELAY_MS;

  const href = location.href;
  const params = readCallbackParams(href);
  const state = stateOf(params);
  const delivered = { opener: false, channel: false };
  let channel: ReturnType<NonNullable<CallbackPagePorts["openChannel"]>>;

  if (state !== "") {
    const message: OAuthCallbackMessage = { source: "plugboard", type: "oauth-callback", state, params };
    if (opener) {
      try {
        opener.postMessage(message, targetOrigin);
        delivered.opener = true;
      } catch {
        // A cut or foreign opener: the channel below still works.
      }
    }
    try {
      channel = ports.openChannel?.(OAUTH_CALLBACK_CHANNEL);
      if (channel) {
        channel.postMessage(message);
        delivered.channel = true;
      }
    } catch {
      // No BroadcastChannel here.
    }
  }

  // Rule 15: the code must not stay in the address bar (history, Referer, screenshots).
  const stripped = stripCallbackParams(href);
  if (stripped !== undefined) {
    try {
      history.replaceState(null, "", stripped);
    } catch {
      // Some sandboxes forbid it; the window is about to close anyway.
    }
  }

  // The opener may be COOP-cut and unable to close us (rule 14), so the page closes itself.
  ports.setTimeout(() => {
    try {
      channel?.close();
    } finally {
      closeWindow();
    }
  }, Math.max(0, closeDelayMs));

  return { state, delivered };
}
