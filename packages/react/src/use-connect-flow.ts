"use client";
/**
 * The one place React binds the connect flow store (useSyncExternalStore). Components render the
 * snapshot and call actions; every auth rule stays in @plugboard/auth-core.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { createConnectFlow } from "@plugboard/auth-core/browser";
import type { Connection, ConnectFlow, ConnectFlowOptions, ConnectFlowSnapshot, ConnectRuntime, FlowAuthorizeHandler, FlowError } from "@plugboard/auth-core";
import { withoutSecrets } from "./internal/secret-fields.ts";

export interface UseConnectFlowOptions {
  /** A local engine (`createAuthEngine`) or `createServerRuntime(...)`. Read once, on mount. */
  runtime: ConnectRuntime;
  /** Option to preselect when available. */
  initialOptionKey?: string;
  /** Values to prefill the form with. */
  initialInput?: Record<string, unknown>;
  /** Reconnect: preselects this connection's option and prefills its non-secret input. */
  connection?: Connection;
  onConnected?: (details: { connection: Connection }) => void;
  onError?: (details: { error: FlowError }) => void;
  onCancel?: (details: { state: ConnectFlowSnapshot["state"] }) => void;
}

export interface ConnectFlowActions {
  selectOption(key: string): void;
  setInput(input: Record<string, unknown>): void;
  /** OAuth options need `authorize`: open the popup in the click first (see OAuthButton). */
  submit(options?: { authorize?: FlowAuthorizeHandler }): Promise<void>;
  edit(): void;
  back(): void;
  cancel(): void;
  reset(): Promise<void>;
}

export interface UseConnectFlowResult {
  snapshot: ConnectFlowSnapshot;
  actions: ConnectFlowActions;
  /** The store itself, e.g. for OAuthButton or for reading state outside render. */
  flow: ConnectFlow;
}

/**
 * Creates the flow once per component (options are read on mount; remount with a `key` to change
 * the runtime), starts it after mount, and keeps the callbacks fresh without recreating it.
 */
export function useConnectFlow(options: UseConnectFlowOptions): UseConnectFlowResult {
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });

  const [flow] = useState(() => {
    const flowOptions: ConnectFlowOptions = {
      runtime: options.runtime,
      onConnected: (details) => callbacks.current.onConnected?.(details),
      onError: (details) => callbacks.current.onError?.(details),
      onCancel: (details) => callbacks.current.onCancel?.(details),
    };
    const initialOptionKey = options.initialOptionKey ?? options.connection?.authOptionKey;
    if (initialOptionKey !== undefined) flowOptions.initialOptionKey = initialOptionKey;
    if (options.initialInput) flowOptions.initialInput = options.initialInput;
    // The core keeps the reconnected connection's id; its input is prefilled below, without secrets.
    if (options.connection) flowOptions.connection = { ...options.connection, input: {} };
    return createConnectFlow(flowOptions);
  });

  const snapshot = useFlowSnapshot(flow);

  const reconnect = useRef(options.connection);
  const started = useRef<Promise<void> | undefined>(undefined);
  useEffect(() => {
    let active = true;
    started.current ??= flow.start();
    void started.current.then(() => {
      // Reconnect: prefill what the user entered last time, except secrets (they must type those again).
      const connection = reconnect.current;
      if (!active || !connection) return;
      reconnect.current = undefined;
      const current = flow.getSnapshot();
      if (current.selectedOptionKey !== connection.authOptionKey) return;
      const option = current.options.find((candidate) => candidate.key === connection.authOptionKey);
      // Saved values beat form defaults already written into the input; an explicit initialInput beats both.
      flow.setInput({ ...current.input, ...withoutSecrets(connection.input ?? {}, option?.inputSchema), ...callbacks.current.initialInput });
    });
    return () => {
      active = false;
    };
  }, [flow]);

  const actions = useMemo<ConnectFlowActions>(
    () => ({
      selectOption: (key) => flow.selectOption(key),
      setInput: (input) => flow.setInput(input),
      submit: (submitOptions) => flow.submit(submitOptions),
      edit: () => flow.edit(),
      back: () => flow.back(),
      cancel: () => flow.cancel(),
      reset: () => flow.reset(),
    }),
    [flow],
  );

  return { snapshot, actions, flow };
}

/** Binds any flow's snapshot to a component: the single useSyncExternalStore of the package. */
export function useFlowSnapshot(flow: ConnectFlow): ConnectFlowSnapshot {
  return useSyncExternalStore(flow.subscribe, flow.getSnapshot, flow.getSnapshot);
}
