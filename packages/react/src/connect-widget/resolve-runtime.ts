/**
 * Turns the widget's props (a spec, a local engine or any runtime) into the runtime the flow runs
 * on, plus the runtime the same-window redirect can use. With `spec`, the engine is built in a
 * lazily loaded chunk (local-engine.ts); a broken spec becomes a runtime whose options fail with
 * `invalid_spec`, so the widget shows it like any other error.
 */
import { ErrorKey, PlugboardError } from "@plugboard/auth-core/browser";
import type { AuthEngine, AuthEngineOptions, ConnectorSpec, ConnectRuntime, ParseConnectorSpecOptions } from "@plugboard/auth-core";
import { isRedirectRuntime } from "../oauth-button/runtime-kind.ts";
import type { RedirectRuntime } from "../oauth-button/runtime-kind.ts";

export interface RuntimeSource {
  spec?: ConnectorSpec | Record<string, unknown> | string;
  files?: ParseConnectorSpecOptions["files"];
  engine?: AuthEngine;
  runtime?: ConnectRuntime;
  connectorParameters?: Record<string, unknown>;
  redirectUri?: string;
  engineOptions?: AuthEngineOptions;
}

export interface ResolvedRuntime {
  runtime: ConnectRuntime;
  /** The runtime for the same-window redirect, when it is known already. */
  redirect: RedirectRuntime | undefined;
  /** With `spec`: the engine once its chunk has loaded and the spec parsed (rejects for a broken spec). */
  engine?: Promise<AuthEngine>;
  /** The connector's name, for the widget's accessible label. */
  name: string | undefined;
}

export function resolveRuntime(source: RuntimeSource): ResolvedRuntime {
  if (source.runtime) {
    return { runtime: source.runtime, redirect: isRedirectRuntime(source.runtime) ? source.runtime : undefined, name: undefined };
  }
  if (source.engine) {
    const local = source.engine;
    const redirectUri = source.redirectUri;
    // An explicit redirectUri wins over the engine's default for OAuth steps.
    const runtime: ConnectRuntime = redirectUri
      ? { getAuthOptions: () => local.getAuthOptions(), connect: (request) => local.connect({ ...request, redirectUri }) }
      : local;
    return { runtime, redirect: local, name: nameOf(local.spec) };
  }
  if (source.spec !== undefined) {
    const spec = source.spec;
    const engine = import("./local-engine.ts").then((module) => module.createLocalEngine({ ...source, spec }));
    engine.catch(() => undefined); // Reported through getAuthOptions, not as an unhandled rejection.
    return {
      runtime: {
        getAuthOptions: () => engine.then((local) => local.getAuthOptions()),
        connect: (request) => engine.then((local) => local.connect(request)),
      },
      redirect: undefined,
      engine,
      name: typeof spec === "string" ? undefined : nameOf(spec),
    };
  }
  const error = new PlugboardError(ErrorKey.CONFIGURATION_ERROR, { message: "ConnectWidget needs a spec, an engine or a runtime." });
  return { runtime: { getAuthOptions: () => Promise.reject(error), connect: () => Promise.reject(error) }, redirect: undefined, name: undefined };
}

function nameOf(spec: object): string | undefined {
  const { name, key } = spec as { name?: unknown; key?: unknown };
  return typeof name === "string" ? name : typeof key === "string" ? key : undefined;
}
