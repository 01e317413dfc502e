"use client";
/** Our RJSF templates: label, description, control and error per field; no global error list. */
import { descriptionId, errorId, getUiOptions } from "@rjsf/utils";
import type { FieldTemplateProps, ObjectFieldTemplateProps, TemplatesType } from "@rjsf/utils";
import { memo } from "react";
import type { FocusEvent, ReactNode } from "react";
import { useFormUi } from "./form-ui.ts";
import { renderRichText } from "./rich-text.tsx";
import { toPointer } from "./schema-info.ts";
import { FieldErrorContext, useShownError } from "./shown-errors.ts";
import { BaseInputTemplate } from "./widgets.tsx";

function leftField(event: FocusEvent<HTMLElement>): boolean {
  return !(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget));
}

/**
 * A description (markdown text, or an element), nothing when there is none. Also RJSF's
 * DescriptionFieldTemplate. Memoized: the field template re-renders on every keystroke in its
 * field, the description need not.
 */
const Description = memo(function Description({ id, description }: { id: string; description?: ReactNode }) {
  const { cls } = useFormUi();
  if (!description) return null;
  return (
    <div id={id} className={cls("description")}>
      {typeof description === "string" ? renderRichText(description) : description}
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
  const types = [schema.type].flat();
  // Objects and arrays: their fields are in `children`.
  if (types.includes("object") || types.includes("array") || (schema.properties !== undefined && schema.type === undefined)) {
    const isRoot = fieldPathId.path.length === 0;
    const problem = error && (
      <p id={errorId(id)} className={cls(isRoot ? "formError" : "error")} role={isRoot ? "alert" : undefined} tabIndex={-1} data-pb-form-error="">
        {error}
      </p>
    );
    // The form's own problem comes first, a group's after its fields.
    return (
      <>
        {isRoot && problem}
        {control}
        {!isRoot && problem}
      </>
    );
  }
  const pointer = toPointer(fieldPathId.path);
  // A boolean the uiSchema gives no other widget (hidden, password, …) is a checkbox.
  const isCheckbox = types.includes("boolean") && getUiOptions(uiSchema).widget === undefined;
  // RJSF shows no label for a checkbox (its own widget renders one); ours comes from here, always:
  // the uiSchema sets no `ui:label`.
  const showLabel = isCheckbox || displayLabel;
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
  const description = showLabel && <Description id={descriptionId(id)} description={rawDescription} />;
  return (
    <div
      className={cls("field")}
      data-invalid={error ? "" : undefined}
      data-disabled={disabled ? "" : undefined}
      onFocus={(event) => leftField(event) && ui.onFieldFocus(pointer, Boolean(error))}
      onBlur={(event) => leftField(event) && ui.onFieldBlur(pointer)}
      onChange={() => ui.onFieldInput(pointer)}
    >
      {/* A checkbox comes before its label; other controls after their label and description. */}
      {isCheckbox ? (
        <div className={cls("checkbox")}>
          {control}
          {labelElement}
        </div>
      ) : (
        labelElement
      )}
      {description}
      {!isCheckbox && control}
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
  // The form's own fields sit in a plain container; a nested object is a group with its title.
  const isRoot = fieldPathId.path.length === 0;
  const Container = isRoot ? "div" : "fieldset";
  return (
    <Container className={cls(isRoot ? "fields" : "group")} aria-describedby={!isRoot && description ? descId : undefined}>
      {!isRoot && title && <legend className={cls("legend")}>{title}</legend>}
      <Description id={descId} description={description} />
      {properties.map((property) => property.content)}
    </Container>
  );
}

const Nothing = () => null;

/**
 * Ours replace RJSF's. Errors are rendered by FieldTemplate, next to their field: RJSF never has
 * any (ParameterForm validates), and FieldTemplate does not render RJSF's `errors` and `help`
 * elements, so no FieldErrorTemplate, ErrorListTemplate or FieldHelpTemplate is needed.
 */
export const templates: Partial<Omit<TemplatesType, "ButtonTemplates">> & { ButtonTemplates?: Partial<TemplatesType["ButtonTemplates"]> } = {
  FieldTemplate,
  ObjectFieldTemplate,
  DescriptionFieldTemplate: Description,
  BaseInputTemplate,
  // The host passes its own submit button as children.
  ButtonTemplates: { SubmitButton: Nothing },
};
