// The only public entry of @plugboard/react. Explicit lists: nothing internal leaks.

// The flow hook (the one place the store is bound to React)
export { useConnectFlow, useFlowSnapshot } from "./use-connect-flow.ts";
export type { ConnectFlowActions, UseConnectFlowOptions, UseConnectFlowResult } from "./use-connect-flow.ts";

// The composed widget
export { ConnectWidget } from "./connect-widget/connect-widget.tsx";
export type { ConnectWidgetProps, ConnectWidgetSlot, ConnectWidgetSuccessDetails } from "./connect-widget/connect-widget.tsx";

// Parts usable alone
export { OptionPicker } from "./option-picker/option-picker.tsx";
export type { OptionPickerProps, OptionPickerSlot, OptionPickerValueChangeDetails } from "./option-picker/option-picker.tsx";
export { AuthDescription } from "./auth-description/auth-description.tsx";
export type { AuthDescriptionProps, AuthDescriptionSlot } from "./auth-description/auth-description.tsx";
export { parseMarkdown } from "./auth-description/markdown.ts";
export type { MarkdownBlock, MarkdownInline } from "./auth-description/markdown.ts";
export { HelpLink } from "./help-link/help-link.tsx";
export type { HelpLinkProps } from "./help-link/help-link.tsx";
export { ConnectionStatus } from "./connection-status/connection-status.tsx";
export type { ConnectionStatusProps, ConnectionStatusSlot } from "./connection-status/connection-status.tsx";
// The eager ParameterForm (RJSF) is at "@plugboard/react/parameter-form", so this entry never pulls RJSF in.
export { LazyParameterForm, ParameterFormSkeleton, preloadParameterForm, hasInputFields } from "./parameter-form/lazy.ts";
export type {
  LazyParameterFormProps,
  ParameterFormProps,
  ParameterFormValidator,
  ParameterFormValue,
  ParameterFormSlot,
  ParameterFormValidateOn,
} from "./parameter-form/lazy.ts";

// OAuth: popup button, same-window redirect and its resume helpers
export { OAuthButton } from "./oauth-button/oauth-button.tsx";
export type { OAuthButtonProps, OAuthButtonSlot } from "./oauth-button/oauth-button.tsx";
export { useOAuthPopup } from "./oauth-button/use-oauth-popup.ts";
export type { RedirectFallbackOptions, UseOAuthPopupOptions, UseOAuthPopupResult } from "./oauth-button/use-oauth-popup.ts";
export { connectWithPopup } from "./oauth-button/popup-connect.ts";
export type { PopupCancelReason, PopupConnectOptions, PopupConnectResult, PopupOptions } from "./oauth-button/popup-connect.ts";
export { resumeRedirectConnect, startRedirectConnect } from "./oauth-button/redirect-connect.ts";
export type { RedirectRuntime, ResumeRedirectConnectOptions, ResumedConnect, StartRedirectConnectRequest } from "./oauth-button/redirect-connect.ts";
export { useResumeRedirect } from "./oauth-button/use-resume-redirect.ts";
export type { ResumeRedirectStatus, UseResumeRedirectOptions, UseResumeRedirectResult } from "./oauth-button/use-resume-redirect.ts";

// Messages and theming
export { englishMessages, getMessages, loadMessages, mergeMessages, shippedLocaleFor, SHIPPED_LOCALES } from "./messages/index.ts";
export type { Messages, MessagesOverride, ProgressStep, ShippedLocale } from "./messages/index.ts";
export { defaultParameterFormMessages } from "./parameter-form/lazy.ts";
export type { ParameterFormMessages } from "./parameter-form/lazy.ts";
export type { Theme, UiProps } from "./internal/ui-context.tsx";
export type { ClassNames } from "./internal/class-names.ts";

// The core's public types, so an app can install this one package for typing its handlers.
export { ErrorKey, CONNECT_FLOW_STATES } from "@plugboard/auth-core/browser";
export type {
  AuthEngine,
  AuthOption,
  Connection,
  ConnectFlow,
  ConnectFlowSnapshot,
  ConnectFlowState,
  ConnectRuntime,
  ConnectorSpec,
  FlowError,
  Issue,
} from "@plugboard/auth-core";
