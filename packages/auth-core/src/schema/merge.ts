/** Schema merge used for auth option inheritance (SDK-M `getEffectiveConnectorOption`). */
import type { JsonSchema } from "../types.ts";
import { isPlainObject } from "./util.ts";

/**
 * Merges two object schemas: `override`'s keywords win, `properties` are merged (override's
 * property schema replaces base's of the same name) and `required` is the union of both.
 * Either side may be missing.
 */
export function mergeSchemas(base: JsonSchema | undefined, override: JsonSchema | undefined): JsonSchema | undefined {
  if (base === undefined) return override;
  if (override === undefined) return base;
  const merged: JsonSchema = { ...base, ...override };
  if (isPlainObject(base.properties) || isPlainObject(override.properties)) {
    merged.properties = { ...(isPlainObject(base.properties) ? base.properties : {}), ...(isPlainObject(override.properties) ? override.properties : {}) };
  }
  const required = [...new Set([...stringList(base.required), ...stringList(override.required)])];
  if (Array.isArray(base.required) || Array.isArray(override.required)) merged.required = required;
  return merged;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
