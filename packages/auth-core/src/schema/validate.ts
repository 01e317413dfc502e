/**
 * An interpretive JSON Schema validator (no code generation, CSP-safe). It covers the keywords
 * connector schemas use; unknown keywords are ignored. Problems come back as `Issue`s with a JSON
 * pointer to the offending value and a message written for the person who has to fix it.
 */
import type { Issue } from "../errors.ts";
import type { JsonSchema } from "../types.ts";
import { FORMATS } from "./formats.ts";
import { getAtPointer, joinPointer } from "./pointer.ts";
import { deepEqual, describeValue, formatValue, isPlainObject, listOr } from "./util.ts";

export interface ValidateJsonSchemaOptions {
  /** Pointer prepended to every issue path, e.g. `/auth/inputSchema` or `/credentials`. */
  basePointer?: string;
}

interface Context {
  root: unknown;
  refDepth: number;
}

type Schema = Record<string, unknown>;

const MAX_REF_DEPTH = 64;

/** Issues that mean "this branch is about a different kind of value", for oneOf/anyOf reporting. */
const SHAPE_MISMATCH = new Set(["type", "const", "enum", "false"]);

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean (true or false)",
  object: "an object",
  array: "an array",
  null: "null",
};

/** Validates `value` against `schema`; returns every problem found (empty when valid). */
export function validateJsonSchema(schema: JsonSchema | boolean, value: unknown, options: ValidateJsonSchemaOptions = {}): Issue[] {
  return validate(schema, value, options.basePointer ?? "", { root: schema, refDepth: 0 });
}

/** True when `value` satisfies `schema`. */
export function matchesJsonSchema(schema: JsonSchema | boolean, value: unknown): boolean {
  return validateJsonSchema(schema, value).length === 0;
}

function issue(path: string, code: string, message: string): Issue {
  return { path, code, message };
}

function validate(schema: unknown, value: unknown, path: string, ctx: Context): Issue[] {
  if (schema === false) return [issue(path, "false", "is not allowed here")];
  if (!isPlainObject(schema)) return [];
  const issues: Issue[] = [];
  if (typeof schema.$ref === "string") issues.push(...validateRef(schema.$ref, value, path, ctx));
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string");
    if (types.length > 0 && !types.some((type) => matchesType(type, value))) {
      const expected = listOr(types.map((type) => TYPE_NAMES[type] ?? type));
      issues.push(issue(path, "type", `must be ${expected} (got ${describeValue(value)})`));
      return issues; // Type-specific keywords would only repeat the same problem.
    }
  }
  issues.push(...validateValueKeywords(schema, value, path));
  if (typeof value === "string") issues.push(...validateString(schema, value, path));
  if (typeof value === "number") issues.push(...validateNumber(schema, value, path));
  if (Array.isArray(value)) issues.push(...validateArray(schema, value, path, ctx));
  else if (typeof value === "object" && value !== null) issues.push(...validateObject(schema, value as Record<string, unknown>, path, ctx));
  issues.push(...validateCombinators(schema, value, path, ctx));
  return issues;
}

function validateRef(ref: string, value: unknown, path: string, ctx: Context): Issue[] {
  // Only local references (`#`, `#/definitions/…`, `#/$defs/…`) are resolved; others are ignored.
  if (!ref.startsWith("#") || ctx.refDepth >= MAX_REF_DEPTH) return [];
  const target = getAtPointer(ctx.root, ref);
  if (target === undefined) return [];
  return validate(target, value, path, { root: ctx.root, refDepth: ctx.refDepth + 1 });
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true; // Unknown type names are not ours to reject.
  }
}

function validateValueKeywords(schema: Schema, value: unknown, path: string): Issue[] {
  const issues: Issue[] = [];
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
    issues.push(issue(path, "enum", `must be one of: ${schema.enum.map(formatValue).join(", ")}`));
  }
  if ("const" in schema && !deepEqual(schema.const, value)) {
    issues.push(issue(path, "const", `must be ${formatValue(schema.const)}`));
  }
  return issues;
}

