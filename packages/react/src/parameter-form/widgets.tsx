"use client";
/**
 * Our inputs for RJSF: plain accessible controls with `aria-invalid` / `aria-describedby` wiring.
 * The uiSchema (ui-schema.ts) sets only `ui:title`, `ui:widget`, `ui:placeholder` and `ui:order`,
 * so the widgets read no other ui options (`description`, `rows`, `emptyValue`, `enumDisabled`,
 * `optionValueFormat`: select options are indexed).
 */
import { descriptionId, enumOptionSelectedValue, enumOptionValueDecoder, enumOptionValueEncoder, errorId, getInputProps } from "@rjsf/utils";
import type { BaseInputTemplateProps, RegistryWidgetsType, WidgetProps } from "@rjsf/utils";
import { useState } from "react";
import type { ChangeEvent, FocusEvent } from "react";
import { isSecretSchema } from "../internal/secret-fields.ts";
import { formatMessage } from "../internal/format.ts";
import { useFormUi } from "./form-ui.ts";
import { useFieldError } from "./shown-errors.ts";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * What every control shares, in two parts so each control keeps its own attribute order: `id`,
 * `name` and class first, then the ARIA state (the shown problem comes from the field template)
 * and RJSF's callbacks, which get `read(control, changed)` (`changed`: for `onChange`). By
 * default, the text a control holds; an emptied one reports `undefined` on change.
 */
function useControl(props: WidgetProps, read: (control: Control, changed: boolean) => unknown = ({ value }, changed) => (changed && value === "" ? undefined : value)) {
  const { id, htmlName, schema, hideLabel, label, onChange, onBlur, onFocus } = props;
  const { cls } = useFormUi();
  const invalid = useFieldError() !== undefined;
  const describedBy = [invalid && errorId(id), Boolean(schema.description) && descriptionId(id)].filter(Boolean).join(" ");
  const head = { id, name: htmlName || id, className: cls("input") };
  const tail = {
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy || undefined,
    "aria-label": hideLabel ? label : undefined,
    onChange: (event: ChangeEvent<Control>) => onChange(read(event.target, true)),
    onBlur: (event: FocusEvent<Control>) => onBlur(id, read(event.target, false)),
    onFocus: (event: FocusEvent<Control>) => onFocus(id, read(event.target, false)),
  };
  return [head, tail] as const;
}

/** Text-like `<input>`: text, email, url, number, password, date, … */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { value, required, disabled, readonly, autofocus, placeholder, options, schema, type, onChangeOverride } = props;
  const [head, tail] = useControl(props);
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === "number";
  const inputValue = isNumber ? (value || value === 0 ? value : "") : (value ?? "");
  // No autocomplete, capitalization, correction or spellcheck for secrets.
  const secretProps = (isSecretSchema(schema) || type === "password") && { autoComplete: "off", autoCapitalize: "off", autoCorrect: "off", spellCheck: false };
  return (
    <input
      {...head}
      {...inputProps}
      value={inputValue as string | number}
      placeholder={placeholder || undefined}
      required={required}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      {...secretProps}
      {...tail}
      onChange={onChangeOverride ?? tail.onChange}
    />
  );
}

/** A masked input with a show/hide toggle (`format: password`, `writeOnly`, `isSensitive`, …). */
export function SecretWidget(props: WidgetProps) {
  const { id, label, disabled } = props;
  const { cls, messages } = useFormUi();
  const [revealed, setRevealed] = useState(false);
  return (
    <div className={cls("secret")}>
      <BaseInputTemplate {...props} type={revealed ? "text" : "password"} />
      <button
        type="button"
        className={cls("revealButton")}
        aria-pressed={revealed}
        aria-controls={id}
        aria-label={formatMessage(revealed ? messages.hideSecret : messages.showSecret, { field: label })}
        disabled={disabled}
        data-state={revealed ? "visible" : "hidden"}
        onClick={() => setRevealed((shown) => !shown)}
      >
        {/* An eye, crossed out while the secret is shown. */}
        <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z" />
          <circle cx="12" cy="12" r="3" />
          {revealed && <path d="M4 4l16 16" />}
        </svg>
      </button>
    </div>
  );
}

/** `<select>` for `enum` / `oneOf` of constants. */
export function SelectWidget(props: WidgetProps) {
  const { value, required, disabled, readonly, autofocus, options, schema } = props;
  const { messages } = useFormUi();
  const { enumOptions = [] } = options;
  const [head, tail] = useControl(props, (control) => enumOptionValueDecoder(control.value, enumOptions));
  // Not `multiple`, so one string ("" when nothing is selected).
  const selected = enumOptionSelectedValue(value, enumOptions, false, undefined, "") as string;
  return (
    <select {...head} value={selected} required={required} disabled={disabled || readonly} autoFocus={autofocus} {...tail}>
      {schema.default === undefined && <option value="">{messages.selectPlaceholder}</option>}
      {enumOptions.map((option, index) => (
        <option key={String(option.value)} value={enumOptionValueEncoder(option.value, index)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A checkbox for booleans (its label is rendered by the field template, after the box). */
export function CheckboxWidget(props: WidgetProps) {
  const { value, required, disabled, readonly, autofocus } = props;
  const [head, tail] = useControl(props, (control) => (control as HTMLInputElement).checked);
  return (
    <input
      type="checkbox"
      {...head}
      checked={value === true}
      aria-required={required || undefined}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      {...tail}
    />
  );
}

/** Multi-line text (`multiline: true` or `ui:widget: textarea`). */
export function TextareaWidget(props: WidgetProps) {
  const { value, required, disabled, readonly, autofocus, placeholder } = props;
  const [head, tail] = useControl(props);
  return (
    <textarea
      {...head}
      value={(value as string | undefined) ?? ""}
      placeholder={placeholder || undefined}
      required={required}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      rows={4}
      {...tail}
    />
  );
}

export const widgets: RegistryWidgetsType = {
  PasswordWidget: SecretWidget,
  SelectWidget,
  CheckboxWidget,
  TextareaWidget,
};
