/**
 * Static checks of a mapping, for spec validation: formulas whose argument has the wrong shape
 * (they would silently evaluate to null/undefined at run time), invalid locators, unknown
 * operators, and formulas that need a data store. JSONata syntax is not checked here.
 */
import type { Issue } from "../errors.ts";
import { DATA_STORE_FORMULAS, formulaNameOf, type FormulaName } from "./detect.ts";
import { parseLocator } from "./locator.ts";
import { EVAL_OPERATORS, FILTER_OPERATORS } from "./operators.ts";
import { unsupportedFormulaMessage } from "./unsupported.ts";
import { isPlainObject } from "./values.ts";

const MALFORMED = "malformed_formula";

/** Returns the problems found in `mapping`, with JSON pointers under `basePointer` (`""` = root). */
export function checkMapping(mapping: unknown, basePointer: string): Issue[] {
  const issues: Issue[] = [];
  checkValue(mapping, basePointer, issues);
  return issues;
}

function pointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function checkValue(value: unknown, path: string, issues: Issue[]): void {
  const name = formulaNameOf(value);
  if (name !== undefined) {
    checkFormula(name, value as Record<string, unknown>, path, issues);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkValue(item, pointer(path, index), issues));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) checkValue(value[key], pointer(path, key), issues);
  }
}

/** A formula argument may always be computed by another formula instead of written literally. */
const isDynamic = (value: unknown): boolean => formulaNameOf(value) !== undefined;

function checkFormula(name: FormulaName, formula: Record<string, unknown>, path: string, issues: Issue[]): void {
  const key = `$${name}`;
  const arg = formula[key];
  const argPath = pointer(path, key);
  const malformed = (message: string, at = argPath): void => void issues.push({ path: at, code: MALFORMED, message: `${key}: ${message}` });

  if (DATA_STORE_FORMULAS.has(name)) {
    issues.push({ path, code: "unsupported_formula", message: unsupportedFormulaMessage(name) });
    return;
  }
  switch (name) {
    case "var":
    case "copy":
      if (isDynamic(arg)) return checkValue(arg, argPath, issues);
      if (typeof arg !== "string") return malformed(`expected a locator string such as "credentials.access_token", got ${describe(arg)}.`);
      if (parseLocator(arg) === null) return malformed(`"${arg}" is not a valid locator (use names separated by ".", and [n] for array items).`);
      return;
    case "plain":
    case "formula":
      return; // data, not evaluated
    case "jsonata":
      if (isDynamic(arg)) return checkValue(arg, argPath, issues);
      if (typeof arg !== "string" || arg.trim() === "") malformed(`expected a JSONata expression string, got ${describe(arg)}.`);
      return;
    case "concat":
      if (Array.isArray(arg)) return checkValue(arg, argPath, issues);
      if (!isPlainObject(arg) || isDynamic(arg) || !("values" in arg)) {
        return malformed(`expected an array of values, or {values: [...], delimiter?}, got ${describe(arg)}.`);
      }
      if (!Array.isArray(arg.values) && !isDynamic(arg.values)) malformed(`"values" must be an array, got ${describe(arg.values)}.`, pointer(argPath, "values"));
      if (arg.delimiter !== undefined && typeof arg.delimiter !== "string" && !isDynamic(arg.delimiter)) {
        malformed(`"delimiter" must be a string, got ${describe(arg.delimiter)}.`, pointer(argPath, "delimiter"));
      }
      return checkValue(arg, argPath, issues);
    case "tpl":
      if (!isPlainObject(arg) || isDynamic(arg)) return malformed(`expected {template: "… {name} …", values: {name: …}}, got ${describe(arg)}.`);
      if (typeof arg.template !== "string" && !isDynamic(arg.template)) malformed(`"template" must be a string, got ${describe(arg.template)}.`, pointer(argPath, "template"));
      if (arg.values !== undefined && !isPlainObject(arg.values)) malformed(`"values" must be an object, got ${describe(arg.values)}.`, pointer(argPath, "values"));
      return checkValue(arg, argPath, issues);
    case "and":
    case "or":
    case "firstNotEmpty":
    case "mergeObjects":
      if (!Array.isArray(arg) && !isDynamic(arg)) malformed(`expected an array, got ${describe(arg)}.`);
      return checkValue(arg, argPath, issues);
    case "case":
      return checkCase(arg, argPath, issues, malformed);
    case "map":
      if (!isPlainObject(arg) || isDynamic(arg)) return malformed(`expected {value, mapping: [{from, to}], default?}, got ${describe(arg)}.`);
      if (!Array.isArray(arg.mapping)) {
        const hint = "mappings" in arg ? ` (found "mappings": the key is "mapping")` : "";
        malformed(`"mapping" must be an array of {from, to}${hint}.`);
      } else {
        arg.mapping.forEach((item, index) => {
          if (!isPlainObject(item)) malformed(`each mapping entry must be an object {from, to}, got ${describe(item)}.`, pointer(argPath, "mapping", index));
        });
      }
      return checkValue(arg, argPath, issues);
    case "eval": {
      const operatorKey = Object.keys(formula)[1];
      if (operatorKey === undefined) {
        malformed(`missing operator: add a second key such as "is: true" (${[...EVAL_OPERATORS.keys()].join(", ")}).`, path);
      } else if (!EVAL_OPERATORS.has(operatorKey)) {
        malformed(`unknown operator "${operatorKey}" (it would make $eval always true); use one of ${[...EVAL_OPERATORS.keys()].join(", ")}.`, pointer(path, operatorKey));
      } else {
        checkValue(formula[operatorKey], pointer(path, operatorKey), issues);
      }
      return checkValue(arg, argPath, issues);
    }
    case "iterate":
      if (!isPlainObject(arg) || isDynamic(arg)) return malformed(`expected {source, item}, got ${describe(arg)}.`);
      if (!("source" in arg)) malformed(`missing "source" (the array to iterate over).`);
      if (!("item" in arg)) malformed(`missing "item" (the value to build for each element).`);
      return checkValue(arg, argPath, issues);
    case "firstName":
    case "lastName":
    case "extractDate":
    case "extractTime":
    case "domainFromEmail":
      return checkValue(arg, argPath, issues);
    default:
      return;
  }
}

