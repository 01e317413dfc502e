/** The example connectors the demo shows, and what the tests need to know about them. */
import { createAuthEngine } from "@plugboard/auth-core";
import type { AuthOption } from "@plugboard/auth-core";
import { exampleConnectors, exampleEngineOptions, findExampleConnector, parseExampleSpec } from "@plugboard/connectors";
import type { ExampleConnector } from "@plugboard/connectors";

export type Runtime = "local" | "server";
export const RUNTIMES: readonly Runtime[] = ["local", "server"];

export { exampleConnectors };

export function connectorByKey(key: string): ExampleConnector {
  const connector = findExampleConnector(key);
  if (!connector) throw new Error(`No example connector "${key}".`);
  return connector;
}

/** The auth options as the widget lists them (titles, input schemas, requiresAuthorization). */
export async function authOptionsOf(connector: ExampleConnector): Promise<AuthOption[]> {
  return createAuthEngine(parseExampleSpec(connector), exampleEngineOptions(connector)).getAuthOptions();
}

export async function authOption(connector: ExampleConnector, key?: string): Promise<AuthOption> {
  const options = await authOptionsOf(connector);
  const option = key === undefined ? options[0] : options.find((candidate) => candidate.key === key);
  if (!option) throw new Error(`Example connector "${connector.key}" has no auth option "${key}".`);
  return option;
}
