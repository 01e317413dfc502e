/** Recognising formulas: a plain object whose FIRST key is `$` + a known formula name. */
import { isPlainObject } from "./values.ts";

/** Every formula name of the reference engine (SDK-M `DataBuilderFormulaType`), without the `$`. */
export const FORMULA_NAMES = [
  "var",
  "copy",
  "tpl",
  "record",
  "lookup",
  "plain",
  "map",
  "concat",
  "firstName",
  "lastName",
  "iterate",
  "case",
  "extractDate",
  "extractTime",
  "findExternalRecordId",
  "findAppRecordId",
  "eval",
  "and",
  "or",
  "mergeObjects",
  "firstNotEmpty",
  "domainFromEmail",
  "formula",
  "jsonata",
  "dataSchemaRef",
] as const;

export type FormulaName = (typeof FORMULA_NAMES)[number];

/** Formulas that need a data store (records, data links, schemas); not available in auth methods. */
export const DATA_STORE_FORMULAS: ReadonlySet<string> = new Set(["lookup", "record", "findExternalRecordId", "findAppRecordId", "dataSchemaRef"]);

const KNOWN: ReadonlySet<string> = new Set(FORMULA_NAMES);

/** The formula name (without `$`) when `value` is a formula, else undefined. Unknown `$names` are plain keys. */
export function formulaNameOf(value: unknown): FormulaName | undefined {
  if (!isPlainObject(value)) return undefined;
  const key = Object.keys(value)[0];
  if (key === undefined || key.charCodeAt(0) !== 36 /* $ */) return undefined;
  const name = key.slice(1);
  return KNOWN.has(name) ? (name as FormulaName) : undefined;
}

/** True when `value` is a formula (`{$var: …}`, `{$concat: …}`, …). */
export function isFormula(value: unknown): boolean {
  return formulaNameOf(value) !== undefined;
}
