/**
 * Small ConnectRuntimes for the states the example connectors don't reach on their own: a runtime
 * that fails with a chosen error key, one that never answers (busy states), and one that connects
 * at once. They implement the same interface as the local engine and the server runtime.
 */
import { InputError, PlugboardError } from "@plugboard/auth-core";
import type { AuthOption, Connection, ConnectProgressStep, ConnectRuntime, ErrorKey, Issue } from "@plugboard/auth-core";

/** A single API-key option, the shape most of these stories use. */
export const apiKeyOption: AuthOption = {
  key: "apiKey",
  type: "client-credentials",
  title: "API key",
  description: "Create an API key in **Settings → API keys** and paste it below.",
  helpUri: "https://docs.example.com/api-keys",
  inputSchema: {
    type: "object",
    properties: { apiKey: { type: "string", title: "API key", format: "password", minLength: 8 } },
    required: ["apiKey"],
  },
};

/** An OAuth option (opens the sign-in window; the runtime decides what happens next). */
export const oauthOption: AuthOption = {
  key: "oauth",
  type: "oauth2",
  title: "Sign in with Example",
  description: "Sign in to Example and allow access. No key to copy.",
  requiresAuthorization: true,
};

export interface FailingRuntimeOptions {
  options?: AuthOption[];
  /** Where it fails: loading the options, or connecting (default). */
  failOn?: "options" | "connect";
  /** The technical message shown under "Technical details". */
  message?: string;
  /** Progress reported before the failure, e.g. `["testing"]`. */
  progress?: ConnectProgressStep[];
  /** How long the failing step takes. Default 150 ms. */
  delayMs?: number;
}

/** Fails with `key` (a PlugboardError, as every runtime reports failures). */
export function failingRuntime(key: ErrorKey, options: FailingRuntimeOptions = {}): ConnectRuntime {
  const error = (): PlugboardError => new PlugboardError(key, options.message === undefined ? {} : { message: options.message });
  const delayMs = options.delayMs ?? 150;
  return {
    getAuthOptions: async () => {
      await wait(delayMs);
      if (options.failOn === "options") throw error();
      return options.options ?? [apiKeyOption];
    },
    connect: async (request) => {
      for (const step of options.progress ?? []) request.onProgress?.(step);
      await wait(delayMs);
      throw error();
    },
  };
}

/** Refuses the input on the server side (`invalid_input` with issues), as an engine or server runtime would. */
export function rejectingInputRuntime(issues: Issue[], options: { options?: AuthOption[] } = {}): ConnectRuntime {
  return {
    getAuthOptions: async () => options.options ?? [apiKeyOption],
    connect: async () => {
      await wait(100);
      throw new InputError(issues);
    },
  };
}

/** Loads its options, then never finishes connecting (after reporting `progress`). */
export function pendingRuntime(options: { options?: AuthOption[]; progress?: ConnectProgressStep[] } = {}): ConnectRuntime {
  return {
    getAuthOptions: async () => options.options ?? [apiKeyOption],
    connect: (request) => {
      for (const step of options.progress ?? []) request.onProgress?.(step);
      return new Promise<Connection>(() => {});
    },
  };
}

/** Never finishes loading its options. */
export function loadingRuntime(): ConnectRuntime {
  return {
    getAuthOptions: () => new Promise<AuthOption[]>(() => {}),
    connect: () => new Promise<Connection>(() => {}),
  };
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
