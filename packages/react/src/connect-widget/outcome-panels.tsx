"use client";
/**
 * What the widget needs only after an attempt: the error and cancelled panels and the connected
 * summary. One chunk, loaded lazily once the options are there (an attempt takes at least one round
 * trip), so none of it is in the widget's first chunk. (The blocked-popup notice and the
 * same-window fallback are oauth-button/popup-blocked.ts, a chunk only OAuth options load.)
 */
import { forwardRef } from "react";
import type { FlowError } from "@plugboard/auth-core";
import { slot } from "../internal/class-names.ts";
import type { PanelProps } from "./widget-panels.tsx";

export { ConnectionStatus } from "../connection-status/connection-status.tsx";

/** A failed step: what went wrong and what to do, from the error's stable key. */
export function ErrorPanel(props: PanelProps & { error: FlowError; onRetry?: (() => void) | undefined; onEdit?: (() => void) | undefined }) {
  const { error, messages, unstyled, classNames } = props;
  const text = messages.errors[error.key] ?? messages.errors.internal_error;
  return (
    <div role="alert" className={slot(unstyled, "pb-callout pb-callout-error", classNames.error)} data-error-key={error.key}>
      <p className={slot(unstyled, "pb-callout-title", classNames.errorTitle)}>{messages.errorTitle}</p>
      <p className={slot(unstyled, "pb-callout-message", classNames.errorMessage)}>{text}</p>
      {error.message && error.message !== error.key ? (
        <details className={slot(unstyled, "pb-callout-details", classNames.errorDetails)}>
          <summary>{messages.technicalDetails}</summary>
          <p>
            <code>{error.key}</code> {error.message}
          </p>
        </details>
      ) : null}
      {props.onRetry || props.onEdit ? (
        <div className={unstyled ? undefined : "pb-actions"}>
          {props.onRetry ? (
            <button type="button" className={slot(unstyled, "pb-button pb-button-primary", classNames.retryButton)} onClick={props.onRetry} data-pb-connect="">
              {messages.retry}
            </button>
          ) : null}
          {props.onEdit ? (
            <button type="button" className={slot(unstyled, "pb-button pb-button-secondary", classNames.editButton)} onClick={props.onEdit}>
              {messages.editDetails}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The flow was cancelled (by the user, or by closing the sign-in window). */
export const CancelledPanel = forwardRef<HTMLDivElement, PanelProps & { popupClosed: boolean; onStartOver: () => void }>(function CancelledPanel(props, ref) {
  const { messages, unstyled, classNames } = props;
  return (
    <div ref={ref} tabIndex={-1} className={slot(unstyled, "pb-callout", classNames.cancelled)} data-reason={props.popupClosed ? "popup_closed" : "cancelled"}>
      <p className={unstyled ? undefined : "pb-callout-title"}>{messages.cancelledTitle}</p>
      <p className={unstyled ? undefined : "pb-callout-message"}>{props.popupClosed ? messages.errors.popup_closed : messages.cancelledMessage}</p>
      <div className={unstyled ? undefined : "pb-actions"}>
        <button type="button" className={slot(unstyled, "pb-button pb-button-primary", classNames.startOverButton)} onClick={props.onStartOver}>
          {messages.startOver}
        </button>
      </div>
    </div>
  );
});
