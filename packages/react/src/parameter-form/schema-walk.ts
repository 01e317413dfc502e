/**
 * The cheap schema walk the widget needs before the form loads (does the option have fields, how
 * many skeleton rows). In the eagerly loaded graph, so it stays small and free of RJSF; the
 * form-only helpers are in schema-info.ts.
 */
import type { JsonSchema } from "@plugboard/auth-core";

export type Schema = Record<string, unknown>;

const MAX_DEPTH = 32;

export function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/…`) of `node` inside `root`; other nodes come back unchanged. */
export function resolveLocalRef(node: unknown, root: unknown, depth = 0): Schema | undefined {
  if (!isObject(node)) return undefined;
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#") || depth > MAX_DEPTH) return node;
  const target = getAtPointer(root, ref.slice(1));
  if (!isObject(target)) return node;
  const { $ref: _ref, ...siblings } = node;
  return { ...resolveLocalRef(target, root, depth + 1), ...siblings };
}

/**
 * Splits a JSON pointer (RFC 6901) into unescaped tokens; `""` → `[]`. Like auth-core's
 * parsePointer, kept here on purpose: this module is in the widget's first chunk, and importing
 * `@plugboard/auth-core/schema` statically would pull its validator in with it (esbuild hoists
 * barrel re-exports).
 */
export function pointerTokens(pointer: string): string[] {
  const body = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((token) => (token.includes("~") ? token.replace(/~1/g, "/").replace(/~0/g, "~") : token));
}

/** The value at a pointer (own properties only). */
export function getAtPointer(root: unknown, pointer: string | readonly string[]): unknown {
  let current = root;
  for (const token of typeof pointer === "string" ? pointerTokens(pointer) : pointer) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
    current = (current as Schema)[token];
  }
  return current;
}

/**
 * The property schemas an object schema declares: its own `properties`, then those of its
 * `allOf`/`anyOf`/`oneOf` branches, `then`/`else` and schema `dependencies` (RJSF shows them when they apply).
 */
export function collectProperties(schema: Schema, root: unknown, depth = 0, into = new Map<string, Schema>()): Map<string, Schema> {
  if (depth > MAX_DEPTH) return into;
  if (isObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      const resolved = resolveLocalRef(sub, root);
      if (resolved && !into.has(name)) into.set(name, resolved);
    }
  }
  const dependencies = isObject(schema.dependencies) ? Object.values(schema.dependencies).filter(isObject) : [];
  const branchLists = [schema.allOf, schema.anyOf, schema.oneOf, [schema.then, schema.else], dependencies];
  for (const branches of branchLists) {
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const resolved = resolveLocalRef(branch, root);
      if (resolved) collectProperties(resolved, root, depth + 1, into);
    }
  }
  return into;
}

/** True when the schema has at least one property to render (cheap; no RJSF). */
export function hasInputFields(schema: JsonSchema | undefined | null): boolean {
  return countInputFields(schema) > 0;
}

/** How many top-level fields the form will show (for the loading skeleton). */
export function countInputFields(schema: JsonSchema | undefined | null): number {
  if (!isObject(schema)) return 0;
  const root = resolveLocalRef(schema, schema);
  return root ? collectProperties(root, schema).size : 0;
}
