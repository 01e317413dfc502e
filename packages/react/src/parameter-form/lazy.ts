// The cheap entry: everything here loads without RJSF. ConnectWidget and the messages import from
// this file (not index.ts), so RJSF stays in the lazily loaded chunk even without tree-shaking.
export { LazyParameterForm, ParameterFormSkeleton, preloadParameterForm } from "./lazy-parameter-form.tsx";
export type { LazyParameterFormProps } from "./lazy-parameter-form.tsx";
export { hasInputFields } from "./schema-walk.ts";
export { defaultParameterFormMessages } from "./messages.ts";
export type { ParameterFormMessages } from "./messages.ts";
export type { ParameterFormProps, ParameterFormValidator, ParameterFormValue, ParameterFormSlot, ParameterFormValidateOn } from "./types.ts";
