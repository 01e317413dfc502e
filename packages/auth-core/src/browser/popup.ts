/**
 * The OAuth popup (DESIGN §7, oauth-security.md §2.2 rules 9–14). `openAuthPopup` runs inside the
 * click and opens about:blank at once; `authorize` navigates it later and waits for the callback page.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { timingSafeEqual } from "../oauth/constant-time.ts";
import { assertExactOrigin, assertHttpUrl, assertState, isOAuthCallbackMessage, OAUTH_CALLBACK_CHANNEL } from "./callback-message.ts";
import { popupFeatures, popupGeometry } from "./popup-features.ts";
import { browserPorts } from "./ports.ts";
import type { BrowserPorts, WindowLike } from "./ports.ts";

export const DEFAULT_POPUP_NAME = "plugboard-oauth";
export const DEFAULT_POPUP_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_CLOSED_GRACE_MS = 2_000;
export const DEFAULT_POLL_INTERVAL_MS = 500;

export interface AuthPopupOptions {
  ports?: BrowserPorts;
  /** Default 600×720, clamped to the screen, centred over the opener. */
  width?: number;
  height?: number;
  /** Window target name, default "plugboard-oauth" (a second open reuses the same window). */
  name?: string;
  /** Origin the callback page runs on (where messages must come from); default ports.origin(). */
  callbackOrigin?: string;
  /** Default 5 minutes → `timeout`. `Infinity` disables. */
  timeoutMs?: number;
  /** Default 2000 → `popup_closed` only if no result arrived within this period after `closed` became true. `Infinity`: never. */
  closedGraceMs?: number;
  /** Default 500. */
  pollIntervalMs?: number;
  /** Abort → `cancelled`, closes the popup. */
  signal?: AbortSignal;
}

export interface AuthPopup {
  readonly window: WindowLike;
  /** Navigates the already-open popup to the provider and waits for the callback; resolves the callback params (duplicates preserved). Once per popup. */
  authorize(request: { url: string; state: string }): Promise<URLSearchParams>;
  /** Closes the window; a pending authorize() rejects with `cancelled`. */
  close(): void;
}

/**
 * MUST be called synchronously inside the click handler (rule 9): opens about:blank before any await.
 * Throws `popup_blocked` synchronously when the browser blocked it (rule 11).
 */
