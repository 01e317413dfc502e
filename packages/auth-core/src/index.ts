// The only public entry of @plugboard/auth-core. Explicit lists: nothing internal leaks.

// Errors
export {
  ErrorKey,
  CONNECTION_ERROR_KEYS,
  PlugboardError,
  SpecError,
  InputError,
  ConnectionError,
  isPlugboardError,
  errorKeyOf,
  toPlugboardError,
} from "./errors.ts";
export type { Issue, PlugboardErrorOptions, HttpErrorData } from "./errors.ts";

// The connector model
export { AUTH_TYPES, IMPLEMENTATION_TYPES, METHOD_NAMES } from "./types.ts";
export type {
  AuthType,
  ImplementationType,
  MethodName,
  JsonSchema,
  HostFunction,
  FunctionImplementation,
  AuthHandler,
  TopLevelAuth,
  ConnectorSpec,
  AuthOption,
  EffectiveAuthOption,
  Credentials,
  Connection,
} from "./types.ts";

// Specs
export {
  parseConnectorSpec,
  /**
   * Async parseConnectorSpec for browser bundles: the same checks, issues and `SpecError`, but the
   * `yaml` parser is imported only for text (a YAML/JSON spec or a mapping file in `files`), in a
   * chunk of its own, so an object spec never loads it. An already parsed ConnectorSpec is returned
   * as it is.
   */
  loadConnectorSpec,
  validateConnectorSpec,
  connectorSpecJsonSchema,
  getAuthOptions,
  getEffectiveAuthOption,
  DEFAULT_AUTH_OPTION_KEY,
} from "./spec/index.ts";
export type { ParseConnectorSpecOptions } from "./spec/index.ts";
export { validateJsonSchema, applySchemaDefaults } from "./schema/index.ts";

// Formulas
export { evaluateMapping, compileMapping, isFormula } from "./formulas/index.ts";
export type { CompiledMapping } from "./formulas/index.ts";

// Methods and the sandbox
export { runFunction } from "./functions/run-function.ts";
export type { RunFunctionOptions } from "./functions/run-function.ts";
export { runInSandbox, preloadSandbox } from "./sandbox/index.ts";
export type { SandboxLimits, SandboxRunOptions } from "./sandbox/index.ts";

// HTTP
export { createApiClient } from "./http/api-client.ts";
export type { ApiClientOptions, HandlerOutcome, OutgoingRequest, RequestLogEntry, ResolvedClientConfig, RetryOptions } from "./http/api-client.ts";
export type { ApiClient, ApiRequestOptions, ApiResponse, FetchLike, HttpMethod } from "./http/types.ts";

// The engine
export { createAuthEngine } from "./engine/engine.ts";
export type {
  AuthEngine,
  AuthEngineOptions,
  AuthorizeHandler,
  ConnectRequest,
  ConnectStep,
  OpenConnectionOptions,
  PendingAuthorization,
  RegisteredConnector,
} from "./engine/engine.ts";
export { ConnectionSession } from "./engine/connection-session.ts";
export type { PendingOAuth1, OAuth1Config } from "./auth-types/oauth1.ts";
export type { PendingOAuth2, OAuth2Config, ClientAuthLocation } from "./auth-types/oauth2.ts";
export type { PlatformTokenOptions } from "./auth-types/platform-token.ts";

// OAuth building blocks
export {
  calculatePkceCodeChallenge,
  generateCodeVerifier,
  generateRandomState,
  createSignedState,
  verifySignedState,
  parseAuthorizationCallback,
  parseTokenResponse,
  computeExpiresAt,
  isExpired,
  encodeClientSecretBasic,
  percentEncode,
  signOAuth1Request,
  OAUTH1_SIGNATURE_METHODS,
} from "./oauth/index.ts";
export type { OAuth1SignRequest, OAuth1SignedRequest, OAuth1SignatureMethod, TokenResponse, AuthorizationCallback } from "./oauth/index.ts";

// The connect flow store
export { createConnectFlow, toFlowError } from "./flow/connect-flow.ts";
export type { ConnectFlow, ConnectFlowOptions, ConnectRuntime, FlowAuthorizeHandler } from "./flow/connect-flow.ts";
export { connectFlowReducer, initialConnectFlowSnapshot, isBusy, ConnectFlowEvent, CONNECT_FLOW_STATES } from "./flow/connect-flow-reducer.ts";
export type { ConnectFlowSnapshot, ConnectFlowState, ConnectFlowEventObject, ConnectProgressStep, FlowError } from "./flow/connect-flow-reducer.ts";

// Runtimes: the engine itself is the local runtime; this one talks to the server handler.
export { createServerRuntime } from "./runtime/server-runtime.ts";
export type { ServerRuntime, ServerRuntimeOptions, ServerAuthorization } from "./runtime/server-runtime.ts";
