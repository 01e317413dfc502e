"use client";
import { lazy, Suspense, useEffect, useId } from "react";
import type { MouseEvent, ReactNode } from "react";
import { isBusy } from "@plugboard/auth-core/browser";
import type { ConnectFlow, FlowError } from "@plugboard/auth-core";
import type { ClassNames } from "../internal/class-names.ts";
import { cx, slot } from "../internal/class-names.ts";
import { rootProps, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";
import { useFlowSnapshot } from "../use-connect-flow.ts";
import type { PopupCancelReason, PopupOptions } from "./popup-connect.ts";
import { useOAuthPopup } from "./use-oauth-popup.ts";
import type { RedirectFallbackOptions } from "./use-oauth-popup.ts";

const loadBlockedNotice = () => import("./popup-blocked.ts");
const BlockedNotice = lazy(() => loadBlockedNotice().then((module) => ({ default: module.BlockedNotice })));

export type OAuthButtonSlot = "root" | "button" | "blocked" | "blockedTitle" | "blockedMessage" | "blockedActions" | "continueButton" | "retryButton" | "status";

export interface OAuthButtonProps extends UiProps {
  /** The flow from useConnectFlow (`result.flow`). */
  flow: ConnectFlow;
  /** Popup settings (size, callback origin, grace period, timeout) and `ports` for tests. */
  popup?: PopupOptions;
  /** Offer "Continue in this window" when the popup is blocked. */
  redirect?: RedirectFallbackOptions;
  /**
   * Checked synchronously in the click before anything opens. Return false to skip connecting: the
   * click's default action then goes ahead (a submit button lets its form show its errors).
   */
  canConnect?: () => boolean;
  onBlocked?: (details: { error: FlowError }) => void;
  onCancelled?: (details: { reason: PopupCancelReason }) => void;
  disabled?: boolean;
  /** "submit" inside a form (Enter in a field then connects too). Default "button". */
  type?: "button" | "submit";
  /** Button label; default `messages.signInAndConnect`. */
  children?: ReactNode;
  className?: string;
  classNames?: ClassNames<OAuthButtonSlot>;
}

/**
 * The connect button of OAuth options. The click opens the sign-in popup synchronously (before any
 * await, so browsers don't block it) and then runs the flow through it. A blocked popup shows a
 * same-window fallback and a retry; a busy flow disables the button and ignores extra clicks.
 */
export function OAuthButton(props: OAuthButtonProps) {
  const ui = useUi(props);
  const snapshot = useFlowSnapshot(props.flow);
  const popup = useOAuthPopup({
    flow: props.flow,
    ...(props.popup ? { popup: props.popup } : {}),
    ...(props.redirect ? { redirect: props.redirect } : {}),
    ...(props.onBlocked ? { onBlocked: props.onBlocked } : {}),
    ...(props.onCancelled ? { onCancelled: props.onCancelled } : {}),
  });
  const generatedId = useId().replace(/:/g, "");
  const hintId = `pb-oauth-hint-${generatedId}`;
  const classNames = props.classNames ?? {};
  // Busy is aria-disabled (focus stays on the button); the `disabled` prop is a hard disable.
  const busy = isBusy(snapshot.state) || popup.redirecting;
  const disabled = Boolean(props.disabled) || busy;

  const onClick = (event: MouseEvent<HTMLButtonElement>): void => {
    if (disabled) {
      event.preventDefault();
      return;
    }
    if (props.canConnect && !props.canConnect()) return;
    event.preventDefault();
    popup.connect(); // Opens the popup right here, in the click (oauth-security.md rule 9).
  };

  const blocked = popup.blocked;
  const connectAgain = (): void => {
    if (!disabled && (!props.canConnect || props.canConnect())) popup.connect();
  };
  useEffect(() => {
    loadBlockedNotice().catch(() => undefined); // Ready before a click can be blocked.
  }, []);
  const button = (
    <button
      type={props.type ?? "button"}
      className={slot(ui.unstyled, "pb-button pb-button-primary", classNames.button)}
      disabled={props.disabled}
      aria-disabled={busy || undefined}
      aria-describedby={hintId}
      data-pb-connect=""
      onClick={onClick}
    >
      {props.children ?? ui.messages.signInAndConnect}
    </button>
  );

  return (
    <div {...rootProps(ui, "pb-oauth-button", cx(props.className, classNames.root))}>
      {button}
      <span id={hintId} className="pb-visually-hidden">
        {ui.messages.opensSignInWindow}
      </span>
      {blocked ? (
        <Suspense fallback={null}>
          <BlockedNotice ui={ui} classNames={classNames} blocked={blocked} popup={popup} hardDisabled={props.disabled} busy={busy} connect={connectAgain} />
        </Suspense>
      ) : null}
      {popup.redirecting ? (
        <p role="status" className={slot(ui.unstyled, "pb-status", classNames.status)}>
          {ui.messages.progress.redirecting}
        </p>
      ) : null}
    </div>
  );
}
