"use client";
/**
 * ParameterForm: renders an auth option's input schema with @rjsf/core and our own accessible
 * templates. RJSF only renders; validation, message wording and when problems show are ours (the
 * templates read the shown problems from shown-errors.ts; RJSF never gets them).
 */
import { applySchemaDefaults } from "@plugboard/auth-core/schema";
import Form from "@rjsf/core";
import type { IChangeEvent } from "@rjsf/core";
import { useDeepCompareMemo } from "@rjsf/utils";
import type { RJSFSchema } from "@rjsf/utils";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { validateValue, withIssues } from "./display.ts";
import { classNamesFor, FormUiContext } from "./form-ui.ts";
import type { FormUi } from "./form-ui.ts";
import { interpretiveValidator } from "./interpretive-validator.ts";
import { defaultParameterFormMessages } from "./messages.ts";
import { isObject } from "./schema-info.ts";
import { FocusFirstProblem, ShownErrors, ShownErrorsContext } from "./shown-errors.ts";
import { templates } from "./templates.tsx";
import type { ParameterFormProps, ParameterFormValue } from "./types.ts";
import { buildUiSchema } from "./ui-schema.ts";
import { widgets } from "./widgets.tsx";

const defaultValidator = interpretiveValidator();
const NO_ISSUES: never[] = [];
// Layout effects warn during server rendering on React 18.
const useClientLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

type FieldSet = ReadonlySet<string>;

function withEntry(set: FieldSet, entry: string): FieldSet {
  return set.has(entry) ? set : new Set(set).add(entry);
}

function withoutEntry(set: FieldSet, entry: string): FieldSet {
  if (!set.has(entry)) return set;
  const next = new Set(set);
  next.delete(entry);
  return next;
}

/** Drops `undefined` properties (RJSF keeps cleared fields as `undefined`). */
function compact(value: unknown): ParameterFormValue {
  if (!isObject(value)) return {};
  const result: ParameterFormValue = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) result[key] = isObject(entry) ? compact(entry) : entry;
  }
  return result;
}

