/** Which problems the form shows: validation results (human messages) plus the engine's issues. */
import type { Issue, JsonSchema } from "@plugboard/auth-core";
import { ErrorSchemaBuilder } from "@rjsf/utils";
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData } from "@rjsf/utils";
import { describeProblem, problemPriority } from "./describe-problem.ts";
import { errorPath } from "./interpretive-validator.ts";
import type { ParameterFormMessages } from "./messages.ts";
import { fieldSchemaAt, getAtPointer, pointerTokens, toPointer } from "./schema-info.ts";
import type { ParameterFormValidator, ParameterFormValue } from "./types.ts";

type Errors = ErrorSchema<ParameterFormValue>;

/**
 * An RJSF `transformErrors`: human messages, most important first, and problems without a field
 * of their own moved to the form level (path `""`). With `isVisible`, only the problems of fields
 * that show them are kept (and worded).
 */
export function humanizeErrors(schema: JsonSchema, messages: ParameterFormMessages, isVisible: (pointer: string) => boolean = () => true) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const kept: RJSFValidationError[] = [];
    for (const error of errors) {
      // ajv reports a failed `if` next to the real problems of its `then`/`else`.
      if (error.name === "if") continue;
      const path = errorPath(error);
      const placed = isField(schema, path);
      if (!isVisible(placed ? toPointer(path) : "")) continue;
      const message = describeProblem(error.name ?? "", path, error.params as Record<string, unknown> | undefined, schema, messages);
      kept.push(placed ? { ...error, message } : { ...error, message, property: "", params: { ...(error.params as object), pointer: "" } });
    }
    return kept.sort((a, b) => problemPriority(a.name) - problemPriority(b.name));
  };
}

/** True when `path` is the form itself or one of its fields (else a problem there shows at the form level). */
function isField(schema: JsonSchema, path: string[]): boolean {
  return path.length === 0 || fieldSchemaAt(schema, path) !== undefined;
}

/**
 * Validates `value` with the port; messages are already human. With `isVisible`, the result holds
 * only the problems of fields that show them (`isVisible(pointer)`).
 */
export function validateValue(
  validator: ParameterFormValidator,
  schema: JsonSchema,
  value: ParameterFormValue,
  messages: ParameterFormMessages,
  isVisible?: (pointer: string) => boolean,
): ValidationData<ParameterFormValue> {
  return validator.validateFormData(value, schema as RJSFSchema, undefined, humanizeErrors(schema, messages, isVisible));
}

/** Adds the engine's issues whose values are unchanged since they were reported (for `reportedValue`). */
export function withIssues(
  errors: Errors,
  issues: readonly Issue[],
  schema: JsonSchema,
  messages: ParameterFormMessages,
  value: ParameterFormValue,
  reportedValue: ParameterFormValue,
): Errors {
  if (issues.length === 0) return errors;
  const builder = new ErrorSchemaBuilder<ParameterFormValue>(errors);
  for (const issue of issues) {
    const tokens = pointerTokens(issue.path);
    if (JSON.stringify(getAtPointer(value, tokens)) !== JSON.stringify(getAtPointer(reportedValue, tokens))) continue;
    const message = describeProblem(issue.code, tokens, undefined, schema, messages);
    // The builder skips a message the field already shows.
    builder.addErrors(message, isField(schema, tokens) ? tokens : []);
  }
  return builder.ErrorSchema;
}
