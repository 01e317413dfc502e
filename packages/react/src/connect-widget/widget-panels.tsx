"use client";
import type { ClassNames } from "../internal/class-names.ts";
import { slot } from "../internal/class-names.ts";
import type { Messages } from "../messages/index.ts";

export type PanelSlot =
  | "status"
  | "error"
  | "errorTitle"
  | "errorMessage"
  | "errorDetails"
  | "retryButton"
  | "editButton"
  | "cancelled"
  | "startOverButton";

export interface PanelProps {
  messages: Messages;
  unstyled: boolean;
  classNames: ClassNames<PanelSlot>;
}

/** Always in the DOM, so screen readers announce each step as the text changes. */
export function StatusRegion(props: PanelProps & { text: string; busy: boolean }) {
  return (
    <div role="status" className={slot(props.unstyled, "pb-status", props.classNames.status)} data-busy={props.busy ? "" : undefined}>
      {props.busy && !props.unstyled ? <span className="pb-spinner" aria-hidden="true" /> : null}
      {props.text}
    </div>
  );
}
