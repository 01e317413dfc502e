/**
 * The connect conversation as explicit string states driven by named events. Pure: the store
 * (connect-flow.ts) runs the side effects and feeds results back in as events.
 */
import type { ErrorKey, Issue } from "../errors.ts";
import type { AuthOption, Connection } from "../types.ts";

export const CONNECT_FLOW_STATES = [
  "idle",
  "loading-options",
  "choosing-option",
  "entering-input",
  "connecting",
  "authorizing",
  "exchanging",
  "testing",
  "connected",
  "failed",
  "cancelled",
] as const;
export type ConnectFlowState = (typeof CONNECT_FLOW_STATES)[number];

/** Steps reported while a connect attempt runs (`authorizing` and `exchanging` only for OAuth). */
export type ConnectProgressStep = "connecting" | "authorizing" | "exchanging" | "testing";

export interface FlowError {
  key: ErrorKey;
  message: string;
  /** Field-level problems for `invalid_input`. */
  issues?: Issue[];
  data?: unknown;
}

export interface ConnectFlowSnapshot {
  state: ConnectFlowState;
  options: AuthOption[];
  selectedOptionKey: string | undefined;
  /** What the user entered; kept through failures, retries and option switches. */
  input: Record<string, unknown>;
  error: FlowError | undefined;
  connection: Connection | undefined;
  /** Increments per connect attempt; results of older attempts are ignored. */
  attempt: number;
}

export const ConnectFlowEvent = {
  START: "FLOW.START",
  OPTIONS_LOADED: "OPTIONS.LOADED",
  OPTIONS_FAILED: "OPTIONS.FAILED",
  OPTION_SELECTED: "OPTION.SELECTED",
  INPUT_CHANGED: "INPUT.CHANGED",
  CONNECT_STARTED: "CONNECT.STARTED",
  CONNECT_PROGRESS: "CONNECT.PROGRESS",
  CONNECT_SUCCEEDED: "CONNECT.SUCCEEDED",
  CONNECT_FAILED: "CONNECT.FAILED",
  EDIT: "FLOW.EDIT",
  BACK: "FLOW.BACK",
  CANCEL: "FLOW.CANCEL",
  RESET: "FLOW.RESET",
} as const;

export type ConnectFlowEventObject =
  | { type: typeof ConnectFlowEvent.START }
  | { type: typeof ConnectFlowEvent.OPTIONS_LOADED; options: AuthOption[]; preferredOptionKey?: string }
  | { type: typeof ConnectFlowEvent.OPTIONS_FAILED; error: FlowError }
  | { type: typeof ConnectFlowEvent.OPTION_SELECTED; key: string }
  | { type: typeof ConnectFlowEvent.INPUT_CHANGED; input: Record<string, unknown> }
  | { type: typeof ConnectFlowEvent.CONNECT_STARTED }
  | { type: typeof ConnectFlowEvent.CONNECT_PROGRESS; attempt: number; step: ConnectProgressStep }
  | { type: typeof ConnectFlowEvent.CONNECT_SUCCEEDED; attempt: number; connection: Connection }
  | { type: typeof ConnectFlowEvent.CONNECT_FAILED; attempt: number; error: FlowError }
  | { type: typeof ConnectFlowEvent.EDIT }
  | { type: typeof ConnectFlowEvent.BACK }
  | { type: typeof ConnectFlowEvent.CANCEL }
  | { type: typeof ConnectFlowEvent.RESET };

export function initialConnectFlowSnapshot(input: Record<string, unknown> = {}): ConnectFlowSnapshot {
  return { state: "idle", options: [], selectedOptionKey: undefined, input, error: undefined, connection: undefined, attempt: 0 };
}

const BUSY: ReadonlySet<ConnectFlowState> = new Set(["connecting", "authorizing", "exchanging", "testing"]);
const EDITABLE: ReadonlySet<ConnectFlowState> = new Set(["choosing-option", "entering-input", "failed"]);

