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
  const poll = delay(options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS);
  const pollIntervalMs = Number.isFinite(poll) ? Math.max(1, poll) : DEFAULT_POLL_INTERVAL_MS;
  const signal = options.signal;
  if (signal?.aborted) throw cancelled();

  const features = popupFeatures(popupGeometry(ports.screen(), { width: options.width, height: options.height }));
  const opened = ports.open("about:blank", options.name ?? DEFAULT_POPUP_NAME, features);
  // Rule 11 (Nango's check): null, already closed, or no `closed` at all means blocked.
  if (!opened || opened.closed === true || typeof opened.closed === "undefined") {
    throw new PlugboardError(ErrorKey.POPUP_BLOCKED, {
      message: "The browser blocked the sign-in window. Allow pop-ups for this site, or continue in this tab.",
    });
  }
  const win: WindowLike = opened;
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
      const cleanups: (() => void)[] = [];
      // Registers a release function; runs it at once if the flow already settled.
      const track = (cleanup: () => void): void => {
        if (settled) cleanup();
        else cleanups.push(cleanup);
      };

      // First result wins; everything is released whatever the outcome.
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        fail = undefined;
        for (const cleanup of cleanups.splice(0)) {
          try {
            cleanup();
          } catch {
            // Keep releasing the rest.
          }
        }
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
      track(
        ports.addMessageListener((event) => {
          if (event.origin !== callbackOrigin) return; // Rule 12: exact string comparison.
          accept(event.data);
        }),
      );
      const channel = ports.openChannel?.(OAUTH_CALLBACK_CHANNEL);
      if (channel) {
        channel.addEventListener("message", (event) => accept(event.data));
        track(() => channel.close());
      }

      // Rule 13: `closed` may be COOP, not the user. Keep listening for the grace period.
      const startGrace = (): void => {
        if (!Number.isFinite(closedGraceMs)) return;
        const graceId = ports.setTimeout(() => {
          fail?.(new PlugboardError(ErrorKey.POPUP_CLOSED, { message: "The sign-in window was closed before the connection finished. Try again." }));
        }, closedGraceMs);
        track(() => ports.clearTimeout(graceId));
      };
      let polling = true;
      const pollId = ports.setInterval(() => {
        if (settled || !polling || !win.closed) return;
        polling = false;
        ports.clearInterval(pollId);
        startGrace();
      }, pollIntervalMs);
      track(() => {
        if (polling) ports.clearInterval(pollId);
      });
      if (Number.isFinite(timeoutMs)) {
        const timeoutId = ports.setTimeout(() => {
          fail?.(
            new PlugboardError(ErrorKey.TIMEOUT, {
              message: `The sign-in did not finish within ${describeDuration(timeoutMs)}. Try again.`,
              data: { timeoutMs },
            }),
          );
        }, timeoutMs);
        track(() => ports.clearTimeout(timeoutId));
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
      onAbort(); // pending → `cancelled`; before authorize → authorize() will reject `cancelled`
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

function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? "" : "s"}`;
  return `${Math.round(ms / 1000)} seconds`;
}
