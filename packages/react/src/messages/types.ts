import type { ErrorKey } from "@plugboard/auth-core";
import type { ParameterFormMessages } from "../parameter-form/lazy.ts";

/** Steps with their own progress message (the flow's busy states plus the redirect). */
export type ProgressStep = "loading" | "connecting" | "authorizing" | "exchanging" | "testing" | "redirecting";

/**
 * Every string the components show. `{name}` placeholders are filled in at render time.
 * Pass a partial object as `messages` to override some; the rest come from the locale's set.
 */
export interface Messages {
  /** Accessible name of the widget region. `{connector}` is the connector's name when known. */
  widgetLabel: string;
  optionPickerLabel: string;
  connect: string;
  /** The connect button of options that open the provider's sign-in window. */
  signInAndConnect: string;
  /** Hint read after the OAuth button's label. */
  opensSignInWindow: string;
  cancel: string;
  retry: string;
  editDetails: string;
  startOver: string;
  continueInThisWindow: string;
  progress: Record<ProgressStep, string>;
  errorTitle: string;
  /** Shown when the error came with a technical message (developer-facing details). */
  technicalDetails: string;
  /** Summary above the form when fields are invalid: `{count}` fields. */
  fieldsNeedAttention: string;
  popupBlockedTitle: string;
  cancelledTitle: string;
  cancelledMessage: string;
  helpLink: string;
  opensInNewTab: string;
  connectedTitle: string;
  connectedWith: string;
  connectedAt: string;
  credentialsLabel: string;
  /** Read by screen readers instead of the dots of a hidden value. */
  hiddenValue: string;
  /** A human message per stable error key: what went wrong and what to do. */
  errors: Record<ErrorKey, string>;
  /** The schema form's own strings (ParameterForm). */
  parameterForm: ParameterFormMessages;
}

/** What a host may pass: any subset, nested groups too. */
export type MessagesOverride = Partial<Omit<Messages, "progress" | "errors" | "parameterForm">> & {
  progress?: Partial<Messages["progress"]>;
  errors?: Partial<Messages["errors"]>;
  parameterForm?: Partial<ParameterFormMessages>;
};
