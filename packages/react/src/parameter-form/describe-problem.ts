/**
 * Turns validation problems into sentences for people. Both RJSF/ajv errors (`name` = keyword)
 * and engine `Issue`s (`code`) land here, so every validator reads the same.
 */
import type { JsonSchema } from "@plugboard/auth-core";
import { formatMessage } from "../internal/format.ts";
import type { ParameterFormMessages } from "./messages.ts";
import { fieldLabel, fieldSchemaAt, patternHint } from "./schema-info.ts";

/** Lower is shown first when a field has several problems. */
const PRIORITY: Record<string, number> = {
  required: 0,
  type: 1,
  enum: 2,
  const: 2,
  format: 3,
  pattern: 4,
  minLength: 5,
  maxLength: 5,
  minimum: 6,
  maximum: 6,
  exclusiveMinimum: 6,
  exclusiveMaximum: 6,
};

export function problemPriority(code: string | undefined): number {
  return PRIORITY[code ?? ""] ?? 9;
}

const FORMAT_KEYS: Record<string, keyof ParameterFormMessages> = {
  email: "email",
  "idn-email": "email",
  uri: "url",
  url: "url",
  "uri-reference": "url",
  iri: "url",
  hostname: "hostname",
  "idn-hostname": "hostname",
};

/**
 * The message for one problem at a field (`path`: property names and array indexes), using the
 * field's label and the schema's own hints. `code` is a JSON Schema keyword (`required`, `pattern`,
 * `format`, …); `params` are ajv-style params, when the validator gave some (`format`, `limit`, …).
 */
export function describeProblem(code: string, path: readonly string[], params: Record<string, unknown> | undefined, rootSchema: JsonSchema, messages: ParameterFormMessages): string {
  const schema = fieldSchemaAt(rootSchema, path);
  const field = fieldLabel(schema, path.at(-1)) || fieldLabel(rootSchema, undefined);
  const types = [schema?.type].flat();
  const say = (key: keyof ParameterFormMessages, values?: Record<string, string | number>) =>
    formatMessage(messages[key], { field, ...values });
  switch (code) {
    case "required":
      return say("required");
    case "pattern": {
      const hint = patternHint(schema);
      return hint ? say("patternHint", { hint }) : say("pattern");
    }
    case "format": {
      const format = typeof schema?.format === "string" ? schema.format : params?.format;
      return say((typeof format === "string" && FORMAT_KEYS[format]) || "format");
    }
    case "minLength":
    case "maxLength": {
      // The schema's limit, else the one the validator reported.
      const own = schema?.[code];
      const limit = typeof own === "number" ? own : params?.limit;
      // No minimum beyond 1 (or none known): the field was left empty.
      if (code === "minLength" && (typeof limit !== "number" || limit <= 1)) return say("required");
      return typeof limit === "number" ? say(code, { limit }) : say("invalid");
    }
    case "enum":
    case "const":
      return say("enum");
    case "type":
      return say(types.includes("integer") ? "integer" : types.includes("number") ? "number" : "invalid");
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const lower = code === "minimum" || code === "exclusiveMinimum";
      const inclusive = lower ? "minimum" : "maximum";
      // Draft 4 wrote exclusiveness as a boolean next to minimum/maximum.
      const own = schema?.[code];
      const limit = typeof own === "number" ? own : (schema?.[inclusive] ?? params?.limit);
      if (typeof limit !== "number") return say("invalid");
      const exclusive = code.startsWith("exclusive") || schema?.[lower ? "exclusiveMinimum" : "exclusiveMaximum"] === true;
      if (!exclusive) return say(inclusive, { limit });
      // An exclusive bound on whole numbers reads better as an inclusive one.
      if (types.includes("integer") && Number.isInteger(limit)) return say(inclusive, { limit: lower ? limit + 1 : limit - 1 });
      return say(lower ? "greaterThan" : "lessThan", { limit });
    }
    default:
      return say("invalid");
  }
}
