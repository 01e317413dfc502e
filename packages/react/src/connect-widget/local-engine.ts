/**
 * The `spec` prop's engine. resolve-runtime.ts imports this module lazily, so an app whose widget
 * runs on a server runtime (or gets its own `engine`) never ships the spec parser, the formula
 * evaluator or the auth types; an app that passes `spec` loads them while the widget shows its
 * loading state.
 */
import { createAuthEngine, parseConnectorSpec } from "@plugboard/auth-core";
import type { AuthEngine } from "@plugboard/auth-core";
import type { RuntimeSource } from "./resolve-runtime.ts";

/** Parses the spec and builds the engine; throws `invalid_spec` with the issues for a broken spec. */
export function createLocalEngine(source: RuntimeSource & { spec: NonNullable<RuntimeSource["spec"]> }): AuthEngine {
  const spec = parseConnectorSpec(source.spec, source.files ? { files: source.files } : {});
  return createAuthEngine(spec, {
    ...source.engineOptions,
    ...(source.connectorParameters ? { connectorParameters: source.connectorParameters } : {}),
    ...(source.redirectUri ? { redirectUri: source.redirectUri } : {}),
  });
}
