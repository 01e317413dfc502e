/**
 * Validation with ajv code generated at build time: no ajv compiler in the bundle and no
 * `new Function` at runtime, so it works under a Content-Security-Policy without `'unsafe-eval'`.
 *
 * Build step (Node), once per input schema:
 * ```ts
 * import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
 * writeFileSync("acme-validators.mjs", compileSchemaValidatorsCode(schema, { ajvOptionsOverrides: { code: { esm: true } } }));
 * ```
 * In the app:
 * ```tsx
 * import * as validateFns from "./acme-validators.mjs";
 * <ParameterForm schema={schema} validator={precompiledValidator(validateFns, schema)} />
 * ```
 * `schema` must be the same (deep-equal) schema that was compiled.
 */
// The `lib/` entry pulls in RJSF's precompiled adapter only, not ajv itself.
import createPrecompiledValidator from "@rjsf/validator-ajv8/lib/createPrecompiledValidator.js";
import type { ValidatorFunctions } from "@rjsf/validator-ajv8";
import type { RJSFSchema } from "@rjsf/utils";
import type { JsonSchema } from "@plugboard/auth-core";
import type { ParameterFormValidator, ParameterFormValue } from "./types.ts";

/** Wraps a module of precompiled validate functions (from `compileSchemaValidatorsCode`) for `schema`. */
export function precompiledValidator(validateFns: ValidatorFunctions, schema: JsonSchema): ParameterFormValidator {
  return createPrecompiledValidator<ParameterFormValue, RJSFSchema>(validateFns, schema as RJSFSchema);
}
