/** Which problems the form shows: validation results (human messages) plus the engine's issues. */
import type { Issue, JsonSchema } from "@plugboard/auth-core";
import { ErrorSchemaBuilder } from "@rjsf/utils";
import type { ErrorSchema, RJSFSchema, RJSFValidationError } from "@rjsf/utils";
import { describeProblem, problemPriority } from "./describe-problem.ts";
import { errorPath } from "./interpretive-validator.ts";
import type { ParameterFormMessages } from "./messages.ts";
import { fieldSchemaAt, getAtPointer, pointerTokens, toPointer } from "./schema-info.ts";
import type { ParameterFormValidator, ParameterFormValue } from "./types.ts";

type Errors = ErrorSchema<ParameterFormValue>;

/** ajv reports a failed `if` next to the real problems of its `then`/`else`. */
const REDUNDANT = new Set(["if"]);

/**
 * An RJSF `transformErrors`: human messages, most important first, and problems without a field
 * of their own moved to the form level (path `""`). With `isVisible`, only the problems of fields
 * that show them are kept (and worded).
 */
export function humanizeErrors(schema: JsonSchema, messages: ParameterFormMessages, isVisible: (pointer: string) => boolean = () => true) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const kept: RJSFValidationError[] = [];
    for (const error of errors) {
      if (REDUNDANT.has(error.name ?? "")) continue;
      const path = errorPath(error);
      const placed = path.length === 0 || fieldSchemaAt(schema, path) !== undefined;
      if (!isVisible(placed ? toPointer(path) : "")) continue;
      const message = describeProblem({ code: error.name ?? "", path, params: error.params as Record<string, unknown> | undefined }, schema, messages);
      kept.push(placed ? { ...error, message } : { ...error, message, property: "", params: { ...(error.params as object), pointer: "" } });
    }
    return kept.sort((a, b) => problemPriority(a.name) - problemPriority(b.name));
  };
}

export interface Validation {
  errorSchema: Errors;
  hasErrors: boolean;
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
): Validation {
  const { errors, errorSchema } = validator.validateFormData(value, schema as RJSFSchema, undefined, humanizeErrors(schema, messages, isVisible));
  return { errorSchema, hasErrors: errors.length > 0 };
}

/** Adds the engine's issues whose values are unchanged since they were reported. */
export function withIssues(
  errors: Errors,
  issues: readonly Issue[],
  context: { schema: JsonSchema; messages: ParameterFormMessages; value: ParameterFormValue; reportedValue: ParameterFormValue },
): Errors {
  if (issues.length === 0) return errors;
  const builder = new ErrorSchemaBuilder<ParameterFormValue>(errors);
  for (const issue of issues) {
    const tokens = pointerTokens(issue.path);
    if (!sameJson(getAtPointer(context.value, tokens), getAtPointer(context.reportedValue, tokens))) continue;
    const message = describeProblem({ code: issue.code, path: tokens }, context.schema, context.messages);
    const path = tokens.length === 0 || fieldSchemaAt(context.schema, tokens) !== undefined ? tokens : [];
    const existing = getAtPointer(builder.ErrorSchema, [...path, "__errors"]);
    if (Array.isArray(existing) && existing.includes(message)) continue;
    builder.addErrors(message, path);
  }
  return builder.ErrorSchema;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
