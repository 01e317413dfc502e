// The entry @plugboard/auth-core/schema: checks input values against an option's JSON Schema, the
// way the engine and the server handler do. Its own entry so a UI can load it lazily (with its
// form) without pulling the engine: bundlers split modules by entry, not by export.
export { validateJsonSchema, matchesJsonSchema } from "./validate.ts";
export type { ValidateJsonSchemaOptions } from "./validate.ts";
export { applySchemaDefaults } from "./defaults.ts";
