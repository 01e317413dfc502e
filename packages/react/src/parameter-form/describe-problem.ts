/**
 * Turns validation problems into sentences for people. Both RJSF/ajv errors (`name` = keyword)
 * and engine `Issue`s (`code`) land here, so every validator reads the same.
 */
import type { JsonSchema } from "@plugboard/auth-core";
import { formatMessage } from "../internal/format.ts";
import type { ParameterFormMessages } from "./messages.ts";
import { fieldLabel, fieldSchemaAt, patternHint } from "./schema-info.ts";

/** One problem at a field: `code` is a JSON Schema keyword (`required`, `pattern`, `format`, …). */
export interface FieldProblem {
  code: string;
  path: readonly string[];
  /** ajv-style params, when the validator gave some (`format`, `limit`, …). */
  params?: Record<string, unknown>;
}

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
  return (code !== undefined ? PRIORITY[code] : undefined) ?? 9;
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

/** The message for one problem, using the field's label and the schema's own hints. */
export function describeProblem(problem: FieldProblem, rootSchema: JsonSchema, messages: ParameterFormMessages): string {
  const schema = fieldSchemaAt(rootSchema, problem.path);
  const field = fieldLabel(schema, problem.path[problem.path.length - 1]) || fieldLabel(rootSchema, undefined);
  const say = (key: keyof ParameterFormMessages, values: Record<string, string | number> = {}) =>
    formatMessage(messages[key], { field, ...values });
  const limitOf = (keyword: string): number | undefined => {
    const fromSchema = schema?.[keyword];
    if (typeof fromSchema === "number") return fromSchema;
    const fromParams = problem.params?.limit;
    return typeof fromParams === "number" ? fromParams : undefined;
  };
  switch (problem.code) {
    case "required":
      return say("required");
    case "pattern": {
      const hint = patternHint(schema);
      return hint ? say("patternHint", { hint }) : say("pattern");
    }
    case "format": {
      const format = typeof schema?.format === "string" ? schema.format : problem.params?.format;
      return say((typeof format === "string" && FORMAT_KEYS[format]) || "format");
    }
    case "minLength": {
      const limit = limitOf("minLength");
      return limit === undefined || limit <= 1 ? say("required") : say("minLength", { limit });
    }
    case "maxLength": {
      const limit = limitOf("maxLength");
      return limit === undefined ? say("invalid") : say("maxLength", { limit });
    }
    case "enum":
    case "const":
      return say("enum");
    case "type": {
      const types = [schema?.type].flat();
      if (types.includes("integer")) return say("integer");
      if (types.includes("number")) return say("number");
      return say("invalid");
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return describeRange(problem.code, schema, problem.params, say);
    default:
      return say("invalid");
  }
}

type Say = (key: keyof ParameterFormMessages, values?: Record<string, string | number>) => string;

function describeRange(code: string, schema: Record<string, unknown> | undefined, params: Record<string, unknown> | undefined, say: Say): string {
  const lower = code === "minimum" || code === "exclusiveMinimum";
  // Draft 4 wrote exclusiveness as a boolean next to minimum/maximum.
  const own = schema?.[code];
  const limit = typeof own === "number" ? own : (lower ? schema?.minimum : schema?.maximum) ?? params?.limit;
  if (typeof limit !== "number") return say("invalid");
  const exclusive = code.startsWith("exclusive") || schema?.[lower ? "exclusiveMinimum" : "exclusiveMaximum"] === true;
  if (!exclusive) return say(lower ? "minimum" : "maximum", { limit });
  // An exclusive bound on whole numbers reads better as an inclusive one.
  if ([schema?.type].flat().includes("integer") && Number.isInteger(limit)) return say(lower ? "minimum" : "maximum", { limit: lower ? limit + 1 : limit - 1 });
  return say(lower ? "greaterThan" : "lessThan", { limit });
}
