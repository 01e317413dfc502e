"use client";
import { useId } from "react";
import type { ReactNode } from "react";
import type { AuthOption, Connection } from "@plugboard/auth-core";
import type { ClassNames } from "../internal/class-names.ts";
import { cx, slot } from "../internal/class-names.ts";
import { formatDateTime } from "../internal/format.ts";
import { rootProps, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";

export type ConnectionStatusSlot = "root" | "title" | "details" | "term" | "value" | "credentials" | "actions";

export interface ConnectionStatusProps extends UiProps {
  connection: Connection;
  /** Title of the option used; default looked up in `options`, else the auth type. */
  optionTitle?: string;
  options?: readonly AuthOption[];
  /** Actions under the summary (e.g. a Disconnect button of the host's). */
  children?: ReactNode;
  id?: string;
  className?: string;
  classNames?: ClassNames<ConnectionStatusSlot>;
}

const MASK = "••••••••";

/** A connected connection: the option used, when, and which credentials are stored (values never shown). */
export function ConnectionStatus(props: ConnectionStatusProps) {
  const ui = useUi(props);
  const generatedId = useId();
  const titleId = `${props.id ?? `pb-status-${generatedId.replace(/:/g, "")}`}-title`;
  const { connection } = props;
  const classNames = props.classNames ?? {};
  const optionTitle =
    props.optionTitle ?? props.options?.find((option) => option.key === connection.authOptionKey)?.title ?? connection.authType;
  const credentialKeys = Object.keys(connection.credentials ?? {});
  const term = slot(ui.unstyled, "pb-connection-status-term", classNames.term);
  const value = slot(ui.unstyled, "pb-connection-status-value", classNames.value);

  return (
    <section id={props.id} aria-labelledby={titleId} {...rootProps(ui, "pb-connection-status", cx(props.className, classNames.root))}>
      <p id={titleId} className={slot(ui.unstyled, "pb-connection-status-title", classNames.title)}>
        <span aria-hidden="true" className={ui.unstyled ? undefined : "pb-connection-status-icon"}>
          ✓
        </span>{" "}
        {ui.messages.connectedTitle}
      </p>
      <dl className={slot(ui.unstyled, "pb-connection-status-details", classNames.details)}>
        <div>
          <dt className={term}>{ui.messages.connectedWith}</dt>
          <dd className={value}>{optionTitle}</dd>
        </div>
        <div>
          <dt className={term}>{ui.messages.connectedAt}</dt>
          <dd className={value}>
            <time dateTime={connection.connectedAt} suppressHydrationWarning>
              {formatDateTime(connection.connectedAt, ui.locale)}
            </time>
          </dd>
        </div>
        {credentialKeys.length > 0 ? (
          <div>
            <dt className={term}>{ui.messages.credentialsLabel}</dt>
            <dd className={value}>
              <ul className={slot(ui.unstyled, "pb-connection-status-credentials", classNames.credentials)}>
                {credentialKeys.map((key) => (
                  <li key={key}>
                    <code>{key}</code>{" "}
                    <span aria-hidden="true">{MASK}</span>
                    <span className="pb-visually-hidden">{ui.messages.hiddenValue}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {props.children ? <div className={slot(ui.unstyled, "pb-connection-status-actions", classNames.actions)}>{props.children}</div> : null}
    </section>
  );
}
