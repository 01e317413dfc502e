/**
 * The input check an OAuth click runs before it opens the popup (auth-core's validator, the one
 * the engine and the server run). The validator loads lazily, with the form: a widget without
 * fields never needs it. Until it is there, `inputIssues` says so (undefined) and the click leaves
 * the check to the runtime, which rejects bad input with `invalid_input` before any provider call.
 */
import type { AuthOption, Issue } from "@plugboard/auth-core";

type InputCheck = (option: AuthOption | undefined, input: Record<string, unknown>) => Issue[];

let loaded: InputCheck | undefined;
let loading: Promise<InputCheck> | undefined;

export function loadInputCheck(): Promise<InputCheck> {
  loading ??= import("@plugboard/auth-core/schema").then(
    ({ applySchemaDefaults, validateJsonSchema }) =>
      (loaded = (option, input) => (option?.inputSchema ? validateJsonSchema(option.inputSchema, applySchemaDefaults(option.inputSchema, input)) : [])),
    (error: unknown) => {
      loading = undefined; // A failed chunk load may be retried.
      throw error;
    },
  );
  return loading;
}

/** The input's issues, or undefined while the validator is still loading. */
export function inputIssues(option: AuthOption | undefined, input: Record<string, unknown>): Issue[] | undefined {
  return loaded?.(option, input);
}
