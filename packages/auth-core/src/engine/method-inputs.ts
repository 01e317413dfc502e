/**
 * The context object every method receives. Docs disagree on names (reference §8.1 and §2.1), so
 * both spellings are passed: `connectionParameters` and `connectionInput` for the user's input,
 * `apiClient` and `externalApiClient` for the client.
 */
import type { ApiClient } from "../http/types.ts";
import type { Credentials } from "../types.ts";

export interface MethodInputsSource {
  connectorParameters: Record<string, unknown>;
  input: Record<string, unknown>;
  credentials?: Credentials;
  apiClient?: ApiClient;
  [extra: string]: unknown;
}

export function methodInputs(source: MethodInputsSource): Record<string, unknown> {
  const { connectorParameters, input, credentials, apiClient, ...extra } = source;
  return {
    ...extra,
    connectorParameters,
    connectionInput: input,
    connectionParameters: input,
    ...(credentials === undefined ? {} : { credentials }),
    ...(apiClient === undefined ? {} : { apiClient, externalApiClient: apiClient }),
  };
}
