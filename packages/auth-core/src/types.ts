/**
 * The normalized connector model. Both spec shapes (the `auth:` block with implementationType
 * slots, and the root-level `type` / `inputSchema` / `{type, mapping|code}` functions) parse into it.
 */

/** A JSON Schema (Membrane "Data Schema"); kept loose on purpose. */
export type JsonSchema = { [keyword: string]: unknown };

export const AUTH_TYPES = [
  "client-credentials",
  "oauth2",
  "oauth1",
  "proxy",
  "integration-app-token",
  "membrane-token",
] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const IMPLEMENTATION_TYPES = [
  "mapping",
  "operation-mapping",
  "rest-api-mapping",
  "graphql-api-mapping",
  "javascript",
  "not-supported",
] as const;
export type ImplementationType = (typeof IMPLEMENTATION_TYPES)[number];

export const METHOD_NAMES = [
  "makeApiClient",
  "test",
  "refreshCredentials",
  "disconnect",
  "getCredentialsFromConnectionParameters",
  "getOAuthConfig",
  "getTokenData",
  "getCredentialsFromAccessTokenResponse",
  "getCredentialsFromRefreshTokenResponse",
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** A trusted JavaScript implementation handed over by the host app as a function. */
export type HostFunction = (context: Record<string, unknown>) => unknown;

/** One method implementation, wherever it came from (inline, a file, or a host function). */
export interface FunctionImplementation {
  type: ImplementationType;
  /** The mapping body for `mapping` / `rest-api-mapping` / `operation-mapping` / `graphql-api-mapping`. */
  mapping?: unknown;
  /** Source text (runs in the sandbox) or a host function (trusted, called directly). */
  code?: string | HostFunction;
  /** The file the implementation was read from, if any. */
  filePath?: string;
  /** JSON pointer of the slot in the spec, for error messages. */
  pointer: string;
}

/** One auth handler: the top-level auth, or one of its options. */
export interface AuthHandler {
  type?: AuthType;
  title?: string;
  description?: string;
  helpUri?: string;
  inputSchema?: JsonSchema;
  parametersSchema?: JsonSchema;
  credentialsSchema?: JsonSchema;
  customCredentialsSchema?: JsonSchema;
  /** Formula; the option is offered only when it evaluates truthy. */
  enabled?: unknown;
  /** For `type: proxy`: the key of the connector this one delegates to. */
  proxyKey?: string;
  methods: Partial<Record<MethodName, FunctionImplementation>>;
  /** JSON pointer of the handler in the spec. */
  pointer: string;
}

/** The top-level auth handler, which may carry named options. */
export interface TopLevelAuth extends AuthHandler {
  options?: Record<string, AuthHandler>;
}

export interface ConnectorSpec {
  key?: string;
  name?: string;
  logoUri?: string;
  appUri?: string;
  apiDocsUri?: string;
  /** Schema of the connector parameters (the integration's own settings: client id, secrets, …). */
  parametersSchema?: JsonSchema;
  /** Which spec shape the source used. */
  shape: "auth-block" | "root";
  auth: TopLevelAuth;
  /** The raw source object, after YAML/JSON parsing. */
  raw: Record<string, unknown>;
}

/** An auth option a user can pick, as shown in a UI. */
export interface AuthOption {
  /** The option key; `""` when the spec has a single top-level handler and no options. */
  key: string;
  type: AuthType;
  title: string;
  description?: string;
  inputSchema?: JsonSchema;
  helpUri?: string;
  /**
   * True when connecting sends the user to the provider (oauth1, oauth2, or a proxy whose
   * connector does): UIs open the popup inside the click. Filled in by the engine.
   */
  requiresAuthorization?: boolean;
}

/** An option with inheritance applied: everything needed to run it. */
export interface EffectiveAuthOption extends AuthHandler {
  key: string;
  type: AuthType;
}

/** Credentials are whatever the auth produced; secrets live here. */
export type Credentials = Record<string, unknown>;

/** The result of a successful connect. */
export interface Connection {
  /** Set by stores (e.g. the server runtime) that keep connections. */
  id?: string;
  /** Key of the auth option used (`""` for the single top-level handler). */
  authOptionKey: string;
  authType: AuthType;
  credentials: Credentials;
  /** What the user entered in the connection form. */
  input: Record<string, unknown>;
  /** ISO time the connection was created. */
  connectedAt: string;
  /** ISO time credentials were last refreshed, if ever. */
  refreshedAt?: string;
  /** For `proxy` connections: the connector and option that actually authenticated. */
  delegate?: { connectorKey: string; authOptionKey: string; authType: AuthType };
}
