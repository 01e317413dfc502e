/**
 * Validation with ajv code generated at build time: no ajv compiler in the bundle and no
 * `new Function` at runtime, so it works under a Content-Security-Policy without `'unsafe-eval'`.
 *
 * Build step (Node), once per input schema. The output is CommonJS (RJSF names the exports by
 * schema hash, which ajv cannot emit as ESM) and requires `ajv/dist/runtime/*` and
 * `ajv-formats/dist/formats`, so let the app's bundler include it:
 * ```ts
 * import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
 * writeFileSync("acme-validators.cjs", compileSchemaValidatorsCode(schema));
 * ```
 * In the app:
 * ```tsx
 * import validateFns from "./acme-validators.cjs";
 * <ParameterForm schema={schema} validator={precompiledValidator(validateFns, schema)} />
 * ```
 * `schema` must be the same (deep-equal) schema that was compiled; ParameterForm hands it to the
 * validator unchanged (all presentation goes into the uiSchema).
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
