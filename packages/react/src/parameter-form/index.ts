// Public surface of the parameter form. `ajvValidator` (ajv-validator.ts) and
// `precompiledValidator` (precompiled.ts) are separate entries so they are never bundled by default.
export { ParameterForm } from "./parameter-form.tsx";
export { LazyParameterForm, ParameterFormSkeleton, preloadParameterForm } from "./lazy-parameter-form.tsx";
export type { LazyParameterFormProps } from "./lazy-parameter-form.tsx";
export { hasInputFields } from "./schema-info.ts";
export { interpretiveValidator } from "./interpretive-validator.ts";
export { defaultParameterFormMessages } from "./messages.ts";
export type { ParameterFormMessages } from "./messages.ts";
export type {
  ParameterFormProps,
  ParameterFormValidator,
  ParameterFormValue,
  ParameterFormSlot,
  ParameterFormValidateOn,
} from "./types.ts";