export function ParameterForm(props: ParameterFormProps) {
  const { schema, value: valueProp, defaultValue, onValueChange, onSubmit, disabled, id, className, classNames, unstyled = false, children, formRef } = props;
  const validator = props.validator ?? defaultValidator;
  const validateOn = props.validateOn ?? "blur";
  const issues = props.issues ?? NO_ISSUES;
  // Keyed on content: hosts often pass these inline.
  const messagesKey = JSON.stringify(props.messages ?? {});
  const classNamesKey = JSON.stringify(classNames ?? {});
  const messages = useMemo(() => ({ ...defaultParameterFormMessages, ...props.messages }), [messagesKey]);
  const generatedId = useId();
  const idPrefix = id ?? `pb-pf-${generatedId.replace(/[^a-zA-Z0-9]/g, "")}`;

  // Values: controlled (`value`) or our own state (`defaultValue` + schema defaults).
  const [ownValue, setOwnValue] = useState<ParameterFormValue>(() => applySchemaDefaults(schema, compact(defaultValue)));
  const controlled = valueProp !== undefined;
  const value = controlled ? valueProp : ownValue;
  // RJSF's `formData`. While `value` is exactly what RJSF last reported, RJSF already holds it and
  // gets none: handing its own edit back as a new object would make it re-derive its state and
  // render every field a second time per keystroke. Any other value (the initial one, or one the
  // host set) is handed down, after which that report no longer tells what RJSF holds. Decided
  // when `value` changes, as RJSF itself only reacts to a changed `formData`.
  const rjsfReport = useRef<ParameterFormValue | null>(null);
  const formData = useMemo(() => {
    if (value === rjsfReport.current) return undefined;
    rjsfReport.current = null;
    return value;
  }, [value]);

  // Visibility: a field shows its problems once touched (left, or edited in "change" mode) and
  // after a submit; `quiet` hides new problems of a field while it is being typed into.
  const [touched, setTouched] = useState<FieldSet>(() => new Set());
  const [quiet, setQuiet] = useState<FieldSet>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);

  // Engine issues stay next to their field until its value changes.
  const issuesKey = JSON.stringify(issues);
  const [reported, setReported] = useState({ key: issuesKey, value });
  if (reported.key !== issuesKey) setReported({ key: issuesKey, value });

  const uiSchema = useMemo(() => buildUiSchema(schema), [schema]);
  const currentErrors = useMemo(() => {
    const isVisible = (pointer: string) => !quiet.has(pointer) && (submitted || touched.has(pointer));
    // Only the problems that show are worded: while typing, most fields are untouched.
    const shown = validateOn === "submit" && !submitted ? {} : validateValue(validator, schema, value, messages, isVisible).errorSchema;
    return withIssues(shown, issues, schema, messages, value, reported.value);
  }, [validator, validateOn, submitted, touched, quiet, issues, schema, messages, value, reported.value]);
  // The same object while the shown problems are the same: a keystroke that changes no message
  // notifies no field.
  const shownErrors = useDeepCompareMemo(currentErrors);

  const ui = useMemo<FormUi>(
    () => ({
      messages,
      cls: classNamesFor(unstyled, classNames),
      onFieldFocus: (pointer, showsError) => {
        if (!showsError && validateOn !== "change") setQuiet((set) => withEntry(set, pointer));
      },
      onFieldBlur: (pointer) => {
        setQuiet((set) => withoutEntry(set, pointer));
        setTouched((set) => withEntry(set, pointer));
      },
      onFieldInput: (pointer) => {
        if (validateOn === "change") setTouched((set) => withEntry(set, pointer));
      },
    }),
    [messages, unstyled, classNamesKey, validateOn],
  );

  // Not memoized: RJSF compares its props deeply, ignoring functions.
  const handleChange = (event: IChangeEvent<ParameterFormValue>) => {
    const next = compact(event.formData);
    rjsfReport.current = next;
    if (!controlled) setOwnValue(next);
    onValueChange?.({ value: next });
  };

  const handleSubmit = (event: IChangeEvent<ParameterFormValue>) => {
    if (disabled) return;
    const submittedValue = compact(event.formData);
    setSubmitted(true);
    setQuiet(new Set());
    if (validateValue(validator, schema, submittedValue, messages).errors.length > 0) setFocusRequest((count) => count + 1);
    else onSubmit?.({ value: submittedValue });
  };

  // After a failed submit, or when the engine reports problems, focus the first invalid field
  // (FocusFirstProblem, once the fields show the problems).
  const formElement = useRef<HTMLFormElement | null>(null);
  const lastIssuesKey = useRef(issuesKey);
  useEffect(() => {
    if (lastIssuesKey.current === issuesKey) return;
    lastIssuesKey.current = issuesKey;
    if (issuesKey !== "[]") setFocusRequest((count) => count + 1);
  }, [issuesKey]);

  // The fields read the shown problems from this store (created with the first render's, then
  // updated after each commit), so only the fields whose problem changed re-render.
  const [shownErrorsStore] = useState(() => new ShownErrors(shownErrors));
  useClientLayoutEffect(() => shownErrorsStore.publish(shownErrors, focusRequest), [shownErrorsStore, shownErrors, focusRequest]);

  const setFormInstance = useCallback(
    (instance: Form<ParameterFormValue> | null) => {
      const element = (instance?.formElement.current as HTMLFormElement | null | undefined) ?? null;
      formElement.current = element;
      if (typeof formRef === "function") formRef(element);
      else if (formRef) (formRef as { current: HTMLFormElement | null }).current = element;
    },
    [formRef],
  );

  return (
    <FormUiContext.Provider value={ui}>
      <ShownErrorsContext.Provider value={shownErrorsStore}>
        <Form<ParameterFormValue>
          ref={setFormInstance}
          schema={schema as RJSFSchema}
          uiSchema={uiSchema}
          formData={formData}
          validator={validator}
          templates={templates}
          widgets={widgets}
          idPrefix={idPrefix}
          // RJSF falls back to its own "rjsf" class for an empty one.
          className={ui.cls("root", className) ?? " "}
          disabled={disabled}
          noValidate
          noHtml5Validate
          showErrorList={false}
          onChange={handleChange}
          onSubmit={handleSubmit}
        >
          {children}
        </Form>
        <FocusFirstProblem container={formElement} />
      </ShownErrorsContext.Provider>
    </FormUiContext.Provider>
  );
}
