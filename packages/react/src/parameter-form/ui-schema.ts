/**
 * The RJSF `uiSchema` for an input schema. All presentation hints go here, never into the
 * schema itself: a precompiled validator only accepts the exact schema it was compiled from.
 */
import type { JsonSchema } from "@plugboard/auth-core";
import type { UiSchema } from "@rjsf/utils";
import { isSecretSchema } from "../internal/secret-fields.ts";
import { collectProperties, fieldLabel, resolveLocalRef } from "./schema-info.ts";

type Schema = Record<string, unknown>;

const MAX_DEPTH = 16;

export function buildUiSchema(schema: JsonSchema): UiSchema {
  return { ...objectUi(schema, schema, 0), "ui:submitButtonOptions": { norender: true } };
}

function objectUi(node: unknown, root: JsonSchema, depth: number): UiSchema {
  const schema = resolveLocalRef(node, root);
  if (!schema || depth > MAX_DEPTH) return {};
  const collected = new Map<string, Schema>();
  collectProperties(schema, root, 0, collected);
  const ui: UiSchema = {};
  for (const [name, property] of collected) {
    // Fields without hints get no entry: RJSF reads every field's ui options on each change.
    const entry = fieldUi(name, property, root, depth);
    if (Object.keys(entry).length > 0) ui[name] = entry;
  }
  const order = fieldOrder([...collected]);
  if (order) ui["ui:order"] = order;
  return ui;
}

function fieldUi(name: string, schema: Schema, root: JsonSchema, depth: number): UiSchema {
  const ui: UiSchema = {};
  // RJSF labels a field with its `title`; the others get ours (the humanized property name).
  const label = fieldLabel(schema, name);
  if (label !== schema.title) ui["ui:title"] = label;
  if (schema.type === "object") return { ...ui, ...objectUi(schema, root, depth + 1) };
  const secret = isSecretSchema(schema);
  if (secret) ui["ui:widget"] = "password";
  else if (schema.multiline === true || schema.format === "textarea") ui["ui:widget"] = "textarea";
  const placeholder = placeholderOf(schema, secret);
  if (placeholder !== undefined) ui["ui:placeholder"] = placeholder;
  if (schema.hidden === true || schema.airbyte_hidden === true) ui["ui:widget"] = "hidden";
  return ui;
}

/** The first example (or, for non-secrets, the default) as a placeholder. */
function placeholderOf(schema: Schema, secret: boolean): string | undefined {
  const examples = Array.isArray(schema.examples) ? schema.examples : schema.example !== undefined ? [schema.example] : [];
  const candidate = examples.find((item) => typeof item === "string" || typeof item === "number");
  if (candidate !== undefined) return String(candidate);
  if (!secret && (typeof schema.default === "string" || typeof schema.default === "number") && schema.default !== "") return String(schema.default);
  return undefined;
}

/** Airbyte-style numeric `order` on properties, as RJSF's `ui:order`. */
function fieldOrder(properties: [string, Schema][]): string[] | undefined {
  const ranked = properties.map(([name, property], index) => {
    const order = property.order;
    return { name, index, order: typeof order === "number" ? order : undefined };
  });
  if (!ranked.some((entry) => entry.order !== undefined)) return undefined;
  ranked.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.index - b.index);
  return [...ranked.map((entry) => entry.name), "*"];
}
