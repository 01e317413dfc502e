"use client";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { MouseEvent, ReactNode, RefObject } from "react";
import { isBusy } from "@plugboard/auth-core/browser";
import type {
  AuthEngine,
  AuthEngineOptions,
  AuthOption,
  Connection,
  ConnectFlowSnapshot,
  ConnectorSpec,
  ConnectRuntime,
  FlowError,
  Issue,
  ParseConnectorSpecOptions,
} from "@plugboard/auth-core";
import type { StartRedirectOptions } from "@plugboard/auth-core/browser";
import { AuthDescription } from "../auth-description/auth-description.tsx";
import { HelpLink } from "../help-link/help-link.tsx";
import type { ClassNames } from "../internal/class-names.ts";
import { cx, slot } from "../internal/class-names.ts";
import { formatMessage } from "../internal/format.ts";
import { rootProps, UiProvider, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";
import type { PopupOptions } from "../oauth-button/popup-connect.ts";
import type { RedirectFallbackOptions } from "../oauth-button/use-oauth-popup.ts";
import { OptionPicker } from "../option-picker/option-picker.tsx";
import { hasInputFields, LazyParameterForm } from "../parameter-form/lazy.ts";
import type { ParameterFormValidator } from "../parameter-form/lazy.ts";
import { useConnectFlow } from "../use-connect-flow.ts";
import { inputIssues, loadInputCheck } from "./input-check.ts";
import { resolveRuntime } from "./resolve-runtime.ts";
import { StatusRegion } from "./widget-panels.tsx";
import type { PanelSlot } from "./widget-panels.tsx";

// The outcome UI (connected summary, error and cancelled panels) loads once the options are there:
// an attempt takes at least one round trip, enough for this chunk.
const loadOutcome = () => import("./outcome-panels.tsx");
const ErrorPanel = lazy(() => loadOutcome().then((module) => ({ default: module.ErrorPanel })));
const CancelledPanel = lazy(() => loadOutcome().then((module) => ({ default: module.CancelledPanel })));
const ConnectionStatus = lazy(() => loadOutcome().then((module) => ({ default: module.ConnectionStatus })));
// The OAuth button (popup, callback listener, blocked-popup fallback) loads when an option needs it,
// as the form does for options with fields: API-key connectors never load it.
const loadOAuthButton = () => import("../oauth-button/oauth-button.tsx");
const OAuthButton = lazy(() => loadOAuthButton().then((module) => ({ default: module.OAuthButton })));

export type ConnectWidgetSlot =
  | "root"
  | "optionPicker"
  | "description"
  | "helpLink"
  | "form"
  | "actions"
  | "connectButton"
  | "cancelButton"
  | "success"
  | PanelSlot;

export interface ConnectWidgetSuccessDetails {
  connection: Connection;
  option: AuthOption | undefined;
  /** Start over (options reloaded, input kept), e.g. for a "Connect another account" button. */
  reset: () => void;
}

export interface ConnectWidgetProps extends UiProps {
  /**
   * The connector spec: its YAML/JSON text (with `files` for method files), the object that text
   * parses to, or a parsed ConnectorSpec. The engine it needs loads lazily (a separate chunk).
   */
  spec?: ConnectorSpec | Record<string, unknown> | string;
  files?: ParseConnectorSpecOptions["files"];
  /** A local engine (`createAuthEngine`) instead of `spec`. */
  engine?: AuthEngine;
  /** Any runtime instead, e.g. `createServerRuntime({ baseUrl, connectorKey })`. */
  runtime?: ConnectRuntime;
  /** With `spec`: the integration's settings (client id, scopes…). */
  connectorParameters?: Record<string, unknown>;
  /** With `spec`: further engine options (fetch, onRequest…). */
  engineOptions?: AuthEngineOptions;
  /** OAuth callback URL for the local engine (with `spec` or `engine`). */
  redirectUri?: string;
  initialOptionKey?: string;
  initialInput?: Record<string, unknown>;
  /** Reconnect: preselects its option and prefills its non-secret input. */
  connection?: Connection;
  onConnected?: (details: { connection: Connection }) => void;
  /** Every failure, with its stable key (also `popup_blocked`). */
  onError?: (details: { error: FlowError }) => void;
  onCancel?: (details: { state: ConnectFlowSnapshot["state"] }) => void;
  /** OAuth popup settings (size, callbackOrigin, closedGraceMs, timeoutMs, `ports` for tests). */
  popup?: PopupOptions;
  /** Same-window fallback when the popup is blocked; `false` hides it. Needs a local engine or server runtime. */
  redirect?: false | { returnTo?: string; options?: StartRedirectOptions };
  /** Replaces the connected summary. */
  renderSuccess?: (details: ConnectWidgetSuccessDetails) => ReactNode;
  /** The parameter form's validator (default: CSP-safe interpretive validator). */
  validator?: ParameterFormValidator;
  id?: string;
  className?: string;
  classNames?: ClassNames<ConnectWidgetSlot>;
}

/**
 * The whole connect flow for one connector: option picker, description and help link, the
 * option's form, connect (OAuth through a popup opened in the click), progress, errors with
 * retry, and the connected summary. The runtime is read once: remount (a `key`) to switch connectors.
 */
export function ConnectWidget(props: ConnectWidgetProps) {
  const ui = useUi(props);
  const [resolved] = useState(() => resolveRuntime(props));
  const loadedEngine = useLoadedEngine(resolved.engine);
  const { snapshot, actions, flow } = useConnectFlow({
    runtime: resolved.runtime,
    ...(props.initialOptionKey === undefined ? {} : { initialOptionKey: props.initialOptionKey }),
    ...(props.initialInput ? { initialInput: props.initialInput } : {}),
    ...(props.connection ? { connection: props.connection } : {}),
    onConnected: (details) => props.onConnected?.(details),
    onError: (details) => props.onError?.(details),
    onCancel: (details) => props.onCancel?.(details),
  });
  const [popupClosedAttempt, setPopupClosedAttempt] = useState<number | undefined>(undefined);
  const [localIssues, setLocalIssues] = useState<Issue[] | undefined>(undefined);
  const rootRef = useRef<HTMLElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);

  const { state, options, error } = snapshot;
  const option = options.find((candidate) => candidate.key === snapshot.selectedOptionKey);
  const running = isBusy(state) && state !== "loading-options";
  const classNames = props.classNames ?? {};
  const messages = ui.messages;
  const panelProps = { messages, unstyled: ui.unstyled, classNames };

  const focusOnMount = useRef<"panel" | "success" | undefined>(undefined);
  const [focusRefs] = useState(() => ({ rootRef, panelRef, successRef, focusOnMount }));
  useFocusOnOutcome(state, focusRefs);
  // The outcome's chunk may still be loading when the state changes: then it takes focus on mount.
  const attach = (target: "panel" | "success", ref: RefObject<HTMLDivElement | null>) => (node: HTMLDivElement | null) => {
    ref.current = node;
    if (node && focusOnMount.current === target) node.focus();
    if (node) focusOnMount.current = undefined;
  };
  const attachPanel = attach("panel", panelRef);
  const attachSuccess = attach("success", successRef);
  const optionsLoaded = state !== "idle" && state !== "loading-options";
  const needsOAuth = options.some((candidate) => candidate.requiresAuthorization);
  useEffect(() => {
    if (optionsLoaded) loadOutcome().catch(() => undefined);
    if (needsOAuth) loadOAuthButton().catch(() => undefined);
  }, [optionsLoaded, needsOAuth]);

  const editable = state === "entering-input" || state === "failed" || running;
  const showPicker = options.length > 1 && (editable || state === "choosing-option");
  const showOption = option !== undefined && editable;
  const hasFields = option?.inputSchema ? hasInputFields(option.inputSchema) : false;
  const issues = error?.key === "invalid_input" ? error.issues : localIssues;
  useEffect(() => {
    if (hasFields) loadInputCheck().catch(() => undefined);
  }, [hasFields]);

  const redirect: RedirectFallbackOptions | undefined =
    props.redirect !== false && (resolved.redirect ?? loadedEngine)
      ? {
          runtime: (resolved.redirect ?? loadedEngine)!,
          ...(props.redirectUri ? { redirectUri: props.redirectUri } : {}),
          ...(props.redirect?.returnTo ? { returnTo: props.redirect.returnTo } : {}),
          ...(props.redirect?.options ? { options: props.redirect.options } : {}),
        }
      : undefined;

  const connectLabel = state === "failed" ? messages.retry : option?.requiresAuthorization ? messages.signInAndConnect : messages.connect;

  const onPlainConnect = (event: MouseEvent<HTMLButtonElement>): void => {
    if (running) {
      event.preventDefault();
      return;
    }
    if (hasFields) return; // The form validates, then calls onSubmit.
    void actions.submit();
  };

  const onFormSubmit = (details: { value: Record<string, unknown> }): void => {
    if (running || !option) return;
    actions.setInput(details.value);
    if (option.requiresAuthorization) {
      // The OAuth button connects in its click; reaching here means our check and the form disagreed.
      loadInputCheck().then(
        (check) => setLocalIssues(check(option, details.value)),
        () => undefined,
      );
      return;
    }
    setLocalIssues(undefined);
    void actions.submit();
  };

  // Back to the form with the input kept; focus goes to the first field.
  const editDetails = (): void => {
    actions.edit();
    rootRef.current?.querySelector<HTMLElement>("form input:not([type=hidden]), form select, form textarea")?.focus();
  };

  const actionRow = option ? (
    <>
      {state === "failed" && error ? (
        <Suspense fallback={null}>
          <ErrorPanel {...panelProps} error={error} onEdit={hasFields ? editDetails : undefined} />
        </Suspense>
      ) : null}
      {state === "entering-input" && issues && issues.length > 0 ? (
        <p role="alert" className={slot(ui.unstyled, "pb-callout pb-callout-error", classNames.error)} data-error-key="invalid_input">
          {messages.fieldsNeedAttention}
        </p>
      ) : null}
      <div className={slot(ui.unstyled, "pb-actions", classNames.actions)}>
        {option.requiresAuthorization ? (
          // Until its chunk is there (a moment after the options), a look-alike keeps the layout still.
          <Suspense
            fallback={
              <span aria-hidden="true" className={slot(ui.unstyled, "pb-button pb-button-primary", classNames.connectButton)} data-pb-placeholder="">
                {connectLabel}
              </span>
            }
          >
            <OAuthButton
              flow={flow}
              type={hasFields ? "submit" : "button"}
              {...(props.popup ? { popup: props.popup } : {})}
              {...(redirect ? { redirect } : {})}
              {...(hasFields ? { canConnect: () => (inputIssues(option, flow.getSnapshot().input)?.length ?? 0) === 0 } : {})}
              onBlocked={(details) => props.onError?.(details)}
              onCancelled={() => setPopupClosedAttempt(flow.getSnapshot().attempt)}
              classNames={{ button: classNames.connectButton }}
            >
              {connectLabel}
            </OAuthButton>
          </Suspense>
        ) : (
          <button
            type={hasFields ? "submit" : "button"}
            className={slot(ui.unstyled, "pb-button pb-button-primary", classNames.connectButton)}
            aria-disabled={running || undefined}
            data-pb-connect=""
            onClick={onPlainConnect}
          >
            {connectLabel}
          </button>
        )}
        {running ? (
          <button type="button" className={slot(ui.unstyled, "pb-button pb-button-secondary", classNames.cancelButton)} onClick={() => actions.cancel()}>
            {messages.cancel}
          </button>
        ) : null}
      </div>
    </>
  ) : null;

  const statusText =
    state === "idle" || state === "loading-options"
      ? messages.progress.loading
      : running
        ? messages.progress[state as "connecting" | "authorizing" | "exchanging" | "testing"]
        : state === "connected"
          ? messages.connectedTitle
          : "";
  const label = formatMessage(messages.widgetLabel, { connector: resolved.name ?? loadedEngine?.spec.name ?? loadedEngine?.spec.key ?? "" }).trim();

  if (!ui.ready) {
    // The locale's messages are loading (a moment, in parallel with the options): show the busy
    // frame without text rather than flash English.
    return <section ref={rootRef} id={props.id} aria-busy="true" lang={props.locale} data-state={state} {...rootProps(ui, "pb-connect-widget", cx(props.className, classNames.root))} />;
  }

  return (
    <section
      ref={rootRef}
      id={props.id}
      aria-label={label}
      aria-busy={isBusy(state) || undefined}
      lang={props.locale}
      data-state={state}
      {...rootProps(ui, "pb-connect-widget", cx(props.className, classNames.root))}
    >
      <UiProvider value={ui}>
        {showPicker ? (
          <OptionPicker
            options={options}
            value={state === "choosing-option" ? null : (snapshot.selectedOptionKey ?? null)}
            onValueChange={({ value }) => {
              setLocalIssues(undefined);
              actions.selectOption(value);
            }}
            disabled={running}
            className={classNames.optionPicker}
          />
        ) : null}
        {showOption ? (
          <div className={ui.unstyled ? undefined : "pb-option-panel"}>
            {option.description ? <AuthDescription text={option.description} className={classNames.description} /> : null}
            <HelpLink href={option.helpUri} {...(classNames.helpLink ? { className: classNames.helpLink } : {})} />
            {hasFields ? (
              <LazyParameterForm
                key={option.key}
                schema={option.inputSchema!}
                value={snapshot.input}
                onValueChange={({ value }) => {
                  setLocalIssues(undefined);
                  actions.setInput(value);
                }}
                {...(issues ? { issues } : {})}
                onSubmit={onFormSubmit}
                disabled={running}
                messages={messages.parameterForm}
                unstyled={ui.unstyled}
                {...(classNames.form ? { className: classNames.form } : {})}
                {...(props.validator ? { validator: props.validator } : {})}
              >
                {actionRow}
              </LazyParameterForm>
            ) : (
              actionRow
            )}
          </div>
        ) : null}
        {state === "failed" && !option ? (
          <Suspense fallback={null}>
            <ErrorPanel {...panelProps} error={error!} onRetry={() => void actions.reset()} />
          </Suspense>
        ) : null}
        {state === "cancelled" ? (
          <Suspense fallback={null}>
            <CancelledPanel
              ref={attachPanel}
              {...panelProps}
              popupClosed={popupClosedAttempt === snapshot.attempt}
              onStartOver={() => {
                setLocalIssues(undefined);
                actions.edit();
              }}
            />
          </Suspense>
        ) : null}
        {state === "connected" && snapshot.connection ? (
          // While the summary's chunk loads, the whole frame waits (no empty box); the live status says "Connected".
          <Suspense fallback={null}>
            <div ref={attachSuccess} tabIndex={-1} className={slot(ui.unstyled, "pb-success", classNames.success)}>
              {props.renderSuccess ? (
                props.renderSuccess({ connection: snapshot.connection, option, reset: () => void actions.reset() })
              ) : (
                <ConnectionStatus connection={snapshot.connection} options={options} />
              )}
            </div>
          </Suspense>
        ) : null}
        <StatusRegion {...panelProps} text={statusText} busy={isBusy(state)} />
      </UiProvider>
    </section>
  );
}