function checkCase(arg: unknown, argPath: string, issues: Issue[], malformed: (message: string, at?: string) => void): void {
  let cases: unknown[];
  let casesPath: string;
  if (Array.isArray(arg)) {
    cases = arg;
    casesPath = argPath;
  } else if (isPlainObject(arg) && !isDynamic(arg) && Array.isArray(arg.cases)) {
    cases = arg.cases;
    casesPath = pointer(argPath, "cases");
    if ("default" in arg) checkValue(arg.default, pointer(argPath, "default"), issues);
  } else {
    return malformed(`expected {cases: [{filter?, value}], default?} or an array of cases, got ${describe(arg)}.`);
  }
  cases.forEach((item, index) => {
    const itemPath = pointer(casesPath, index);
    if (!isPlainObject(item)) return malformed(`each case must be an object {filter?, value}, got ${describe(item)}.`, itemPath);
    if (Array.isArray(item.filter)) {
      item.filter.forEach((condition, conditionIndex) => {
        const conditionPath = pointer(itemPath, "filter", conditionIndex);
        if (!isPlainObject(condition)) return malformed(`a filter condition must be {field, operator, value}, got ${describe(condition)}.`, conditionPath);
        if (typeof condition.field !== "string" || parseLocator(condition.field) === null) {
          malformed(`filter condition "field" must be a locator string, got ${describe(condition.field)}.`, pointer(conditionPath, "field"));
        }
        if (typeof condition.operator !== "string" || !FILTER_OPERATORS.has(condition.operator)) {
          malformed(
            `unknown filter operator ${describe(condition.operator)} (the condition would be skipped); use one of ${[...FILTER_OPERATORS.keys()].join(", ")}.`,
            pointer(conditionPath, "operator"),
          );
        }
        checkValue(condition.value, pointer(conditionPath, "value"), issues);
      });
    } else if ("filter" in item) {
      checkValue(item.filter, pointer(itemPath, "filter"), issues);
    }
    checkValue(item.value, pointer(itemPath, "value"), issues);
  });
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}
