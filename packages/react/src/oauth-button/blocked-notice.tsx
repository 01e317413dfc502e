"use client";
/**
 * What OAuthButton shows when the sign-in window could not open: why, the same-window fallback (when
 * there is a redirect runtime) and a retry. Loaded lazily (OAuthButton starts loading it on mount,
 * so it is ready before a click can be blocked): it is not in the widget's first chunk.
 */
import type { FlowError } from "@plugboard/auth-core";
import type { ClassNames } from "../internal/class-names.ts";
import { slot } from "../internal/class-names.ts";
import type { UiSettings } from "../internal/ui-context.tsx";
import type { OAuthButtonSlot } from "./oauth-button.tsx";
import type { UseOAuthPopupResult } from "./use-oauth-popup.ts";

export interface BlockedNoticeProps {
  ui: UiSettings;
  classNames: ClassNames<OAuthButtonSlot>;
  blocked: FlowError;
  popup: UseOAuthPopupResult;
  /** The button's own `disabled` prop (a hard disable). */
  hardDisabled: boolean | undefined;
  busy: boolean;
  /** Retry: opens the popup again, in this click. */
  connect: () => void;
}

export function BlockedNotice({ ui, classNames, blocked, popup, hardDisabled, busy, connect }: BlockedNoticeProps) {
  return (
    <div role="alert" className={slot(ui.unstyled, "pb-callout pb-callout-warning", classNames.blocked)} data-error-key={blocked.key}>
      <p className={slot(ui.unstyled, "pb-callout-title", classNames.blockedTitle)}>
        {blocked.key === "popup_blocked" ? ui.messages.popupBlockedTitle : ui.messages.errorTitle}
      </p>
      <p className={slot(ui.unstyled, "pb-callout-message", classNames.blockedMessage)}>{ui.messages.errors[blocked.key]}</p>
      {popup.redirectError ? (
        <p className={slot(ui.unstyled, "pb-callout-message", classNames.blockedMessage)} data-error-key={popup.redirectError.key}>
          {ui.messages.errors[popup.redirectError.key]}
        </p>
      ) : null}
      <div className={slot(ui.unstyled, "pb-actions", classNames.blockedActions)}>
        {popup.continueInThisWindow ? (
          <button
            type="button"
            className={slot(ui.unstyled, "pb-button pb-button-primary", classNames.continueButton)}
            disabled={popup.redirecting}
            onClick={() => void popup.continueInThisWindow?.()}
          >
            {ui.messages.continueInThisWindow}
          </button>
        ) : null}
        <button
          type="button"
          className={slot(ui.unstyled, "pb-button pb-button-secondary", classNames.retryButton)}
          disabled={hardDisabled}
          aria-disabled={busy || undefined}
          onClick={connect}
        >
          {ui.messages.retry}
        </button>
      </div>
    </div>
  );
}
