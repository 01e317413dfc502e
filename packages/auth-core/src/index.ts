export { ErrorKey, CONNECTION_ERROR_KEYS, PlugboardError, SpecError, InputError, ConnectionError, isPlugboardError, errorKeyOf, toPlugboardError } from "./errors.ts";
export type { Issue, PlugboardErrorOptions, HttpErrorData } from "./errors.ts";
export { AUTH_TYPES, IMPLEMENTATION_TYPES, METHOD_NAMES } from "./types.ts";
export type { AuthType, ImplementationType, MethodName, JsonSchema, HostFunction, FunctionImplementation, AuthHandler, TopLevelAuth, ConnectorSpec, AuthOption, EffectiveAuthOption, Credentials, Connection } from "./types.ts";
export type { ApiClient, ApiRequestOptions, ApiResponse, FetchLike, HttpMethod } from "./http/types.ts";
