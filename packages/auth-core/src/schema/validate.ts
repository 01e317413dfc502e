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

const MAX_REF_DEPTH = 64;

/** Issues that mean "this branch is about a different kind of value", for oneOf/anyOf reporting. */
const SHAPE_MISMATCH = new Set(["type", "const", "enum", "false"]);

/** Per JSON type: how messages name it, and the check. Unknown type names are not ours to reject. */
const TYPES: Record<string, [name: string, test: (value: unknown) => boolean]> = {
  string: ["a string", (value) => typeof value === "string"],
  number: ["a number", Number.isFinite],
  integer: ["an integer", Number.isInteger],
  boolean: ["a boolean (true or false)", (value) => typeof value === "boolean"],
  object: ["an object", (value) => typeof value === "object" && value !== null && !Array.isArray(value)],
  array: ["an array", Array.isArray],
  null: ["null", (value) => value === null],
};

/** The lower and upper bound of numbers: keyword, its exclusive form, how a message compares, direction. */
const BOUNDS = [
  ["minimum", "exclusiveMinimum", "greater than", 1],
  ["maximum", "exclusiveMaximum", "less than", -1],
] as const;

/** Validates `value` against `schema`; returns every problem found (empty when valid). */
export function validateJsonSchema(schema: JsonSchema | boolean, value: unknown, options: ValidateJsonSchemaOptions = {}): Issue[] {
  return validate(schema, value, options.basePointer ?? "", schema, 0);
}

/** True when `value` satisfies `schema`. */
export function matchesJsonSchema(schema: JsonSchema | boolean, value: unknown): boolean {
  return validateJsonSchema(schema, value).length === 0;
}

function issue(path: string, code: string, message: string): Issue {
  return { path, code, message };
}

/**
 * One schema against one value. Keywords are checked in a fixed order, which is the order of the
 * issues: `$ref`, `type`, `enum`/`const`, the keywords of the value's kind (string, number, array or
 * object), then `allOf`/`anyOf`/`oneOf`/`not`/`if`. `root`: the schema local `$ref`s point into;
 * `refDepth`: how many of them led here.
 */