export function openAuthPopup(options: AuthPopupOptions = {}): AuthPopup {
  const ports = options.ports ?? browserPorts();
  const callbackOrigin = assertExactOrigin(options.callbackOrigin ?? ports.origin(), "callbackOrigin");
  const timeoutMs = delay(options.timeoutMs, DEFAULT_POPUP_TIMEOUT_MS);
  const closedGraceMs = delay(options.closedGraceMs, DEFAULT_CLOSED_GRACE_MS);
  const pollIntervalMs = Math.max(1, delay(options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS));
  const signal = options.signal;
  if (signal?.aborted) throw cancelled();

  const features = popupFeatures(popupGeometry(ports.screen(), { width: options.width, height: options.height }));
  const win = ports.open("about:blank", options.name ?? DEFAULT_POPUP_NAME, features);
  // Rule 11 (Nango's check): null, already closed, or no `closed` at all means blocked.
  if (!win || win.closed === true || typeof win.closed === "undefined") {
    throw new PlugboardError(ErrorKey.POPUP_BLOCKED, {
      message: "The browser blocked the sign-in window. Allow pop-ups for this site, or continue in this tab.",
    });
  }
  try {
    win.focus?.();
  } catch {
    // Focus is a nicety.
  }

  let used = false;
  let aborted = false;
  let fail: ((error: PlugboardError) => void) | undefined; // set while authorize() is pending

  const closeWindow = (): void => {
    try {
      if (!win.closed) win.close();
    } catch {
      // A COOP-cut handle may refuse; the callback page closes itself (rule 14).
    }
  };
  const onAbort = (): void => {
    aborted = true;
    if (fail) fail(cancelled());
    else closeWindow();
  };
  signal?.addEventListener("abort", onAbort, { once: true });

  function authorize(request: { url: string; state: string }): Promise<URLSearchParams> {
    return new Promise<URLSearchParams>((resolve, reject) => {
      if (used) {
        reject(new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "authorize() runs once per popup: open a new popup in the next click." }));
        return;
      }
      used = true;
      if (aborted) {
        signal?.removeEventListener("abort", onAbort);
        closeWindow();
        reject(cancelled());
        return;
      }
      let expectedState: string;
      try {
        assertHttpUrl(request.url, "The authorize URL");
        expectedState = assertState(request.state);
      } catch (error) {
        signal?.removeEventListener("abort", onAbort);
        closeWindow();
        reject(error);
        return;
      }

      let settled = false;
      let removeMessageListener: (() => void) | undefined;
      let channel: ReturnType<NonNullable<BrowserPorts["openChannel"]>>;
      let pollId: unknown;
      let timeoutId: unknown;
      let graceId: unknown;

      // First result wins; everything is released whatever the outcome.
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        fail = undefined;
        removeMessageListener?.();
        try {
          channel?.close();
        } catch {
          // Already closed.
        }
        if (pollId !== undefined) ports.clearInterval(pollId);
        if (timeoutId !== undefined) ports.clearTimeout(timeoutId);
        if (graceId !== undefined) ports.clearTimeout(graceId);
        signal?.removeEventListener("abort", onAbort);
        closeWindow();
        finish();
      };
      fail = (error) => settle(() => reject(error));

      // Rule 12/14: right shape and our state; anything else is ignored silently.
      const accept = (data: unknown): void => {
        if (settled || !isOAuthCallbackMessage(data) || !timingSafeEqual(data.state, expectedState)) return;
        const params = new URLSearchParams(data.params);
        settle(() => resolve(params));
      };
      removeMessageListener = ports.addMessageListener((event) => {
        if (event.origin !== callbackOrigin) return; // Rule 12: exact string comparison.
        accept(event.data);
      });
      channel = ports.openChannel?.(OAUTH_CALLBACK_CHANNEL);
      channel?.addEventListener("message", (event) => accept(event.data));

      // Rule 13: `closed` may be COOP, not the user. Keep listening for the grace period.
      pollId = ports.setInterval(() => {
        if (settled || !win.closed) return;
        ports.clearInterval(pollId);
        pollId = undefined;
        if (Number.isFinite(closedGraceMs)) {
          graceId = ports.setTimeout(() => {
            graceId = undefined;
            fail?.(new PlugboardError(ErrorKey.POPUP_CLOSED, { message: "The sign-in window was closed before the connection finished. Try again." }));
          }, closedGraceMs);
        }
      }, pollIntervalMs);
      if (Number.isFinite(timeoutMs)) {
        timeoutId = ports.setTimeout(() => {
          timeoutId = undefined;
          fail?.(
            new PlugboardError(ErrorKey.TIMEOUT, {
              message: `The sign-in did not finish within ${Math.round(timeoutMs / 1000)} seconds. Try again.`,
              data: { timeoutMs },
            }),
          );
        }, timeoutMs);
      }

      // Rule 9: the window was opened in the click; navigate it now.
      try {
        if (typeof win.location.replace === "function") win.location.replace(request.url);
        else win.location.href = request.url;
      } catch (cause) {
        fail(new PlugboardError(ErrorKey.POPUP_BLOCKED, { message: "The sign-in window could not be opened at the provider. Continue in this tab.", cause }));
      }
    });
  }

  return {
    window: win,
    authorize,
    close(): void {
      if (fail) fail(cancelled());
      else closeWindow();
    },
  };
}

function cancelled(): PlugboardError {
  return new PlugboardError(ErrorKey.CANCELLED, { message: "The sign-in was cancelled." });
}

/** A delay option: default when missing or NaN, never negative; values beyond the 32-bit timer range mean "never". */
function delay(value: number | undefined, fallback: number): number {
  if (value === undefined || Number.isNaN(value)) return fallback;
  if (value > 2_147_483_647) return Infinity;
  return Math.max(0, value);
}
