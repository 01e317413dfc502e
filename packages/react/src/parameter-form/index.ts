// Public surface of the parameter form. `lazy.ts` is the RJSF-free subset; `ajvValidator`
// (ajv-validator.ts) and `precompiledValidator` (precompiled.ts) are separate entries so they are
// never bundled by default.
export { ParameterForm } from "./parameter-form.tsx";
export { interpretiveValidator } from "./interpretive-validator.ts";
export {
  LazyParameterForm,
  ParameterFormSkeleton,
  preloadParameterForm,
  hasInputFields,
  defaultParameterFormMessages,
} from "./lazy.ts";
export type {
  LazyParameterFormProps,
  ParameterFormMessages,
  ParameterFormProps,
  ParameterFormValidator,
  ParameterFormValue,
  ParameterFormSlot,
  ParameterFormValidateOn,
} from "./lazy.ts";
