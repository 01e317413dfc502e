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

/** The uiSchema of an object schema (`node`: the input schema itself, or a nested object of `root`). */
export function buildUiSchema(node: unknown, root = node as JsonSchema, depth = 0): UiSchema {
  const schema = resolveLocalRef(node, root);
  if (!schema || depth > MAX_DEPTH) return {};
  const collected = collectProperties(schema, root);
  const ui: UiSchema = {};
  for (const [name, property] of collected) {
    // Fields without hints get no entry: RJSF reads every field's ui options on each change.
    const entry = fieldUi(name, property, root, depth);
    if (Object.keys(entry).length > 0) ui[name] = entry;
  }
  // Airbyte-style numeric `order` on properties, as RJSF's `ui:order`. The sort is stable: fields
  // without an order keep theirs, after the ordered ones.
  const rank = (property: Schema) => (typeof property.order === "number" ? property.order : Infinity);
  const fields = [...collected];
  if (fields.some(([, property]) => typeof property.order === "number")) {
    ui["ui:order"] = [...fields.sort(([, a], [, b]) => rank(a) - rank(b)).map(([name]) => name), "*"];
  }
  return ui;
}

function fieldUi(name: string, schema: Schema, root: JsonSchema, depth: number): UiSchema {
  const ui: UiSchema = {};
  // RJSF labels a field with its `title`; the others get ours (the humanized property name).
  const label = fieldLabel(schema, name);
  if (label !== schema.title) ui["ui:title"] = label;
  if (schema.type === "object") return Object.assign(ui, buildUiSchema(schema, root, depth + 1));
  const secret = isSecretSchema(schema);
  if (secret) ui["ui:widget"] = "password";
  else if (schema.multiline === true || schema.format === "textarea") ui["ui:widget"] = "textarea";
  // The first example (or, for non-secrets, the default) as a placeholder.
  const printable = (item: unknown) => typeof item === "string" || typeof item === "number";
  const example = (Array.isArray(schema.examples) ? schema.examples : [schema.example]).find(printable);
  if (example !== undefined) ui["ui:placeholder"] = String(example);
  else if (!secret && printable(schema.default) && schema.default !== "") ui["ui:placeholder"] = String(schema.default);
  if (schema.hidden === true || schema.airbyte_hidden === true) ui["ui:widget"] = "hidden";
  return ui;
}
