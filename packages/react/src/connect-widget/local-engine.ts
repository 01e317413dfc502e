/**
 * The `spec` prop's engine. resolve-runtime.ts imports this module lazily, so an app whose widget
 * runs on a server runtime (or gets its own `engine`) never ships the spec parser, the formula
 * evaluator or the auth types; an app that passes `spec` loads them while the widget shows its
 * loading state. `yaml` is not part of it: loadConnectorSpec imports it in a chunk of its own, only
 * for a text spec (or text method files), so an object spec never loads it.
 */
import { createAuthEngine, loadConnectorSpec } from "@plugboard/auth-core";
import type { AuthEngine } from "@plugboard/auth-core";
import type { RuntimeSource } from "./resolve-runtime.ts";

/** Parses the spec and builds the engine; rejects with `invalid_spec` and the issues for a broken spec. */
export async function createLocalEngine(source: RuntimeSource & { spec: NonNullable<RuntimeSource["spec"]> }): Promise<AuthEngine> {
  const spec = await loadConnectorSpec(source.spec, source.files ? { files: source.files } : {});
  return createAuthEngine(spec, {
    ...source.engineOptions,
    ...(source.connectorParameters ? { connectorParameters: source.connectorParameters } : {}),
    ...(source.redirectUri ? { redirectUri: source.redirectUri } : {}),
  });
}
