export { validateJsonSchema, matchesJsonSchema } from "./validate.ts";
export type { ValidateJsonSchemaOptions } from "./validate.ts";
export { applySchemaDefaults } from "./defaults.ts";
export { mergeSchemas } from "./merge.ts";
export { joinPointer, parsePointer, escapePointerToken, getAtPointer } from "./pointer.ts";
export { FORMATS } from "./formats.ts";
