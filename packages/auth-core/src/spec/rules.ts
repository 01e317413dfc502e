/** Which methods each auth type accepts, how each may be implemented, and where its file lives. */
import type { AuthType, ImplementationType, MethodName } from "../types.ts";

export interface MethodRule {
  /** Auth types the method may appear on. */
  authTypes: readonly AuthType[];
  /** Implementation types allowed (`not-supported` is always allowed and means "absent"). */
  implementationTypes: readonly ImplementationType[];
  /** Auth types that must have it (after option inheritance). */
  requiredFor: readonly AuthType[];
  /** File base names under `auth/`, in lookup order. */
  fileNames: readonly string[];
}

const ALL_TYPES: readonly AuthType[] = ["client-credentials", "oauth2", "oauth1", "proxy", "integration-app-token", "membrane-token"];
const MAPPING_OR_JS: readonly ImplementationType[] = ["mapping", "javascript"];

/** Reference §1.5 (SDK-M `ConnectorAuthMethodTypes`). */
export const METHOD_RULES: Readonly<Record<MethodName, MethodRule>> = {
  makeApiClient: { authTypes: ALL_TYPES, implementationTypes: MAPPING_OR_JS, requiredFor: ALL_TYPES, fileNames: ["make-api-client"] },
  test: { authTypes: ALL_TYPES, implementationTypes: ["rest-api-mapping", "operation-mapping", "javascript"], requiredFor: [], fileNames: ["test"] },
  refreshCredentials: { authTypes: ["oauth2", "oauth1", "client-credentials"], implementationTypes: ["javascript"], requiredFor: [], fileNames: ["refresh-credentials"] },
  disconnect: { authTypes: ["oauth2", "oauth1", "client-credentials"], implementationTypes: ["javascript"], requiredFor: [], fileNames: ["disconnect"] },
  getCredentialsFromConnectionParameters: {
    authTypes: ["client-credentials", "oauth2"],
    implementationTypes: MAPPING_OR_JS,
    requiredFor: [],
    fileNames: ["get-credentials-from-connection-parameters"],
  },
  getOAuthConfig: { authTypes: ["oauth2", "oauth1"], implementationTypes: MAPPING_OR_JS, requiredFor: ["oauth2", "oauth1"], fileNames: ["get-oauth-config", "oauth-config"] },
  getTokenData: { authTypes: ["oauth2"], implementationTypes: MAPPING_OR_JS, requiredFor: [], fileNames: ["get-token-data"] },
  getCredentialsFromAccessTokenResponse: {
    authTypes: ["oauth2"],
    implementationTypes: MAPPING_OR_JS,
    requiredFor: [],
    fileNames: ["get-credentials-from-access-token-response", "get-credentials-from-token-response"],
  },
  getCredentialsFromRefreshTokenResponse: {
    authTypes: ["oauth2"],
    implementationTypes: MAPPING_OR_JS,
    requiredFor: [],
    fileNames: ["get-credentials-from-refresh-token-response"],
  },
};

/** Slot names accepted as aliases of a method (older docs / undocumented SDK slots). */
export const METHOD_ALIASES: Readonly<Record<string, MethodName>> = {
  oAuthConfig: "getOAuthConfig",
  getCredentialsFromTokenResponse: "getCredentialsFromAccessTokenResponse",
};

/** Methods an option always inherits from its parent (SDK-M `getEffectiveConnectorOption`). */
export const ALWAYS_INHERITED: readonly MethodName[] = ["makeApiClient", "test", "disconnect"];

/** Titles for options that have none. */
export const AUTH_TYPE_TITLES: Readonly<Record<AuthType, string>> = {
  "client-credentials": "API credentials",
  oauth2: "OAuth 2.0",
  oauth1: "OAuth 1.0a",
  proxy: "Auth proxy",
  "integration-app-token": "Integration.app token",
  "membrane-token": "Membrane token",
};

/** File suffixes by implementation type, in lookup order (SDK-M `CONNECTOR_METHOD_IMPLEMENTATION_SUFFIXES`). */
export const FILE_SUFFIXES: Readonly<Record<Exclude<ImplementationType, "not-supported">, readonly string[]>> = {
  mapping: [".map.yml", ".yml", ".map.yaml", ".yaml"],
  "rest-api-mapping": [".rest.yml", ".api.yml"],
  "operation-mapping": [".op.yml"],
  "graphql-api-mapping": [".graphql.yml"],
  javascript: [".js", ".ts"],
};

/** Lookup order when a slot does not say its type: specific suffixes before the generic `.yml`. */
export const ANY_SUFFIXES: readonly string[] = [".map.yml", ".rest.yml", ".api.yml", ".op.yml", ".graphql.yml", ".yml", ".map.yaml", ".yaml", ".js", ".ts"];

/** The implementation type a file name implies. */
export function implementationTypeOfFile(path: string): Exclude<ImplementationType, "not-supported"> | undefined {
  if (/\.(rest|api)\.ya?ml$/.test(path)) return "rest-api-mapping";
  if (/\.graphql\.ya?ml$/.test(path)) return "graphql-api-mapping";
  if (/\.op\.ya?ml$/.test(path)) return "operation-mapping";
  if (/\.(js|mjs|cjs|ts)$/.test(path)) return "javascript";
  if (/\.ya?ml$/.test(path)) return "mapping";
  return undefined;
}

export function isMappingType(type: ImplementationType): boolean {
  return type === "mapping" || type === "rest-api-mapping" || type === "operation-mapping" || type === "graphql-api-mapping";
}
