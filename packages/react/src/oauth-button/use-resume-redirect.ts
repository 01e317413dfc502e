"use client";
/**
 * For the page the same-window OAuth flow returns to: finishes the connection once on mount.
 * A response this tab did not start fails with `state_mismatch`; on a callback page shared with the
 * popup flow, pass `popupCallback` to hand such a response to the opener (`handleOAuthCallback`).
 */
import { useEffect, useRef, useState } from "react";
import { ErrorKey, handleOAuthCallback, toFlowError } from "@plugboard/auth-core/browser";
import type { Connection, FlowError } from "@plugboard/auth-core";
import type { HandleCallbackOptions } from "@plugboard/auth-core/browser";
import { resumeRedirectConnect } from "./redirect-connect.ts";
import type { RedirectRuntime, ResumeRedirectConnectOptions, ResumedConnect } from "./redirect-connect.ts";

export type ResumeRedirectStatus =
  /** Before the effect ran (and during SSR). */
  | "idle"
  /** The URL carries no OAuth response. */
  | "none"
  | "completing"
  | "connected"
  | "failed"
  /** The response belonged to a popup and was passed to its opener; this window closes itself. */
  | "handed-to-opener";

export interface UseResumeRedirectOptions {
  runtime: RedirectRuntime | ((details: { connectorKey?: string }) => RedirectRuntime);
  onConnected?: (details: ResumedConnect) => void;
  onError?: (details: { error: FlowError }) => void;
  /**
   * On a callback page shared with the popup flow: hand responses this tab did not start to the
   * opener (`true` or handleOAuthCallback options). Default `false`: they fail with `state_mismatch`.
   */
  popupCallback?: boolean | HandleCallbackOptions;
  /** Ports for tests (storage, location, history, clock). */
  resume?: ResumeRedirectConnectOptions;
}

export interface UseResumeRedirectResult {
  status: ResumeRedirectStatus;
  connection?: Connection;
  error?: FlowError;
  returnTo?: string;
}

export function useResumeRedirect(options: UseResumeRedirectOptions): UseResumeRedirectResult {
  const [result, setResult] = useState<UseResumeRedirectResult>({ status: "idle" });
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const started = useRef(false);

  useEffect(() => {
    // Once per page: the saved state is single use (and StrictMode runs effects twice).
    if (started.current) return;
    started.current = true;
    const current = latest.current;
    setResult({ status: "completing" });
    resumeRedirectConnect(current.runtime, current.resume ?? {}).then(
      (resumed) => {
        if (!resumed) {
          setResult({ status: "none" });
          return;
        }
        setResult({ status: "connected", connection: resumed.connection, ...(resumed.returnTo ? { returnTo: resumed.returnTo } : {}) });
        latest.current.onConnected?.(resumed);
      },
      (error: unknown) => {
        const flowError = toFlowError(error);
        const popup = latest.current.popupCallback ?? false;
        if (flowError.key === ErrorKey.STATE_MISMATCH && popup !== false) {
          handleOAuthCallback(popup === true ? {} : popup);
          setResult({ status: "handed-to-opener" });
          return;
        }
        setResult({ status: "failed", error: flowError });
        latest.current.onError?.({ error: flowError });
      },
    );
  }, []);

  return result;
}
