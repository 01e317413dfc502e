/** Text formulas: `$concat`, `$tpl`, `$domainFromEmail`, `$extractDate`, `$extractTime`. */
import { formulaNameOf } from "./detect.ts";
import { constNode, makeNode, run, strictNode, strictNode2, UNDEFINED_NODE, type FormulaCompiler, type Node, type Vars } from "./node.ts";
import { isPlainObject, toText } from "./values.ts";

/** Joins the present items; undefined when there is no item at all (null/'' items count as present but are skipped). */
export function concatValues(values: unknown, delimiter: unknown): string | undefined {
  if (!Array.isArray(values)) return undefined;
  const separator = delimiter === undefined || delimiter === null ? "" : toText(delimiter);
  let out = "";
  let any = false;
  let first = true;
  for (const value of values) {
    if (value === undefined) continue;
    any = true;
    if (value === null) continue;
    const text = typeof value === "string" ? value : toText(value);
    if (text === "") continue;
    out = first ? text : out + separator + text;
    first = false;
  }
  return any ? out : undefined;
}

/**
 * `$concat: [a, b, …]` or `$concat: {values: [...], delimiter?: ","}`. Items that are null,
 * undefined or '' are dropped; undefined when nothing is left to look at.
 */
export const compileConcat: FormulaCompiler = (arg, _formula, compile) => {
  if (Array.isArray(arg)) return concatItems(arg.map(compile), "");
  if (!isPlainObject(arg) || formulaNameOf(arg) !== undefined) return UNDEFINED_NODE;
  const delimiter = compile(arg.delimiter ?? "");
  if (Array.isArray(arg.values) && delimiter.constant) {
    return concatItems(arg.values.map(compile), delimiter.constant.value);
  }
  return strictNode2(compile(arg.values), delimiter, concatValues);
};

/** The hot path (`Bearer ` + token): no intermediate array. */
function concatItems(items: Node[], delimiter: unknown): Node {
  if (items.every((item) => item.constant)) {
    return constNode(concatValues(items.map((item) => (item.constant as { value: unknown }).value), delimiter));
  }
  const syncs = items.map((item) => item.sync);
  const separator = delimiter === undefined || delimiter === null ? "" : toText(delimiter);
  return makeNode({
    children: items,
    sync: (vars) => {
      let out = "";
      let any = false;
      let first = true;
      for (let i = 0; i < syncs.length; i++) {
        const value = (syncs[i] as (vars: Vars) => unknown)(vars);
        if (value === undefined) continue;
        any = true;
        if (value === null) continue;
        const text = typeof value === "string" ? value : toText(value);
        if (text === "") continue;
        out = first ? text : out + separator + text;
        first = false;
      }
      return any ? out : undefined;
    },
    async: async (vars) => {
      const values: unknown[] = [];
      for (const item of items) values.push(await run(item, vars));
      return concatValues(values, delimiter);
    },
  });
}

/**
 * `$tpl: {template: "Hi {name}", values: {name: …}}`: every `{key}` is replaced (all occurrences,
 * in the order of `values`) by the key's value; null/undefined become ''. A template that is not
 * a string gives undefined.
 */
export const compileTpl: FormulaCompiler = (arg, _formula, compile) => {
  if (!isPlainObject(arg) || formulaNameOf(arg) !== undefined) return UNDEFINED_NODE;
  const template = compile(arg.template);
  const values = arg.values;
  if (isPlainObject(values) && formulaNameOf(values) === undefined) {
    const keys = Object.keys(values);
    const nodes = keys.map((key) => compile(values[key]));
    const fill = (text: unknown, filled: unknown[]): unknown => {
      if (typeof text !== "string") return undefined;
      let out = text;
      for (let i = 0; i < keys.length; i++) out = replaceAll(out, `{${keys[i]}}`, filled[i]);
      return out;
    };
    if (template.constant && nodes.every((node) => node.constant)) {
      return constNode(fill(template.constant.value, nodes.map((node) => (node.constant as { value: unknown }).value)));
    }
    return makeNode({
      children: [template, ...nodes],
      sync: (vars) => fill(template.sync(vars), nodes.map((node) => node.sync(vars))),
      async: async (vars) => {
        const filled: unknown[] = [];
        for (const node of nodes) filled.push(await run(node, vars));
        return fill(await run(template, vars), filled);
      },
    });
  }
  // `values` given by a formula (or absent): fill from whatever object it evaluates to.
  return strictNode2(template, values === undefined ? UNDEFINED_NODE : compile(values), (text, filled) => {
    if (typeof text !== "string") return undefined;
    if (!isPlainObject(filled)) return text;
    let out = text;
    for (const key of Object.keys(filled)) out = replaceAll(out, `{${key}}`, filled[key]);
    return out;
  });
};

function replaceAll(text: string, placeholder: string, value: unknown): string {
  if (!text.includes(placeholder)) return text;
  // split/join: a literal replacement (no `$&`-style patterns from String.replace).
  return text.split(placeholder).join(value === undefined || value === null ? "" : toText(value));
}

/** `$domainFromEmail: value`: the part after `@` when there is exactly one `@`, else undefined. */
export const compileDomainFromEmail: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (value) => {
    if (typeof value !== "string") return undefined;
    const parts = value.split("@");
    return parts.length === 2 ? parts[1] : undefined;
  });

/** `$extractDate: dateTime` ⇒ `YYYY-MM-DD` (UTC). */
export const compileExtractDate: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (value) => parseDateTime(value)?.toISOString().slice(0, 10));

/** `$extractTime: dateTime` ⇒ `HH:MM:SS` (UTC). */
export const compileExtractTime: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (value) => parseDateTime(value)?.toISOString().slice(11, 19));

// ISO date-times without an offset are read as UTC (JavaScript would read them as local time).
const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/** Parses a date-time string (or a Date, or epoch milliseconds); null when it is not one. */
export function parseDateTime(value: unknown): Date | null {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === "number") time = Number.isFinite(value) ? value : NaN;
  else if (typeof value === "string") {
    const text = value.trim();
    const iso = ISO_WITHOUT_ZONE.exec(text);
    time = Date.parse(iso ? `${iso[1]}T${iso[2]}Z` : text);
  } else return null;
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}
