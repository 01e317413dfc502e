"use client";
/** Our inputs for RJSF: plain accessible controls with `aria-invalid` / `aria-describedby` wiring. */
import { descriptionId, enumOptionSelectedValue, enumOptionValueDecoder, enumOptionValueEncoder, errorId, getInputProps, getOptionValueFormat } from "@rjsf/utils";
import type { BaseInputTemplateProps, RegistryWidgetsType, WidgetProps } from "@rjsf/utils";
import { useState } from "react";
import type { ChangeEvent, FocusEvent } from "react";
import { isSecretSchema } from "../internal/secret-fields.ts";
import { formatMessage } from "../internal/format.ts";
import { useFormUi } from "./form-ui.ts";
import { useFieldError } from "./shown-errors.ts";

/** The ARIA state every control shares (the shown problem comes from the field template). */
function useAria({ id, schema, options, hideLabel, label }: WidgetProps) {
  const invalid = useFieldError() !== undefined;
  const hasDescription = Boolean(options.description ?? schema.description);
  const describedBy = [invalid && errorId(id), hasDescription && descriptionId(id)].filter(Boolean).join(" ");
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy || undefined,
    "aria-label": hideLabel ? label : undefined,
  };
}

/** Text-like `<input>`: text, email, url, number, password, date, … */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, value, required, readonly, disabled, autofocus, onBlur, onFocus, onChange, onChangeOverride, options, schema, type, placeholder } = props;
  const { cls } = useFormUi();
  const aria = useAria(props);
  const inputProps = getInputProps(schema, type, options);
  const isNumber = inputProps.type === "number";
  const inputValue = isNumber ? (value || value === 0 ? value : "") : (value ?? "");
  const secret = isSecretSchema(schema) || type === "password";
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value === "" ? options.emptyValue : event.target.value);
  return (
    <input
      id={id}
      name={htmlName || id}
      className={cls("input")}
      {...inputProps}
      value={inputValue as string | number}
      placeholder={placeholder || undefined}
      required={required}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      autoComplete={secret ? "off" : inputProps.autoComplete}
      autoCapitalize={secret ? "off" : undefined}
      autoCorrect={secret ? "off" : undefined}
      spellCheck={secret ? false : undefined}
      {...aria}
      onChange={onChangeOverride ?? handleChange}
      onBlur={(event: FocusEvent<HTMLInputElement>) => onBlur(id, event.target.value)}
      onFocus={(event: FocusEvent<HTMLInputElement>) => onFocus(id, event.target.value)}
    />
  );
}

/** A masked input with a show/hide toggle (`format: password`, `writeOnly`, `isSensitive`, …). */
export function SecretWidget(props: WidgetProps) {
  const { id, label, disabled, registry } = props;
  const { cls, messages } = useFormUi();
  const [revealed, setRevealed] = useState(false);
  const Input = registry.templates.BaseInputTemplate;
  return (
    <div className={cls("secret")}>
      <Input {...props} type={revealed ? "text" : "password"} />
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
        <EyeIcon crossed={revealed} />
      </button>
    </div>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z" />
      <circle cx="12" cy="12" r="3" />
      {crossed && <path d="M4 4l16 16" />}
    </svg>
  );
}

/** `<select>` for `enum` / `oneOf` of constants. */
export function SelectWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, options, schema } = props;
  const { cls, messages } = useFormUi();
  const aria = useAria(props);
  const { enumOptions = [], enumDisabled, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const decode = (raw: string) => enumOptionValueDecoder(raw, enumOptions, format, emptyValue);
  const selected = enumOptionSelectedValue(value, enumOptions, false, format, "");
  return (
    <select
      id={id}
      name={htmlName || id}
      className={cls("input")}
      value={typeof selected === "string" ? selected : ""}
      required={required}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      {...aria}
      onChange={(event) => onChange(decode(event.target.value))}
      onBlur={(event) => onBlur(id, decode(event.target.value))}
      onFocus={(event) => onFocus(id, decode(event.target.value))}
    >
      {schema.default === undefined && <option value="">{messages.selectPlaceholder}</option>}
      {enumOptions.map((option, index) => (
        <option key={String(option.value)} value={enumOptionValueEncoder(option.value, index, format)} disabled={enumDisabled?.includes(option.value)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** A checkbox for booleans (its label is rendered by the field template, after the box). */
export function CheckboxWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus } = props;
  const { cls } = useFormUi();
  const aria = useAria(props);
  return (
    <input
      type="checkbox"
      id={id}
      name={htmlName || id}
      className={cls("input")}
      checked={value === true}
      aria-required={required || undefined}
      disabled={disabled || readonly}
      autoFocus={autofocus}
      {...aria}
      onChange={(event) => onChange(event.target.checked)}
      onBlur={(event) => onBlur(id, event.target.checked)}
      onFocus={(event) => onFocus(id, event.target.checked)}
    />
  );
}

/** Multi-line text (`multiline: true` or `ui:widget: textarea`). */
export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, options, placeholder } = props;
  const { cls } = useFormUi();
  const aria = useAria(props);
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className={cls("input")}
      value={(value as string | undefined) ?? ""}
      placeholder={placeholder || undefined}
      required={required}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      rows={typeof options.rows === "number" ? options.rows : 4}
      {...aria}
      onChange={(event) => onChange(event.target.value === "" ? options.emptyValue : event.target.value)}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}

export const widgets: RegistryWidgetsType = {
  PasswordWidget: SecretWidget,
  SelectWidget,
  CheckboxWidget,
  TextareaWidget,
};
