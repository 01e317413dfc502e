/**
 * client-credentials: API keys, basic auth, email/password exchanges. Input validated against
 * the option's input schema → credentials (the input, merged with
 * getCredentialsFromConnectionParameters output) → test → Connection.
 */
import { ErrorKey, InputError, isPlugboardError, PlugboardError } from "../errors.ts";
import { ConnectionSession } from "../engine/connection-session.ts";
import type { EngineContext } from "../engine/connection-session.ts";
import { methodInputs } from "../engine/method-inputs.ts";
import { isPlainObject } from "../http/client-config.ts";
import { applySchemaDefaults, validateJsonSchema } from "../schema/index.ts";
import type { Connection, EffectiveAuthOption } from "../types.ts";

export type ConnectStep = "connecting" | "testing";

export interface ClientCredentialsConnectRequest {
  input: Record<string, unknown>;
  onProgress?: (step: ConnectStep) => void;
}

/** Applies schema defaults and validates user input; throws `invalid_input` listing every problem. */
export function prepareInput(option: EffectiveAuthOption, input: Record<string, unknown>): Record<string, unknown> {
  if (!option.inputSchema) return { ...input };
  const withDefaults = applySchemaDefaults(option.inputSchema, input) as Record<string, unknown>;
  const issues = validateJsonSchema(option.inputSchema, withDefaults);
  if (issues.length > 0) throw new InputError(issues);
  return withDefaults;
}

export async function connectClientCredentials(
  option: EffectiveAuthOption,
  request: ClientCredentialsConnectRequest,
  context: EngineContext,
): Promise<Connection> {
  const input = prepareInput(option, request.input);
  request.onProgress?.("connecting");
  const draft: Connection = {
    authOptionKey: option.key,
    authType: option.type,
    credentials: { ...input },
    input,
    connectedAt: new Date(context.now()).toISOString(),
  };

  const exchange = option.methods.getCredentialsFromConnectionParameters;
  let credentials = draft.credentials;
  if (exchange) {
    // The method may call the API (e.g. email/password → token); its client sees the raw input as credentials.
    const preSession = new ConnectionSession({ option, connection: draft, context });
    let result: unknown;
    try {
      result = await preSession.run(
        "getCredentialsFromConnectionParameters",
        exchange,
        methodInputs({ connectorParameters: context.connectorParameters, input, apiClient: preSession.nonRefreshingApiClient }),
      );
    } catch (error) {
      throw credentialsRejected(error);
    }
    if (result !== undefined && result !== null && !isPlainObject(result)) {
      throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
        message: `getCredentialsFromConnectionParameters must return an object of credentials; got ${Array.isArray(result) ? "an array" : typeof result}.`,
      });
    }
    // Documented as "added to" the credentials: input fields stay, the method's output wins.
    credentials = { ...input, ...(result ?? {}) };
  }

  request.onProgress?.("testing");
  const session = new ConnectionSession({ option, connection: { ...draft, credentials }, context });
  await session.test();
  return session.connection;
}

function credentialsRejected(error: unknown): unknown {
  if (!isPlugboardError(error)) return error;
  if (error.key === ErrorKey.ACCESS_TOKEN_EXPIRED || error.key === ErrorKey.CONNECTION_IS_DEFUNCT || error.key === ErrorKey.API_REQUEST_FAILED) {
    return new PlugboardError(ErrorKey.CREDENTIALS_REJECTED, {
      message: `The app rejected the credentials: ${error.message}`,
      data: { causeKey: error.key, ...(typeof error.data === "object" && error.data ? error.data : {}) },
      cause: error,
    });
  }
  return error;
}