function validateString(schema: Schema, value: string, path: string): Issue[] {
  const issues: Issue[] = [];
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) {
    issues.push(issue(path, "minLength", schema.minLength === 1 ? "must not be empty" : `must be at least ${plural(schema.minLength, "character")} long`));
  }
  if (typeof schema.maxLength === "number" && length > schema.maxLength) {
    issues.push(issue(path, "maxLength", `must be at most ${plural(schema.maxLength, "character")} long`));
  }
  if (typeof schema.pattern === "string") {
    const regex = compilePattern(schema.pattern);
    if (regex && !regex.test(value)) issues.push(issue(path, "pattern", `must match the pattern ${schema.pattern}`));
  }
  if (typeof schema.format === "string") {
    const format = FORMATS[schema.format];
    if (format && !format.test(value)) issues.push(issue(path, "format", `must be ${format.expected}`));
  }
  return issues;
}

function validateNumber(schema: Schema, value: number, path: string): Issue[] {
  const issues: Issue[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (typeof minimum === "number") {
    // Draft 4 wrote exclusiveness as a boolean next to minimum/maximum.
    if (exclusiveMinimum === true ? value <= minimum : value < minimum) {
      issues.push(issue(path, exclusiveMinimum === true ? "exclusiveMinimum" : "minimum", `must be ${exclusiveMinimum === true ? "greater than" : "greater than or equal to"} ${minimum}`));
    }
  }
  if (typeof maximum === "number") {
    if (exclusiveMaximum === true ? value >= maximum : value > maximum) {
      issues.push(issue(path, exclusiveMaximum === true ? "exclusiveMaximum" : "maximum", `must be ${exclusiveMaximum === true ? "less than" : "less than or equal to"} ${maximum}`));
    }
  }
  if (typeof exclusiveMinimum === "number" && value <= exclusiveMinimum) {
    issues.push(issue(path, "exclusiveMinimum", `must be greater than ${exclusiveMinimum}`));
  }
  if (typeof exclusiveMaximum === "number" && value >= exclusiveMaximum) {
    issues.push(issue(path, "exclusiveMaximum", `must be less than ${exclusiveMaximum}`));
  }
  if (typeof multipleOf === "number" && multipleOf > 0) {
    const quotient = value / multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) issues.push(issue(path, "multipleOf", `must be a multiple of ${multipleOf}`));
  }
  return issues;
}

function validateArray(schema: Schema, value: unknown[], path: string, ctx: Context): Issue[] {
  const issues: Issue[] = [];
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    issues.push(issue(path, "minItems", `must have at least ${plural(schema.minItems, "item")}`));
  }
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    issues.push(issue(path, "maxItems", `must have at most ${plural(schema.maxItems, "item")}`));
  }
  if (schema.uniqueItems === true) {
    const duplicate = findDuplicate(value);
    if (duplicate) issues.push(issue(path, "uniqueItems", `must not contain duplicate items (items ${duplicate[0]} and ${duplicate[1]} are equal)`));
  }
  if (Array.isArray(schema.items)) {
    schema.items.forEach((itemSchema, index) => {
      if (index < value.length) issues.push(...validate(itemSchema, value[index], joinPointer(path, index), ctx));
    });
  } else if (schema.items !== undefined) {
    value.forEach((item, index) => issues.push(...validate(schema.items, item, joinPointer(path, index), ctx)));
  }
  return issues;
}

