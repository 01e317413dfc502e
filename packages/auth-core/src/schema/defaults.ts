/** Fills `default`s from a schema into a value (without mutating it). */
import type { JsonSchema } from "../types.ts";
import { getAtPointer } from "./pointer.ts";
import { cloneJson, isPlainObject } from "./util.ts";

const MAX_DEPTH = 64;

/**
 * Returns `value` with `default`s filled in for missing properties, recursively through objects
 * (and array items). `$ref` (local) and `allOf` are followed. A missing value with no default stays
 * `undefined`; nested objects are not invented unless a schema gives them a default.
 */
export function applySchemaDefaults<T = unknown>(schema: JsonSchema | boolean, value: T): T {
  return fill(schema, value, schema, 0) as T;
}

function fill(schema: unknown, value: unknown, root: unknown, depth: number): unknown {
  if (!isPlainObject(schema) || depth > MAX_DEPTH) return value;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) {
    value = fill(getAtPointer(root, schema.$ref), value, root, depth + 1);
  }
  if (value === undefined && "default" in schema) value = cloneJson(schema.default);
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) value = fill(sub, value, root, depth + 1);
  }
  if (isPlainObject(value) && isPlainObject(schema.properties)) {
    const result: Record<string, unknown> = { ...value };
    for (const [key, sub] of Object.entries(schema.properties)) {
      const filled = fill(sub, result[key], root, depth + 1);
      if (filled !== undefined) result[key] = filled;
    }
    return result;
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) {
    return value.map((item: unknown) => fill(schema.items, item, root, depth + 1));
  }
  return value;
}
