// The entry @plugboard/auth-core/browser: popup, callback page and same-window redirect helpers,
// plus the engine-free pieces a connect UI needs: errors, the connect flow store and the server
// runtime client. A UI that imports only from here (and `@plugboard/auth-core/schema`) ships none
// of the engine (spec parser, formulas, auth types, sandbox), even when it also loads the engine
// lazily: bundlers such as esbuild hoist every module a statically imported barrel re-exports.
// Importing it touches no browser global; everything goes through ports (DESIGN §2, §7).

// Errors
export { ErrorKey, PlugboardError, InputError, isPlugboardError, errorKeyOf, toPlugboardError } from "../errors.ts";
export type { Issue, HttpErrorData } from "../errors.ts";

// The connect flow store and the server runtime client
export { createConnectFlow, toFlowError } from "../flow/connect-flow.ts";
export type { ConnectFlow, ConnectFlowOptions, ConnectRuntime, FlowAuthorizeHandler } from "../flow/connect-flow.ts";
export { connectFlowReducer, initialConnectFlowSnapshot, isBusy, ConnectFlowEvent, CONNECT_FLOW_STATES } from "../flow/connect-flow-reducer.ts";
export type { ConnectFlowSnapshot, ConnectFlowState, ConnectProgressStep, FlowError } from "../flow/connect-flow-reducer.ts";
export { createServerRuntime } from "../runtime/server-runtime.ts";
export type { ServerRuntime, ServerRuntimeOptions, ServerAuthorization } from "../runtime/server-runtime.ts";
export { browserPorts } from "./ports.ts";
export type { BrowserPorts, CallbackChannel, MessageEventLike, ScreenRect, WindowLike } from "./ports.ts";

export {
  CALLBACK_RESPONSE_PARAMS,
  isOAuthCallbackMessage,
  OAUTH_CALLBACK_CHANNEL,
  readCallbackParams,
  stripCallbackParams,
} from "./callback-message.ts";
export type { OAuthCallbackMessage } from "./callback-message.ts";

export { DEFAULT_POPUP_HEIGHT, DEFAULT_POPUP_WIDTH, popupFeatures, popupGeometry } from "./popup-features.ts";
export type { PopupGeometry } from "./popup-features.ts";

export {
  DEFAULT_CLOSED_GRACE_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_POPUP_NAME,
  DEFAULT_POPUP_TIMEOUT_MS,
  openAuthPopup,
} from "./popup.ts";
export type { AuthPopup, AuthPopupOptions } from "./popup.ts";

export { DEFAULT_CLOSE_DELAY_MS, handleOAuthCallback } from "./callback-page.ts";
export type { CallbackHistory, CallbackPagePorts, HandleCallbackOptions, HandleCallbackResult } from "./callback-page.ts";

export {
  REDIRECT_STATE_MAX_AGE_MS,
  REDIRECT_STORAGE_PREFIX,
  resumeRedirectAuthorization,
  startRedirectAuthorization,
} from "./redirect.ts";
export type { RedirectStorage, ResumedRedirect, ResumeRedirectOptions, StartRedirectOptions } from "./redirect.ts";