function validateObject(schema: Schema, value: Record<string, unknown>, path: string, ctx: Context): Issue[] {
  const issues: Issue[] = [];
  // A property holding `undefined` (possible in objects built in JS) counts as missing.
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) {
      if (typeof name === "string" && value[name] === undefined) issues.push(issue(joinPointer(path, name), "required", "is required"));
    }
  }
  if (typeof schema.minProperties === "number" && keys.length < schema.minProperties) {
    issues.push(issue(path, "minProperties", `must have at least ${plural(schema.minProperties, "property", "properties")}`));
  }
  if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties) {
    issues.push(issue(path, "maxProperties", `must have at most ${plural(schema.maxProperties, "property", "properties")}`));
  }
  const patterns = isPlainObject(schema.patternProperties)
    ? Object.entries(schema.patternProperties).flatMap(([pattern, sub]) => {
        const regex = compilePattern(pattern);
        return regex ? [{ regex, sub }] : [];
      })
    : [];
  for (const key of keys) {
    const childPath = joinPointer(path, key);
    let known = false;
    if (Object.prototype.hasOwnProperty.call(properties, key)) {
      known = true;
      issues.push(...validate(properties[key], value[key], childPath, ctx));
    }
    for (const { regex, sub } of patterns) {
      if (regex.test(key)) {
        known = true;
        issues.push(...validate(sub, value[key], childPath, ctx));
      }
    }
    if (known || schema.additionalProperties === undefined || schema.additionalProperties === true) continue;
    if (schema.additionalProperties === false) {
      const allowed = Object.keys(properties);
      const hint = allowed.length > 0 ? `; expected one of: ${allowed.join(", ")}` : "";
      issues.push(issue(childPath, "additionalProperties", `"${key}" is not an allowed property here${hint}`));
    } else {
      issues.push(...validate(schema.additionalProperties, value[key], childPath, ctx));
    }
  }
  return issues;
}

function validateCombinators(schema: Schema, value: unknown, path: string, ctx: Context): Issue[] {
  const issues: Issue[] = [];
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) issues.push(...validate(sub, value, path, ctx));
  }
  if (Array.isArray(schema.anyOf)) issues.push(...validateAlternatives("anyOf", schema.anyOf, value, path, ctx));
  if (Array.isArray(schema.oneOf)) issues.push(...validateAlternatives("oneOf", schema.oneOf, value, path, ctx));
  if (schema.not !== undefined && validate(schema.not, value, path, ctx).length === 0) {
    issues.push(issue(path, "not", "must not match the disallowed schema"));
  }
  if (schema.if !== undefined) {
    const branch = validate(schema.if, value, path, ctx).length === 0 ? schema.then : schema.else;
    if (branch !== undefined) issues.push(...validate(branch, value, path, ctx));
  }
  return issues;
}

function validateAlternatives(kind: "anyOf" | "oneOf", branches: unknown[], value: unknown, path: string, ctx: Context): Issue[] {
  const results = branches.map((branch) => validate(branch, value, path, ctx));
  const passing = results.filter((result) => result.length === 0).length;
  if (kind === "oneOf" && passing > 1) {
    return [issue(path, "oneOf", `must match exactly one of the allowed forms, but matches ${passing} of them`)];
  }
  if (passing > 0) return [];
  // Report the branch that fits the value's shape best: its problems are the useful ones.
  const fitting = results.filter((result) => !result.some((found) => found.path === path && SHAPE_MISMATCH.has(found.code)));
  if (fitting.length > 0) return fitting.reduce((best, result) => (result.length < best.length ? result : best));
  const expected = [...new Set(results.flatMap((result) => result.filter((found) => found.path === path).map((found) => found.message)))];
  return [issue(path, kind, `does not match any allowed form: ${expected.join("; or ")}`)];
}

function findDuplicate(items: unknown[]): [number, number] | undefined {
  for (let j = 1; j < items.length; j++) {
    for (let i = 0; i < j; i++) if (deepEqual(items[i], items[j])) return [i, j];
  }
  return undefined;
}

const patternCache = new Map<string, RegExp | null>();

function compilePattern(pattern: string): RegExp | undefined {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    regex = tryRegExp(pattern, "u") ?? tryRegExp(pattern, "") ?? null;
    patternCache.set(pattern, regex);
  }
  return regex ?? undefined; // An invalid pattern is a schema bug; it does not fail the value.
}

function tryRegExp(pattern: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
