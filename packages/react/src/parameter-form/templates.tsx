"use client";
/** Our RJSF templates: label, description, control and error per field; no global error list. */
import { descriptionId, errorId, getUiOptions } from "@rjsf/utils";
import type { DescriptionFieldProps, FieldHelpProps, FieldTemplateProps, ObjectFieldTemplateProps, TemplatesType } from "@rjsf/utils";
import { memo } from "react";
import type { FocusEvent, ReactNode } from "react";
import { useFormUi } from "./form-ui.ts";
import { RichText } from "./rich-text.tsx";
import { toPointer } from "./schema-info.ts";
import { FieldErrorContext, useShownError } from "./shown-errors.ts";

function isContainer(schema: FieldTemplateProps["schema"]): boolean {
  const types = [schema.type].flat();
  return types.includes("object") || types.includes("array") || (schema.properties !== undefined && schema.type === undefined);
}

function leftField(event: FocusEvent<HTMLElement>): boolean {
  return !(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget));
}

// Memoized: the field template re-renders on every keystroke in its field, the description need not.
const Description = memo(function Description({ id, text }: { id: string; text: ReactNode }) {
  const { cls } = useFormUi();
  return (
    <div id={id} className={cls("description")}>
      {typeof text === "string" ? <RichText text={text} /> : text}
    </div>
  );
});

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawDescription, hidden, required, displayLabel, disabled, schema, uiSchema, fieldPathId } = props;
  const ui = useFormUi();
  const { cls } = ui;
  // Problems come from ParameterForm (shown-errors.ts); RJSF itself never validates here.
  const error = useShownError(fieldPathId.path);
  // For the control's ARIA state; a container passes its problem on to a control it renders itself
  // (a multi-select array, an anyOf selector), nested fields provide their own.
  const control = <FieldErrorContext.Provider value={error}>{children}</FieldErrorContext.Provider>;
  if (hidden) return <div hidden>{control}</div>;
  if (isContainer(schema)) {
    const isRoot = fieldPathId.path.length === 0;
    const problem = error && (
      <p id={errorId(id)} className={cls(isRoot ? "formError" : "error")} role={isRoot ? "alert" : undefined} tabIndex={-1} data-pb-form-error="">
        {error}
      </p>
    );
    return isRoot ? (
      <>
        {problem}
        {control}
      </>
    ) : (
      <>
        {control}
        {problem}
      </>
    );
  }
  const pointer = toPointer(fieldPathId.path);
  const options = getUiOptions(uiSchema);
  const isCheckbox = [schema.type].flat().includes("boolean") && (options.widget === undefined || options.widget === "checkbox");
  const showLabel = isCheckbox ? options.label !== false : displayLabel;
  const labelElement = showLabel && (
    <label htmlFor={id} className={cls("label")}>
      {label}
      {required && (
        <>
          {" "}
          <span aria-hidden="true" className={cls("required")}>
            *
          </span>
        </>
      )}
    </label>
  );
  const description = showLabel && rawDescription ? <Description id={descriptionId(id)} text={rawDescription} /> : null;
  return (
    <div
      className={cls("field")}
      data-invalid={error ? "" : undefined}
      data-disabled={disabled ? "" : undefined}
      onFocus={(event) => leftField(event) && ui.onFieldFocus(pointer, Boolean(error))}
      onBlur={(event) => leftField(event) && ui.onFieldBlur(pointer)}
      onChange={() => ui.onFieldInput(pointer)}
    >
      {isCheckbox ? (
        <>
          <div className={cls("checkbox")}>
            {control}
            {labelElement}
          </div>
          {description}
        </>
      ) : (
        <>
          {labelElement}
          {description}
          {control}
        </>
      )}
      {error && (
        <p id={errorId(id)} className={cls("error")}>
          {error}
        </p>
      )}
    </div>
  );
}

export function ObjectFieldTemplate({ title, description, properties, fieldPathId }: ObjectFieldTemplateProps) {
  const { cls } = useFormUi();
  const descId = descriptionId(fieldPathId);
  const body = (
    <>
      {description && <Description id={descId} text={description} />}
      {properties.map((property) => property.content)}
    </>
  );
  if (fieldPathId.path.length === 0) return <div className={cls("fields")}>{body}</div>;
  return (
    <fieldset className={cls("group")} aria-describedby={description ? descId : undefined}>
      {title && <legend className={cls("legend")}>{title}</legend>}
      {body}
    </fieldset>
  );
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  return description ? <Description id={id} text={description} /> : null;
}

export function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  return help ? <Description id={`${fieldPathId.$id}__help`} text={help} /> : null;
}

const Nothing = () => null;

export const templates: Partial<Omit<TemplatesType, "ButtonTemplates">> & { ButtonTemplates?: Partial<TemplatesType["ButtonTemplates"]> } = {
  FieldTemplate,
  ObjectFieldTemplate,
  DescriptionFieldTemplate,
  FieldHelpTemplate,
  // Errors are rendered by FieldTemplate, next to their field.
  FieldErrorTemplate: Nothing,
  ErrorListTemplate: Nothing,
  // The host passes its own submit button as children.
  ButtonTemplates: { SubmitButton: Nothing },
};
