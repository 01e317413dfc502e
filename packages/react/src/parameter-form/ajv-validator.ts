/**
 * Full JSON Schema validation with ajv, through `@rjsf/validator-ajv8`. Opt-in and kept in its own
 * module: ajv compiles schemas with `new Function`, which a Content-Security-Policy without
 * `'unsafe-eval'` blocks, and it adds ajv to the bundle. For strict CSPs use the default validator
 * or `precompiledValidator()`.
 *
 * @example
 * import { ajvValidator } from "@plugboard/react/parameter-form/ajv";
 * <ParameterForm schema={schema} validator={ajvValidator()} />
 */
import { customizeValidator } from "@rjsf/validator-ajv8";
import type { CustomValidatorOptionsType } from "@rjsf/validator-ajv8";
import type { ParameterFormValidator } from "./types.ts";

/** Creates an ajv 8 validator; `options` go to RJSF's `customizeValidator`. */
export function ajvValidator(options: CustomValidatorOptionsType = {}): ParameterFormValidator {
  return customizeValidator({
    ...options,
    // `format: password` is an annotation in connector schemas, not a check.
    customFormats: { password: () => true, ...options.customFormats },
  });
}
