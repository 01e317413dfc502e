/**
 * The connect flow store: `subscribe(listener) → unsubscribe` + `getSnapshot()` for any UI
 * (React binds it with useSyncExternalStore), and actions that dispatch events to the reducer.
 */
import { ErrorKey, InputError, isPlugboardError } from "../errors.ts";
import type { AuthOption, Connection } from "../types.ts";
import { ConnectFlowEvent, connectFlowReducer, initialConnectFlowSnapshot, isBusy } from "./connect-flow-reducer.ts";
import type { ConnectFlowEventObject, ConnectFlowSnapshot, ConnectProgressStep, FlowError } from "./connect-flow-reducer.ts";

/** Takes the user to the provider (popup or redirect) and resolves with the callback. */
export type FlowAuthorizeHandler = (request: { url: string; state: string }) => Promise<URL | string | URLSearchParams>;

/** What the flow needs from an engine: the local engine satisfies it, a server runtime does too. */
export interface ConnectRuntime {
  getAuthOptions(): Promise<AuthOption[]>;
  connect(request: {
    authOptionKey?: string;
    input?: Record<string, unknown>;
    onProgress?: (step: ConnectProgressStep) => void;
    authorize?: FlowAuthorizeHandler;
  }): Promise<Connection>;
}

export interface ConnectFlowOptions {
  runtime: ConnectRuntime;
  /** Option to preselect when it is available. */
  initialOptionKey?: string;
  /** Values to prefill the form with. */
  initialInput?: Record<string, unknown>;
  /**
   * Reconnect: an existing connection whose option and input prefill the flow. The new
   * connection keeps its `id`, so hosts replace credentials instead of adding a duplicate.
   */
  connection?: Connection;
  onConnected?: (details: { connection: Connection }) => void;
  onError?: (details: { error: FlowError }) => void;
  onCancel?: (details: { state: ConnectFlowSnapshot["state"] }) => void;
}

export interface ConnectFlow {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectFlowSnapshot;
  /** Loads the auth options; called once by the UI on mount. Safe to call twice. */
  start(): Promise<void>;
  selectOption(key: string): void;
  setInput(input: Record<string, unknown>): void;
  /**
   * Connects with the selected option and input; ignored while a step is running. OAuth options
   * need `authorize`: open the popup synchronously in the click, then pass its handler here.
   */
  submit(options?: { authorize?: FlowAuthorizeHandler }): Promise<void>;
  /** Back to the form after a failure (input kept). */
  edit(): void;
  /** Back to the option list. */
  back(): void;
  cancel(): void;
  /** Start over (options reloaded, input kept). */
  reset(): Promise<void>;
}

export function createConnectFlow(options: ConnectFlowOptions): ConnectFlow {
  const reconnecting = options.connection;
  const preferredOptionKey = options.initialOptionKey ?? reconnecting?.authOptionKey;
  let snapshot = initialConnectFlowSnapshot({ ...reconnecting?.input, ...options.initialInput });
  const listeners = new Set<() => void>();

  function dispatch(event: ConnectFlowEventObject): void {
    const next = connectFlowReducer(snapshot, event);
    if (next === snapshot) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  async function loadOptions(): Promise<void> {
    try {
      const loaded = await options.runtime.getAuthOptions();
      dispatch({
        type: ConnectFlowEvent.OPTIONS_LOADED,
        options: loaded,
        ...(preferredOptionKey === undefined ? {} : { preferredOptionKey }),
      });
    } catch (error) {
      const flowError = toFlowError(error);
      dispatch({ type: ConnectFlowEvent.OPTIONS_FAILED, error: flowError });
      options.onError?.({ error: flowError });
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    async start() {
      if (snapshot.state !== "idle") return;
      dispatch({ type: ConnectFlowEvent.START });
      await loadOptions();
    },
    selectOption: (key) => dispatch({ type: ConnectFlowEvent.OPTION_SELECTED, key }),
    setInput: (input) => dispatch({ type: ConnectFlowEvent.INPUT_CHANGED, input }),
    async submit(submitOptions = {}) {
      const before = snapshot;
      dispatch({ type: ConnectFlowEvent.CONNECT_STARTED });
      if (snapshot === before) return;
      const { attempt, selectedOptionKey, input } = snapshot;
      try {
        const connected = await options.runtime.connect({
          ...(selectedOptionKey === undefined ? {} : { authOptionKey: selectedOptionKey }),
          input,
          onProgress: (step) => dispatch({ type: ConnectFlowEvent.CONNECT_PROGRESS, attempt, step }),
          ...(submitOptions.authorize ? { authorize: submitOptions.authorize } : {}),
        });
        const connection = reconnecting?.id !== undefined && connected.id === undefined ? { ...connected, id: reconnecting.id } : connected;
        const wasCurrent = snapshot.attempt === attempt && isBusy(snapshot.state);
        dispatch({ type: ConnectFlowEvent.CONNECT_SUCCEEDED, attempt, connection });
        if (wasCurrent) options.onConnected?.({ connection });
      } catch (error) {
        const flowError = toFlowError(error);
        const wasCurrent = snapshot.attempt === attempt && isBusy(snapshot.state);
        dispatch({ type: ConnectFlowEvent.CONNECT_FAILED, attempt, error: flowError });
        if (wasCurrent) options.onError?.({ error: flowError });
      }
    },
    edit: () => dispatch({ type: ConnectFlowEvent.EDIT }),
    back: () => dispatch({ type: ConnectFlowEvent.BACK }),
    cancel() {
      const state = snapshot.state;
      dispatch({ type: ConnectFlowEvent.CANCEL });
      if (snapshot.state === "cancelled" && state !== "cancelled") options.onCancel?.({ state });
    },
    async reset() {
      dispatch({ type: ConnectFlowEvent.RESET });
      await loadOptions();
    },
  };
}

/** Turns anything thrown into the flow's error shape, keeping the stable key. */
export function toFlowError(error: unknown): FlowError {
  if (error instanceof InputError) return { key: error.key, message: error.message, issues: error.issues };
  if (isPlugboardError(error)) {
    const issues = (error.data as { issues?: FlowError["issues"] } | undefined)?.issues;
    return { key: error.key, message: error.message, ...(issues ? { issues } : {}), ...(error.data === undefined ? {} : { data: error.data }) };
  }
  return { key: ErrorKey.INTERNAL_ERROR, message: error instanceof Error ? error.message : String(error) };
}
