"use client";
/** What ParameterForm hands its RJSF templates and widgets (they sit below RJSF's memoized fields). */
import { createContext, useContext } from "react";
import { slot } from "../internal/class-names.ts";
import { defaultParameterFormMessages } from "./messages.ts";
import type { ParameterFormMessages } from "./messages.ts";
import type { ParameterFormSlot } from "./types.ts";

export interface FormUi {
  messages: ParameterFormMessages;
  /** Class name of a part: `pb-*` (unless unstyled) plus the host's slot class. */
  cls: (part: ParameterFormSlot | "group" | "legend" | "fields" | "secret" | "checkbox" | "formError", extra?: string) => string | undefined;
  /** Focus entered a field (`pointer`); `showsError` tells whether it shows a problem right now. */
  onFieldFocus: (pointer: string, showsError: boolean) => void;
  /** Focus left a field. */
  onFieldBlur: (pointer: string) => void;
  /** The user edited a field. */
  onFieldInput: (pointer: string) => void;
}

const BASE: Record<string, string> = {
  root: "pb-parameter-form",
  fields: "pb-parameter-form__fields",
  field: "pb-parameter-form__field",
  label: "pb-parameter-form__label",
  input: "pb-parameter-form__input",
  description: "pb-parameter-form__description",
  error: "pb-parameter-form__error",
  formError: "pb-parameter-form__form-error",
  required: "pb-parameter-form__required",
  revealButton: "pb-parameter-form__reveal",
  secret: "pb-parameter-form__secret",
  checkbox: "pb-parameter-form__checkbox",
  group: "pb-parameter-form__group",
  legend: "pb-parameter-form__legend",
};

/** Builds the class-name function for the given settings. */
export function classNamesFor(unstyled: boolean, classNames: Partial<Record<ParameterFormSlot, string>> = {}): FormUi["cls"] {
  return (part, extra) => slot(unstyled, BASE[part] ?? "", [classNames[part as ParameterFormSlot], extra].filter(Boolean).join(" ") || undefined);
}

const noop = () => {};

export const FormUiContext = createContext<FormUi>({
  messages: defaultParameterFormMessages,
  cls: classNamesFor(false),
  onFieldFocus: noop,
  onFieldBlur: noop,
  onFieldInput: noop,
});

export function useFormUi(): FormUi {
  return useContext(FormUiContext);
}
