// The entry @plugboard/auth-core/browser: popup, callback page and same-window redirect helpers.
// Importing it touches no browser global; everything goes through ports (DESIGN §2, §7).
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
