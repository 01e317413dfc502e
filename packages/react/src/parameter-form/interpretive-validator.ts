/**
 * Plugboard's default validator: an RJSF `ValidatorType` over auth-core's interpretive
 * `validateJsonSchema`. It never generates code (no `new Function`, no `eval`), so it runs under a
 * Content-Security-Policy without `'unsafe-eval'`.
 */
import { validateJsonSchema } from "@plugboard/auth-core/schema";
import type { Issue, JsonSchema } from "@plugboard/auth-core";
import type { CustomValidator, ErrorSchema, ErrorTransformer, RJSFSchema, RJSFValidationError, UiSchema, ValidationData } from "@rjsf/utils";
import { createErrorHandler, ErrorSchemaBuilder, getDefaultFormState, toErrorList, toPath, unwrapErrorHandler, validationDataMerge } from "@rjsf/utils";
import { fieldLabel, fieldSchemaAt, getAtPointer, pointerTokens } from "./schema-info.ts";
import type { ParameterFormValidator, ParameterFormValue } from "./types.ts";

type Data = ParameterFormValue;

/** Creates the default (interpretive, CSP-safe) validator. */
export function interpretiveValidator(): ParameterFormValidator {
  return new InterpretiveValidator();
}

class InterpretiveValidator implements ParameterFormValidator {
  /** The raw problems, as auth-core `Issue`s. */
  rawValidation<Result = Issue>(schema: RJSFSchema, formData?: Data): { errors?: Result[]; validationError?: Error } {
    try {
      return { errors: validateJsonSchema(schema as JsonSchema, formData) as Result[] };
    } catch (error) {
      return { errors: [], validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  validateFormData(
    formData: Data | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Data, RJSFSchema>,
    transformErrors?: ErrorTransformer<Data, RJSFSchema>,
    uiSchema?: UiSchema<Data, RJSFSchema>,
  ): ValidationData<Data> {
    const { errors: issues = [], validationError } = this.rawValidation<Issue>(schema, formData);
    let errors = issues.map((issue) => toRjsfError(issue, schema as JsonSchema));
    if (validationError) errors.push({ stack: validationError.message, message: validationError.message });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    // The error schema, from exact paths (`params.pointer`) when present, else from `property`.
    const builder = new ErrorSchemaBuilder<Data>();
    for (const error of errors) {
      if (error.message) builder.addErrors(error.message, errorPath(error));
    }
    const validation = { errors, errorSchema: builder.ErrorSchema };
    if (typeof customValidate !== "function") return validation;
    // As the ajv validator does: custom validation sees the data with defaults filled in.
    const withDefaults = getDefaultFormState<Data, RJSFSchema>(this, schema, formData, schema, true) as Data;
    const handler = customValidate(withDefaults, createErrorHandler<Data>(withDefaults), uiSchema, validation.errorSchema);
    return validationDataMerge<Data>(validation, unwrapErrorHandler<Data>(handler));
  }

  isValid(schema: RJSFSchema, formData: Data | undefined, rootSchema: RJSFSchema): boolean {
    try {
      const target = schema === rootSchema ? schema : inlineLocalRefs(schema, rootSchema);
      return validateJsonSchema(target as JsonSchema, formData).length === 0;
    } catch {
      return false;
    }
  }

  /** Flattens an error schema into a list (the pre-v6 `ValidatorType` method, kept for callers that use it). */
  toErrorList(errorSchema?: ErrorSchema<Data>, fieldPath?: string[]): RJSFValidationError[] {
    return toErrorList<Data>(errorSchema, fieldPath);
  }
}

/** An `Issue` in RJSF's error shape; `params.pointer` keeps the exact path (property names may contain dots). */
function toRjsfError(issue: Issue, rootSchema: JsonSchema): RJSFValidationError {
  const tokens = pointerTokens(issue.path);
  const property = tokens.length === 0 ? "" : `.${tokens.join(".")}`;
  const name = tokens.at(-1);
  const params: Record<string, unknown> = { pointer: issue.path };
  if (issue.code === "required" && name !== undefined) params.missingProperty = name;
  const title = fieldLabel(fieldSchemaAt(rootSchema, tokens), name);
  return { name: issue.code, property, message: issue.message, params, stack: `${property} ${issue.message}`.trim(), title };
}

/** The field path of an RJSF error. */
export function errorPath(error: RJSFValidationError): string[] {
  const pointer = (error.params as { pointer?: unknown } | undefined)?.pointer;
  if (typeof pointer === "string") return pointerTokens(pointer);
  return error.property ? toPath(error.property) : [];
}

const MAX_INLINE_DEPTH = 16;

/**
 * A copy of `schema` with local `$ref`s resolved against `rootSchema`, so a sub-schema can be
 * validated on its own (recursive references stop after a few levels).
 */
function inlineLocalRefs(node: unknown, root: unknown, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineLocalRefs(item, root, depth));
  if (typeof node !== "object" || node === null) return node;
  const { $ref, ...siblings } = node as Record<string, unknown>;
  const target = typeof $ref === "string" && $ref.startsWith("#") && depth < MAX_INLINE_DEPTH ? getAtPointer(root, $ref) : undefined;
  if (target !== undefined) return inlineLocalRefs({ ...(target as object), ...siblings }, root, depth + 1);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineLocalRefs(value, root, depth)]));
}
