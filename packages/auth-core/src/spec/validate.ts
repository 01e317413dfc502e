/**
 * The parse logic behind parseConnectorSpec (parse.ts) and loadConnectorSpec (load.ts): text or
 * object → issues → normalized model. The YAML/JSON reader is passed in (`parseText` from
 * text.ts), so this module's graph does not import `yaml`: loadConnectorSpec imports text.ts
 * only when the spec or one of its files is text.
 */
import type { Issue } from "../errors.ts";
import { IMPLEMENTATION_TYPES, AUTH_TYPES, METHOD_NAMES } from "../types.ts";
import type { ConnectorSpec, HostFunction } from "../types.ts";
import { validateJsonSchema } from "../schema/validate.ts";
import { getAtPointer, parsePointer } from "../schema/pointer.ts";
import { describeValue, formatValue, isPlainObject } from "../schema/util.ts";
import { checkSpec } from "./check.ts";
import { createContext } from "./context.ts";
import { normalizeSpec } from "./normalize.ts";
import { METHOD_ALIASES } from "./rules.ts";
import { connectorSpecJsonSchema } from "./schema.ts";
import type { ParsedText, TextParser } from "./text.ts";

export interface ParseConnectorSpecOptions {
  /** Files keyed by path, e.g. "auth/make-api-client.map.yml": text, or a host function for trusted JavaScript. */
  files?: Record<string, string | HostFunction>;
  /** Name of the source for messages, e.g. "spec.yml". */
  sourceName?: string;
}

export interface ValidateConnectorSpecResult {
  /** The normalized spec, present only when there are no issues. */
  spec?: ConnectorSpec;
  /** Every problem found, each with a JSON pointer (and line/column when the source was text). */
  issues: Issue[];
}

/** validateConnectorSpec with the given text parser, which reads the spec (when it is text) and method files. */
export function validateSource(source: string | object, options: ParseConnectorSpecOptions, parseText: TextParser): ValidateConnectorSpecResult {
  const name = options.sourceName ?? "The spec";
  let text: ParsedText | undefined;
  let raw: unknown = source;
  if (typeof source === "string") {
    text = parseText(source, options.sourceName);
    // Syntax errors are about the spec text itself, not a file from options.files.
    if (text.issues.length > 0) return { issues: text.issues.map(({ file: _file, ...issue }) => issue) };
    raw = text.value;
  }
  if (!isPlainObject(raw)) {
    const issue: Issue = {
      path: "",
      code: "not_object",
      message: `${name} must be an object with an auth: block or a root-level type (got ${describeValue(raw)})`,
    };
    return { issues: [text ? { ...issue, line: 1, column: 1 } : issue] };
  }
  const ctx = createContext(options.files ?? {}, text, parseText);
  for (const issue of validateJsonSchema(connectorSpecJsonSchema, withoutHostFunctions(raw))) ctx.report(explainSchemaIssue(issue, raw));
  const spec = normalizeSpec(raw, ctx);
  checkSpec(spec, ctx);
  return ctx.issues.length > 0 ? { issues: ctx.sortedIssues() } : { spec, issues: [] };
}

/** Host functions are valid `code`; the JSON Schema only knows strings, so show it a stand-in. */
function withoutHostFunctions(value: unknown, key?: string): unknown {
  if (typeof value === "function" && key === "code") return "[host function]";
  if (Array.isArray(value)) return value.map((item) => withoutHostFunctions(item));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, withoutHostFunctions(child, childKey)]));
}

/** Gives enum failures on `type` the spec's own codes and fuller messages. */
function explainSchemaIssue(issue: Issue, raw: Record<string, unknown>): Issue {
  if (issue.code !== "enum") return issue;
  let tokens = parsePointer(issue.path);
  if (tokens[0] === "auth") tokens = tokens.slice(1);
  if (tokens[0] === "options" && tokens.length > 2) tokens = tokens.slice(2);
  const value = formatValue(getAtPointer(raw, issue.path));
  if (tokens.length === 1 && tokens[0] === "type") {
    return { ...issue, code: "unknown_auth_type", message: `unknown auth type "${value}"; expected one of: ${AUTH_TYPES.join(", ")}` };
  }
  const [method, key] = tokens;
  const isSlot = method !== undefined && ((METHOD_NAMES as readonly string[]).includes(method) || method in METHOD_ALIASES);
  if (tokens.length === 2 && isSlot && (key === "type" || key === "implementationType")) {
    return { ...issue, code: "unknown_implementation_type", message: `unknown implementation type "${value}" for ${method}; expected one of: ${IMPLEMENTATION_TYPES.join(", ")}` };
  }
  return issue;
}
