/**
 * Which input fields are secret: `format: password`, `writeOnly`, and the spec/Airbyte markers
 * `isSensitive`, `isSecret`, `airbyte_secret`. Secrets are never prefilled on reconnect.
 */
import type { JsonSchema } from "@plugboard/auth-core";

export function isSecretSchema(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const field = schema as Record<string, unknown>;
  return field.format === "password" || field.writeOnly === true || field.isSensitive === true || field.isSecret === true || field.airbyte_secret === true;
}

/** The input without secret top-level fields (as declared in the option's input schema). */
export function withoutSecrets(input: Record<string, unknown>, schema: JsonSchema | undefined): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!isSecretSchema(properties[key])) kept[key] = value;
  }
  return kept;
}
