/** One place that knows which module drives which auth type. */
import type { AuthTypeHooks } from "../engine/connection-session.ts";
import type { AuthType } from "../types.ts";
import { oauth1Hooks } from "./oauth1.ts";
import { oauth2Hooks } from "./oauth2.ts";
import { platformTokenHooks } from "./platform-token.ts";

/** Refresh and signing hooks of an auth type (client-credentials needs none). */
export function hooksFor(authType: AuthType): AuthTypeHooks {
  switch (authType) {
    case "oauth2":
      return oauth2Hooks();
    case "oauth1":
      return oauth1Hooks();
    case "integration-app-token":
    case "membrane-token":
      return platformTokenHooks();
    case "client-credentials":
    case "proxy":
      return {};
    default:
      authType satisfies never;
      return {};
  }
}

/** Types whose connect needs the user at the provider (a popup or a redirect). */
export function needsAuthorization(type: AuthType): type is "oauth1" | "oauth2" {
  return type === "oauth1" || type === "oauth2";
}
