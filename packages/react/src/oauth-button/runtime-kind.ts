/**
 * Which runtimes can continue in the same window. Apart from redirect-connect.ts, which the widget
 * loads only when the popup is blocked and the user continues here.
 */
import type { AuthEngine } from "@plugboard/auth-core";
import type { ServerRuntime } from "@plugboard/auth-core/browser";

/** Runtimes that can split OAuth into leave/return: the local engine or the server runtime. */
export type RedirectRuntime = AuthEngine | ServerRuntime;

export function isServerRuntime(runtime: unknown): runtime is ServerRuntime {
  const candidate = runtime as Partial<ServerRuntime> | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.connectorKey === "string" && typeof candidate.apiClient === "function";
}

export function isRedirectRuntime(runtime: unknown): runtime is RedirectRuntime {
  const candidate = runtime as Partial<AuthEngine> | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.startAuthorization === "function" && typeof candidate.completeAuthorization === "function";
}
