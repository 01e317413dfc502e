export { parseConnectorSpec, validateConnectorSpec } from "./parse.ts";
export { loadConnectorSpec } from "./load.ts";
export type { ParseConnectorSpecOptions, ValidateConnectorSpecResult } from "./parse.ts";
export { connectorSpecJsonSchema } from "./schema.ts";
export { getAuthOptions, getAuthOptionKeys, getEffectiveAuthOption, DEFAULT_AUTH_OPTION_KEY } from "./options.ts";
export type { AuthOptionsContext } from "./options.ts";
export { METHOD_RULES, METHOD_ALIASES, AUTH_TYPE_TITLES } from "./rules.ts";
export type { MethodRule } from "./rules.ts";
