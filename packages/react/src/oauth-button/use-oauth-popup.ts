"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { toFlowError } from "@plugboard/auth-core/browser";
import type { ConnectFlow, FlowError } from "@plugboard/auth-core";
import type { StartRedirectOptions } from "@plugboard/auth-core/browser";
import { connectWithPopup } from "./popup-connect.ts";
import type { PopupCancelReason, PopupConnectResult, PopupOptions } from "./popup-connect.ts";
import type { RedirectRuntime } from "./runtime-kind.ts";

/** Enables "Continue in this window" when the popup is blocked. */
export interface RedirectFallbackOptions {
  runtime: RedirectRuntime;
  redirectUri?: string;
  returnTo?: string;
  /** Storage/navigation ports (tests). */
  options?: StartRedirectOptions;
}

export interface UseOAuthPopupOptions {
  flow: ConnectFlow;
  popup?: PopupOptions;
  redirect?: RedirectFallbackOptions;
  onBlocked?: (details: { error: FlowError }) => void;
  onCancelled?: (details: { reason: PopupCancelReason }) => void;
}

export interface UseOAuthPopupResult {
  /** Call synchronously in the click handler (no await before it). */
  connect(): PopupConnectResult;
  /** Set while the last click found the popup blocked (or it failed to open). */
  blocked: FlowError | undefined;
  redirecting: boolean;
  redirectError: FlowError | undefined;
  /** Same-window redirect; undefined when no redirect runtime was given. */
  continueInThisWindow: (() => Promise<void>) | undefined;
  dismiss(): void;
}

export function useOAuthPopup(options: UseOAuthPopupOptions): UseOAuthPopupResult {
  const [blocked, setBlocked] = useState<FlowError | undefined>(undefined);
  const [redirecting, setRedirecting] = useState(false);
  const [redirectError, setRedirectError] = useState<FlowError | undefined>(undefined);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const connect = useCallback((): PopupConnectResult => {
    const current = latest.current;
    const result = connectWithPopup(current.flow, {
      ...(current.popup ? { popup: current.popup } : {}),
      onCancelled: (details) => latest.current.onCancelled?.(details),
    });
    if (result.status === "blocked" || result.status === "failed") {
      setBlocked(result.error);
      setRedirectError(undefined);
      current.onBlocked?.({ error: result.error });
    } else if (result.status === "started") {
      setBlocked(undefined);
      setRedirectError(undefined);
    }
    return result;
  }, []);

  const redirect = options.redirect;
  const continueInThisWindow = useCallback(async (): Promise<void> => {
    const current = latest.current;
    if (!current.redirect) return;
    const snapshot = current.flow.getSnapshot();
    setRedirecting(true);
    setRedirectError(undefined);
    try {
      // Loaded on demand (the OAuth button preloads this chunk): most flows never need the fallback.
      const { startRedirectConnect } = await import("./popup-blocked.ts");
      await startRedirectConnect(
        current.redirect.runtime,
        {
          ...(snapshot.selectedOptionKey === undefined ? {} : { authOptionKey: snapshot.selectedOptionKey }),
          input: snapshot.input,
          ...(current.redirect.redirectUri ? { redirectUri: current.redirect.redirectUri } : {}),
          ...(current.redirect.returnTo ? { returnTo: current.redirect.returnTo } : {}),
        },
        current.redirect.options,
      );
      // The window is navigating away; stay in "redirecting" until it does.
    } catch (error) {
      setRedirecting(false);
      setRedirectError(toFlowError(error));
    }
  }, []);

  const dismiss = useCallback(() => {
    setBlocked(undefined);
    setRedirectError(undefined);
  }, []);

  return { connect, blocked, redirecting, redirectError, continueInThisWindow: redirect ? continueInThisWindow : undefined, dismiss };
}
