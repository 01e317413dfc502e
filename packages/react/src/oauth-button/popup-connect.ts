/**
 * Connecting through the OAuth popup (oauth-security.md §2.2). `connectWithPopup` must run
 * synchronously inside the click: it opens about:blank first (rule 9), then submits the flow with
 * the popup as its `authorize` step. No React here: the button and the widget call it.
 */
import { ErrorKey, errorKeyOf, isBusy, openAuthPopup, toFlowError } from "@plugboard/auth-core/browser";
import type { ConnectFlow, FlowError } from "@plugboard/auth-core";
import type { AuthPopup, AuthPopupOptions } from "@plugboard/auth-core/browser";

/** Popup settings: test ports, size, callback origin, grace period, timeout. */
export type PopupOptions = Omit<AuthPopupOptions, "signal">;

export type PopupCancelReason = "popup_closed";

export type PopupConnectResult =
  /** The popup is open and the flow runs; `done` settles when the attempt ends. */
  | { status: "started"; done: Promise<void> }
  /** A step is already running (double click): nothing was opened. */
  | { status: "ignored" }
  /** The browser blocked the popup (`popup_blocked`): offer the same-window redirect or a retry. */
  | { status: "blocked"; error: FlowError }
  /** The popup could not be opened for another reason (e.g. an invalid `callbackOrigin`). */
  | { status: "failed"; error: FlowError };

export interface PopupConnectOptions {
  popup?: PopupOptions;
  /** The user closed the popup: after the grace period the flow is cancelled (not failed). */
  onCancelled?: (details: { reason: PopupCancelReason }) => void;
}

export function connectWithPopup(flow: ConnectFlow, options: PopupConnectOptions = {}): PopupConnectResult {
  // A running step means this is a second click: never a second window or a second flow.
  if (isBusy(flow.getSnapshot().state)) return { status: "ignored" };

  const controller = new AbortController();
  let popup: AuthPopup;
  try {
    popup = openAuthPopup({ ...options.popup, signal: controller.signal });
  } catch (error) {
    const flowError = toFlowError(error);
    return flowError.key === ErrorKey.POPUP_BLOCKED ? { status: "blocked", error: flowError } : { status: "failed", error: flowError };
  }

  const before = flow.getSnapshot();
  let attempt = -1;
  const done = flow.submit({
    authorize: (request) =>
      popup.authorize(request).catch((error: unknown) => {
        const current = flow.getSnapshot();
        // A closed popup is the user walking away: cancelled, not an error (and never a late duplicate).
        if (errorKeyOf(error) === ErrorKey.POPUP_CLOSED && current.attempt === attempt && isBusy(current.state)) {
          options.onCancelled?.({ reason: "popup_closed" });
          flow.cancel();
        }
        throw error;
      }),
  });
  const started = flow.getSnapshot();
  if (started === before || !isBusy(started.state)) {
    popup.close();
    return { status: "ignored" };
  }
  attempt = started.attempt;

  // Whatever ends the attempt (connected, failed, cancelled from anywhere), the popup goes with it.
  const unsubscribe = flow.subscribe(() => {
    const current = flow.getSnapshot();
    if (current.attempt !== attempt || !isBusy(current.state)) controller.abort();
  });
  const finished = done.finally(() => {
    unsubscribe();
    popup.close();
  });
  return { status: "started", done: finished };
}