export function isBusy(state: ConnectFlowState): boolean {
  return BUSY.has(state) || state === "loading-options";
}

export function connectFlowReducer(snapshot: ConnectFlowSnapshot, event: ConnectFlowEventObject): ConnectFlowSnapshot {
  switch (event.type) {
    case ConnectFlowEvent.START:
      return snapshot.state === "idle" ? { ...snapshot, state: "loading-options" } : snapshot;

    case ConnectFlowEvent.OPTIONS_LOADED: {
      if (snapshot.state !== "loading-options") return snapshot;
      const { options } = event;
      if (options.length === 0) {
        return {
          ...snapshot,
          options,
          state: "failed",
          error: { key: "configuration_error", message: "This connector offers no way to connect with the current settings." },
        };
      }
      const preferred = options.find((option) => option.key === event.preferredOptionKey);
      const only = options.length === 1 ? options[0] : undefined;
      const selected = preferred ?? only;
      return selected
        ? { ...snapshot, options, selectedOptionKey: selected.key, state: "entering-input" }
        : { ...snapshot, options, state: "choosing-option" };
    }

    case ConnectFlowEvent.OPTIONS_FAILED:
      return snapshot.state === "loading-options" ? { ...snapshot, state: "failed", error: event.error } : snapshot;

    case ConnectFlowEvent.OPTION_SELECTED:
      if (!EDITABLE.has(snapshot.state) || !snapshot.options.some((option) => option.key === event.key)) return snapshot;
      return { ...snapshot, selectedOptionKey: event.key, state: "entering-input", error: undefined };

    case ConnectFlowEvent.INPUT_CHANGED:
      if (!EDITABLE.has(snapshot.state)) return snapshot;
      return { ...snapshot, input: event.input, state: snapshot.state === "failed" ? "entering-input" : snapshot.state };

    case ConnectFlowEvent.CONNECT_STARTED:
      if ((snapshot.state !== "entering-input" && snapshot.state !== "failed") || snapshot.selectedOptionKey === undefined) return snapshot;
      return { ...snapshot, state: "connecting", error: undefined, attempt: snapshot.attempt + 1 };

    case ConnectFlowEvent.CONNECT_PROGRESS:
      if (event.attempt !== snapshot.attempt || !BUSY.has(snapshot.state) || snapshot.state === event.step) return snapshot;
      return { ...snapshot, state: event.step };

    case ConnectFlowEvent.CONNECT_SUCCEEDED:
      if (event.attempt !== snapshot.attempt || !BUSY.has(snapshot.state)) return snapshot;
      return { ...snapshot, state: "connected", connection: event.connection, error: undefined };

    case ConnectFlowEvent.CONNECT_FAILED:
      if (event.attempt !== snapshot.attempt || !BUSY.has(snapshot.state)) return snapshot;
      // Input problems go straight back to the form; anything else is a failure the user can retry.
      return { ...snapshot, state: event.error.key === "invalid_input" ? "entering-input" : "failed", error: event.error };

    case ConnectFlowEvent.EDIT:
      return snapshot.state === "failed" || snapshot.state === "cancelled"
        ? { ...snapshot, state: snapshot.selectedOptionKey === undefined ? "choosing-option" : "entering-input" }
        : snapshot;

    case ConnectFlowEvent.BACK:
      if (!EDITABLE.has(snapshot.state) || snapshot.options.length < 2) return snapshot;
      return { ...snapshot, state: "choosing-option", error: undefined };

    case ConnectFlowEvent.CANCEL:
      if (snapshot.state === "connected" || snapshot.state === "cancelled" || snapshot.state === "idle") return snapshot;
      return { ...snapshot, state: "cancelled", error: undefined };

    case ConnectFlowEvent.RESET:
      return { ...initialConnectFlowSnapshot(snapshot.input), state: "loading-options" };

    default:
      event satisfies never;
      return snapshot;
  }
}