/** The lazily built engine of a `spec` prop, once it is there (for the redirect fallback and the label). */
function useLoadedEngine(engine: Promise<AuthEngine> | undefined): AuthEngine | undefined {
  const [loaded, setLoaded] = useState<AuthEngine | undefined>(undefined);
  useEffect(() => {
    let current = true;
    engine?.then(
      (value) => current && setLoaded(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [engine]);
  return loaded;
}

/** Keeps keyboard focus somewhere sensible when the element that had it goes away. */
function useFocusOnOutcome(
  state: ConnectFlowSnapshot["state"],
  refs: {
    rootRef: RefObject<HTMLElement | null>;
    panelRef: RefObject<HTMLDivElement | null>;
    successRef: RefObject<HTMLDivElement | null>;
    focusOnMount: RefObject<"panel" | "success" | undefined>;
  },
): void {
  const previous = useRef(state);
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (before === state) return;
    const root = refs.rootRef.current;
    if (!root) return;
    const active = root.ownerDocument.activeElement;
    const focusWasHere = !active || active === root.ownerDocument.body || root.contains(active);
    if (!focusWasHere) return;
    if (state === "connected") {
      if (refs.successRef.current) refs.successRef.current.focus();
      else refs.focusOnMount.current = "success";
    } else if (state === "cancelled") {
      if (refs.panelRef.current) refs.panelRef.current.focus();
      else refs.focusOnMount.current = "panel";
    }
    else if (before === "cancelled" && (state === "entering-input" || state === "choosing-option")) {
      root.querySelector<HTMLElement>("[data-pb-connect], input[type=radio]")?.focus();
    }
  }, [state, refs]);
}