function validate(schema: unknown, value: unknown, path: string, root: unknown, refDepth: number): Issue[] {
  if (schema === false) return [issue(path, "false", "is not allowed here")];
  if (!isPlainObject(schema)) return [];
  const issues: Issue[] = [];
  /** Records a problem of the value (or, with `at`, of one of its parts). */
  const fail = (code: string, message: string, at = path) => {
    issues.push(issue(at, code, message));
  };
  /** Validates `part` (the value itself or one of its parts) against `sub` and keeps its problems. */
  const check = (sub: unknown, part: unknown, at = path) => {
    issues.push(...validate(sub, part, at, root, refDepth));
  };
  /** True when the value satisfies `sub` (for `not`, `if`). */
  const passes = (sub: unknown) => validate(sub, value, path, root, refDepth).length === 0;
  /** `min…`/`max…` of a size (`kind` "Length", "Items" or "Properties"); `phrase` words a broken limit. */
  const checkSize = (kind: string, size: number, phrase: (bound: "at least" | "at most", limit: number) => string) => {
    const min = schema[`min${kind}`];
    const max = schema[`max${kind}`];
    if (typeof min === "number" && size < min) fail(`min${kind}`, phrase("at least", min));
    if (typeof max === "number" && size > max) fail(`max${kind}`, phrase("at most", max));
  };

  // Only local references (`#`, `#/definitions/…`, `#/$defs/…`) are resolved; others are ignored.
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#") && refDepth < MAX_REF_DEPTH) {
    const target = getAtPointer(root, ref);
    if (target !== undefined) issues.push(...validate(target, value, path, root, refDepth + 1));
  }

  // No `type` (or no string in it) means any type.
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string");
  if (types.length > 0 && !types.some((type) => !Object.hasOwn(TYPES, type) || TYPES[type]?.[1](value))) {
    fail("type", `must be ${listOr(types.map((type) => TYPES[type]?.[0] ?? type))} (got ${describeValue(value)})`);
    return issues; // Type-specific keywords would only repeat the same problem.
  }

  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => deepEqual(allowed, value))) {
    fail("enum", `must be one of: ${schema.enum.map(formatValue).join(", ")}`);
  }
  if ("const" in schema && !deepEqual(schema.const, value)) fail("const", `must be ${formatValue(schema.const)}`);

  // Strings
  if (typeof value === "string") {
    checkSize("Length", [...value].length, (bound, limit) =>
      bound === "at least" && limit === 1 ? "must not be empty" : `must be ${bound} ${plural(limit, "character")} long`,
    );
    const { pattern, format } = schema;
    if (typeof pattern === "string" && compilePattern(pattern)?.test(value) === false) fail("pattern", `must match the pattern ${pattern}`);
    const [test, expected] = (typeof format === "string" && FORMATS[format]) || [];
    if (test && !test(value)) fail("format", `must be ${expected}`);
  }

  // Numbers
  if (typeof value === "number") {
    // Draft 4 wrote exclusiveness as a boolean next to minimum/maximum; `direction` turns the upper
    // bound's comparisons into the lower bound's.
    for (const [keyword, exclusiveKeyword, comparison, direction] of BOUNDS) {
      const limit = schema[keyword];
      const exclusive = schema[exclusiveKeyword] === true;
      if (typeof limit === "number" && (exclusive ? value * direction <= limit * direction : value * direction < limit * direction)) {
        fail(exclusive ? exclusiveKeyword : keyword, `must be ${comparison}${exclusive ? "" : " or equal to"} ${limit}`);
      }
    }
    for (const [, keyword, comparison, direction] of BOUNDS) {
      const limit = schema[keyword];
      if (typeof limit === "number" && value * direction <= limit * direction) fail(keyword, `must be ${comparison} ${limit}`);
    }
    const { multipleOf } = schema;
    if (typeof multipleOf === "number" && multipleOf > 0) {
      const quotient = value / multipleOf;
      if (Math.abs(quotient - Math.round(quotient)) > 1e-9) fail("multipleOf", `must be a multiple of ${multipleOf}`);
    }
  }

  // Arrays and objects
  if (Array.isArray(value)) {
    checkSize("Items", value.length, (bound, limit) => `must have ${bound} ${plural(limit, "item")}`);
    const duplicate = schema.uniqueItems === true ? findDuplicate(value) : undefined;
    if (duplicate) fail("uniqueItems", `must not contain duplicate items (items ${duplicate[0]} and ${duplicate[1]} are equal)`);
    const { items } = schema;
    if (Array.isArray(items)) {
      items.forEach((itemSchema, index) => {
        if (index < value.length) check(itemSchema, value[index], joinPointer(path, index));
      });
    } else if (items !== undefined) {
      value.forEach((item, index) => check(items, item, joinPointer(path, index)));
    }
  } else if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    // A property holding `undefined` (possible in objects built in JS) counts as missing.
    const keys = Object.keys(object).filter((key) => object[key] !== undefined);
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    const { required, additionalProperties } = schema;
    if (Array.isArray(required)) {
      for (const name of required) {
        if (typeof name === "string" && object[name] === undefined) fail("required", "is required", joinPointer(path, name));
      }
    }
    checkSize("Properties", keys.length, (bound, limit) => `must have ${bound} ${plural(limit, "property", "properties")}`);
    const patterns = isPlainObject(schema.patternProperties)
      ? Object.entries(schema.patternProperties).flatMap(([pattern, sub]) => {
          const regex = compilePattern(pattern);
          return regex ? [[regex, sub] as const] : [];
        })
      : [];
    for (const key of keys) {
      const childPath = joinPointer(path, key);
      let known = false;
      if (Object.hasOwn(properties, key)) {
        known = true;
        check(properties[key], object[key], childPath);
      }
      for (const [regex, sub] of patterns) {
        if (regex.test(key)) {
          known = true;
          check(sub, object[key], childPath);
        }
      }
      if (known || additionalProperties === undefined || additionalProperties === true) continue;
      if (additionalProperties === false) {
        const allowed = Object.keys(properties);
        const hint = allowed.length > 0 ? `; expected one of: ${allowed.join(", ")}` : "";
        fail("additionalProperties", `"${key}" is not an allowed property here${hint}`, childPath);
      } else {
        check(additionalProperties, object[key], childPath);
      }
    }
  }

  // Combinators
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) check(sub, value);
  }
  for (const kind of ["anyOf", "oneOf"] as const) {
    const branches = schema[kind];
    if (Array.isArray(branches)) issues.push(...validateAlternatives(kind, branches, value, path, root, refDepth));
  }
  if (schema.not !== undefined && passes(schema.not)) fail("not", "must not match the disallowed schema");
  if (schema.if !== undefined) {
    const branch = passes(schema.if) ? schema.then : schema.else;
    if (branch !== undefined) check(branch, value);
  }
  return issues;
}

function validateAlternatives(kind: "anyOf" | "oneOf", branches: unknown[], value: unknown, path: string, root: unknown, refDepth: number): Issue[] {
  const results = branches.map((branch) => validate(branch, value, path, root, refDepth));
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
