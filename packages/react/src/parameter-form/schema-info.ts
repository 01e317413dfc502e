/**
 * Cheap schema helpers shared by the form and the lazy wrapper. No RJSF here: this module is in
 * the eagerly loaded graph.
 */
import type { JsonSchema } from "@plugboard/auth-core";

type Schema = Record<string, unknown>;

const MAX_DEPTH = 32;

function isObject(value: unknown): value is Schema {
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

/** Splits a JSON pointer (RFC 6901) into unescaped tokens; `""` → `[]`. */
export function pointerTokens(pointer: string): string[] {
  const body = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Builds a JSON pointer from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
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
export function collectProperties(schema: Schema, root: unknown, depth: number, into: Map<string, Schema>): void {
  if (depth > MAX_DEPTH) return;
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
}

/** The schema of the field at `path` (property names and array indexes), or `undefined` if no field is there. */
export function fieldSchemaAt(root: JsonSchema, path: readonly string[]): Schema | undefined {
  let node = resolveLocalRef(root, root);
  for (const token of path) {
    if (!node) return undefined;
    if (isObject(node.items) && /^\d+$/.test(token)) {
      node = resolveLocalRef(node.items, root);
      continue;
    }
    const properties = new Map<string, Schema>();
    collectProperties(node, root, 0, properties);
    node = properties.get(token);
  }
  return node;
}

/** True when the schema has at least one property to render (cheap; no RJSF). */
export function hasInputFields(schema: JsonSchema | undefined | null): boolean {
  if (!isObject(schema)) return false;
  const root = resolveLocalRef(schema, schema);
  if (!root) return false;
  const properties = new Map<string, Schema>();
  collectProperties(root, schema, 0, properties);
  return properties.size > 0;
}

/** How many top-level fields the form will show (for the loading skeleton). */
export function countInputFields(schema: JsonSchema | undefined | null): number {
  if (!isObject(schema)) return 0;
  const root = resolveLocalRef(schema, schema);
  const properties = new Map<string, Schema>();
  if (root) collectProperties(root, schema, 0, properties);
  return properties.size;
}

const ACRONYMS = new Set(["api", "id", "url", "uri", "ip", "sso", "http", "https", "ssl", "tls", "jwt", "sql", "aws", "dns", "oauth", "sku", "smtp", "imap", "ftp", "sftp", "ssh", "crm", "erp", "utc"]);
const SPECIAL: Record<string, string> = { oauth: "OAuth" };

/** `apiKey` → "API key", `client_id` → "Client ID", `baseUrl` → "Base URL". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      if (SPECIAL[lower]) return SPECIAL[lower];
      return ACRONYMS.has(lower) ? lower.toUpperCase() : lower;
    });
  if (words.length === 0) return name;
  const [first = "", ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(" ");
}

/** The label of a field: its `title`, else the humanized property name. */
export function fieldLabel(schema: Schema | undefined, name: string | undefined): string {
  const title = schema?.title;
  if (typeof title === "string" && title.trim() !== "") return title;
  return name ? humanize(name) : "";
}

/**
 * A human hint for a `pattern`: Airbyte's `pattern_descriptor`, `x-pattern-description`,
 * `patternDescription`, else a short one-line `description`.
 */
export function patternHint(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  for (const key of ["pattern_descriptor", "x-pattern-description", "patternDescription"]) {
    const value = schema[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  const description = schema.description;
  if (typeof description === "string" && description.length <= 80 && !description.includes("\n")) return description.trim() || undefined;
  return undefined;
}
