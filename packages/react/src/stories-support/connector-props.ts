/**
 * ConnectWidget props for an example connector, the way a host passes them: the spec text, its
 * method files, the integration's connector parameters and the engine options. The widget builds
 * its own local engine from them (so the same-window redirect fallback is available too).
 */
import type { ConnectWidgetProps } from "../connect-widget/connect-widget.tsx";
import { exampleEngineOptions } from "./connectors.ts";
import type { ExampleConnector } from "./connectors.ts";

/** No backoff waits between retries: stories show the outcome at once. */
export const noSleep = async (): Promise<void> => {};

export function connectorProps(
  connector: ExampleConnector,
  overrides: { connectorParameters?: Record<string, unknown> } = {},
): Pick<ConnectWidgetProps, "spec" | "files" | "connectorParameters" | "redirectUri" | "engineOptions"> {
  const { connectorParameters, redirectUri, ...engineOptions } = exampleEngineOptions(connector, overrides);
  return {
    spec: connector.spec,
    files: connector.files,
    connectorParameters: connectorParameters ?? {},
    ...(redirectUri ? { redirectUri } : {}),
    engineOptions: { ...engineOptions, sleep: noSleep },
  };
}

/** Props the controls panel should not offer (large objects, functions). */
export const hiddenConnectorControls = ["spec", "files", "engine", "runtime", "engineOptions", "popup", "redirect", "validator", "connection", "renderSuccess"];
