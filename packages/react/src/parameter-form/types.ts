import type { Issue, JsonSchema } from "@plugboard/auth-core";
import type { FormContextType, RJSFSchema, ValidatorType } from "@rjsf/utils";
import type { ReactNode, Ref } from "react";
import type { ParameterFormMessages } from "./messages.ts";

/** The values a parameter form edits: the option's connection input. */
export type ParameterFormValue = Record<string, unknown>;

/**
 * A validation port: any RJSF `ValidatorType`. The default is Plugboard's interpretive validator
 * (no eval, CSP-safe); `ajvValidator()` and `precompiledValidator()` are the alternatives.
 */
export type ParameterFormValidator = ValidatorType<ParameterFormValue, RJSFSchema, FormContextType>;

/** Parts that take a class name. */
export type ParameterFormSlot = "root" | "field" | "label" | "input" | "description" | "error" | "required" | "revealButton";

/** When field problems are shown (a submit always shows them all). */
export type ParameterFormValidateOn = "blur" | "change" | "submit";

export interface ParameterFormProps {
  /** The option's `inputSchema` (Membrane Data Schema / JSON Schema). */
  schema: JsonSchema;
  /** The values (controlled). */
  value?: ParameterFormValue;
  /** The initial values (uncontrolled); schema `default`s fill the gaps. */
  defaultValue?: ParameterFormValue;
  /** Called on every edit (and once when defaults are filled into a controlled value that lacks them). */
  onValueChange?: (details: { value: ParameterFormValue }) => void;
  /** Field problems from the engine (`invalid_input` issues, JSON pointers), shown next to the fields until edited. */
  issues?: Issue[];
  /** When a field's problems appear: after leaving it (default), while typing, or only on submit. */
  validateOn?: ParameterFormValidateOn;
  /** Called on submit, only when the values are valid. */
  onSubmit?: (details: { value: ParameterFormValue }) => void;
  disabled?: boolean;
  /** Prefix for field ids (`{id}_{property}`); generated when omitted. */
  id?: string;
  messages?: Partial<ParameterFormMessages>;
  className?: string;
  classNames?: Partial<Record<ParameterFormSlot, string>>;
  /** Drop the `pb-*` classes (slot class names are kept). */
  unstyled?: boolean;
  /** Validation port; default: the interpretive validator (CSP-safe, no eval). */
  validator?: ParameterFormValidator;
  /** Rendered inside the `<form>` after the fields, e.g. the submit button. */
  children?: ReactNode;
  /** The `<form>` element. */
  formRef?: Ref<HTMLFormElement>;
}
