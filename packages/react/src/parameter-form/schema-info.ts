/**
 * Schema helpers of the form (labels, hints, field lookup by path). No RJSF here. The part the
 * widget needs before the form loads is schema-walk.ts, re-exported here for the form's modules.
 */
import type { JsonSchema } from "@plugboard/auth-core";
import { collectProperties, isObject, resolveLocalRef } from "./schema-walk.ts";
import type { Schema } from "./schema-walk.ts";

export { collectProperties, countInputFields, getAtPointer, hasInputFields, isObject, pointerTokens, resolveLocalRef } from "./schema-walk.ts";

/** Builds a JSON pointer from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  let pointer = "";
  for (const token of tokens) {
    const text = String(token);
    // Called for every shown problem and field on each keystroke: plain names skip the replaces.
    pointer += `/${/[~/]/.test(text) ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text}`;
  }
  return pointer;
}

/** Per root schema, the field schemas already looked up by pointer (schemas are never mutated). */
const fieldSchemas = new WeakMap<object, Map<string, Schema | undefined>>();

/** The schema of the field at `path` (property names and array indexes), or `undefined` if no field is there. */
export function fieldSchemaAt(root: JsonSchema, path: readonly string[]): Schema | undefined {
  // Every problem message looks its field up, on every validation: cached, as collecting an
  // object's properties is linear in their number.
  if (!isObject(root)) return undefined;
  let cache = fieldSchemas.get(root);
  if (!cache) fieldSchemas.set(root, (cache = new Map()));
  const pointer = toPointer(path);
  if (!cache.has(pointer)) {
    let node = resolveLocalRef(root, root);
    for (const token of path) {
      if (!node) break;
      node = isObject(node.items) && /^\d+$/.test(token) ? resolveLocalRef(node.items, root) : collectProperties(node, root).get(token);
    }
    cache.set(pointer, node);
  }
  return cache.get(pointer);
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
      return SPECIAL[lower] ?? (ACRONYMS.has(lower) ? lower.toUpperCase() : lower);
    });
  const sentence = words.join(" ");
  return sentence ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : name;
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
