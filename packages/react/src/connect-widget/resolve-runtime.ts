/**
 * Turns the widget's props (a spec, a local engine or any runtime) into the runtime the flow runs
 * on, plus the runtime the same-window redirect can use. A broken spec becomes a runtime whose
 * options fail with `invalid_spec`, so the widget shows it like any other error.
 */
import { createAuthEngine, ErrorKey, parseConnectorSpec, PlugboardError } from "@plugboard/auth-core";
import type { AuthEngine, AuthEngineOptions, ConnectorSpec, ConnectRuntime, ParseConnectorSpecOptions } from "@plugboard/auth-core";
import { isRedirectRuntime } from "../oauth-button/redirect-connect.ts";
import type { RedirectRuntime } from "../oauth-button/redirect-connect.ts";

export interface RuntimeSource {
  spec?: ConnectorSpec | string;
  files?: ParseConnectorSpecOptions["files"];
  engine?: AuthEngine;
  runtime?: ConnectRuntime;
  connectorParameters?: Record<string, unknown>;
  redirectUri?: string;
  engineOptions?: AuthEngineOptions;
}

export interface ResolvedRuntime {
  runtime: ConnectRuntime;
  redirect: RedirectRuntime | undefined;
  /** The connector's name, for the widget's accessible label. */
  name: string | undefined;
}

export function resolveRuntime(source: RuntimeSource): ResolvedRuntime {
  if (source.runtime) {
    return { runtime: source.runtime, redirect: isRedirectRuntime(source.runtime) ? source.runtime : undefined, name: undefined };
  }
  let engine = source.engine;
  if (!engine && source.spec !== undefined) {
    try {
      const spec = parseConnectorSpec(source.spec, source.files ? { files: source.files } : {});
      engine = createAuthEngine(spec, {
        ...source.engineOptions,
        ...(source.connectorParameters ? { connectorParameters: source.connectorParameters } : {}),
        ...(source.redirectUri ? { redirectUri: source.redirectUri } : {}),
      });
    } catch (error) {
      return { runtime: failing(error), redirect: undefined, name: undefined };
    }
  }
  if (!engine) {
    return {
      runtime: failing(new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "ConnectWidget needs a spec, an engine or a runtime." })),
      redirect: undefined,
      name: undefined,
    };
  }
  const local = engine;
  const redirectUri = source.redirectUri;
  // An explicit redirectUri wins over the engine's default for OAuth steps.
  const runtime: ConnectRuntime =
    redirectUri && source.engine
      ? { getAuthOptions: () => local.getAuthOptions(), connect: (request) => local.connect({ ...request, redirectUri }) }
      : local;
  return { runtime, redirect: local, name: local.spec.name ?? local.spec.key };
}

function failing(error: unknown): ConnectRuntime {
  return {
    getAuthOptions: () => Promise.reject(error),
    connect: () => Promise.reject(error),
  };
}
