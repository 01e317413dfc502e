/**
 * Runs one method implementation (mapping, rest-api-mapping or javascript) with its inputs.
 * Host functions are trusted and called directly; code strings go to the QuickJS sandbox,
 * which is imported only when a spec actually has code.
 */
import { ErrorKey, isPlugboardError, PlugboardError } from "../errors.ts";
import { compileMapping } from "../formulas/index.ts";
import type { ApiClient, HttpMethod } from "../http/types.ts";
import type { SandboxLimits } from "../sandbox/index.ts";
import type { FunctionImplementation, MethodName } from "../types.ts";

export interface RunFunctionOptions {
  /** The API client, for rest-api-mapping implementations. */
  apiClient?: ApiClient;
  sandboxLimits?: SandboxLimits;
  onLog?: (level: string, args: unknown[]) => void;
}

export async function runFunction(
  methodName: MethodName,
  implementation: FunctionImplementation,
  inputs: Record<string, unknown>,
  options: RunFunctionOptions = {},
): Promise<unknown> {
  switch (implementation.type) {
    case "mapping":
      return compileMapping(implementation.mapping).evaluate(inputs);
    case "rest-api-mapping":
      return runRestApiMapping(methodName, implementation, inputs, options.apiClient);
    case "javascript":
      return runJavaScript(methodName, implementation, inputs, options);
    case "operation-mapping":
    case "graphql-api-mapping":
    case "not-supported":
      throw new PlugboardError(ErrorKey.NOT_SUPPORTED, {
        message: `${methodName} (${implementation.pointer}) uses "${implementation.type}", which Plugboard cannot run in auth methods. Use mapping, rest-api-mapping or javascript.`,
      });
    default:
      implementation.type satisfies never;
      throw new PlugboardError(ErrorKey.INTERNAL_ERROR, { message: `Unknown implementation type for ${methodName}.` });
  }
}

async function runJavaScript(
  methodName: MethodName,
  implementation: FunctionImplementation,
  inputs: Record<string, unknown>,
  options: RunFunctionOptions,
): Promise<unknown> {
  const { code } = implementation;
  if (typeof code === "function") {
    try {
      return await code(inputs);
    } catch (error) {
      if (isPlugboardError(error)) throw error;
      const key = keyFromThrown(error);
      throw new PlugboardError(key ?? ErrorKey.CUSTOM_CODE_ERROR, {
        message: error instanceof Error ? error.message : `${methodName} threw ${String(error)}`,
        cause: error,
      });
    }
  }
  if (typeof code !== "string") {
    throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `${methodName} (${implementation.pointer}) is javascript but has no code.` });
  }
  const { runInSandbox } = await import("../sandbox/index.ts");
  return runInSandbox({
    code,
    exportName: methodName,
    context: inputs,
    ...(implementation.filePath ? { filePath: implementation.filePath } : {}),
    ...(options.sandboxLimits ? { limits: options.sandboxLimits } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
}

/** Errors thrown by host code keep a known connection key (e.g. `access_token_expired`). */
function keyFromThrown(error: unknown): ErrorKey | undefined {
  const key = typeof error === "object" && error !== null ? (error as { key?: unknown }).key : undefined;
  return typeof key === "string" && (Object.values(ErrorKey) as string[]).includes(key) ? (key as ErrorKey) : undefined;
}

interface RestApiMapping {
  path?: unknown;
  method?: unknown;
  requestMapping?: unknown;
  responseMapping?: unknown;
}

/** rest-api-mapping: `{path, method, requestMapping: {pathParameters, query, data, headers}, responseMapping}`. */
async function runRestApiMapping(
  methodName: MethodName,
  implementation: FunctionImplementation,
  inputs: Record<string, unknown>,
  apiClient: ApiClient | undefined,
): Promise<unknown> {
  if (!apiClient) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: `${methodName} is a rest-api-mapping but runs before an API client exists; use mapping or javascript instead.`,
    });
  }
  const body = (implementation.mapping ?? {}) as RestApiMapping;
  const request = ((await compileMapping(body.requestMapping ?? {}).evaluate(inputs)) ?? {}) as Record<string, unknown>;
  const pathTemplate = (await compileMapping(body.path ?? "").evaluate(inputs)) as unknown;
  if (typeof pathTemplate !== "string") {
    throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `${methodName} (${implementation.pointer}/path) must be a string.` });
  }
  const pathParameters = (request.pathParameters ?? {}) as Record<string, unknown>;
  const path = pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(pathParameters[name] ?? "")));
  const method = String(body.method ?? "GET").toUpperCase() as HttpMethod;
  const response = await apiClient.request(method, path, {
    returnFullResponse: true,
    ...(request.query ? { query: request.query as Record<string, unknown> } : {}),
    ...(request.headers ? { headers: request.headers as Record<string, string> } : {}),
    ...(request.data === undefined ? {} : { data: request.data }),
  });
  if (body.responseMapping === undefined) return (response as { data: unknown }).data;
  return compileMapping(body.responseMapping).evaluate({ ...inputs, response });
}
