/** The synchronous input check an OAuth click runs before opening the popup (auth-core's validator). */
import { applySchemaDefaults, validateJsonSchema } from "@plugboard/auth-core";
import type { AuthOption, Issue } from "@plugboard/auth-core";

export function inputIssues(option: AuthOption | undefined, input: Record<string, unknown>): Issue[] {
  if (!option?.inputSchema) return [];
  return validateJsonSchema(option.inputSchema, applySchemaDefaults(option.inputSchema, input));
}
