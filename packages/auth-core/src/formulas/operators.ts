/**
 * Comparison operators: the camelCase ones of `$eval` and the snake_case ones of `$case` filter
 * conditions. The two sets differ on purpose (as in the reference engine): e.g. `$eval` `contains`
 * is case-insensitive and also works on arrays, the filter `contains` is a case-sensitive substring.
 */
import type { Step } from "./locator.ts";
import { isEmptyValue, looseEquals, toText } from "./values.ts";

export type Operator = (value: unknown, operand: unknown) => boolean;

/** Both sides through `parseFloat`; NaN on either side ⇒ false. */
function numeric(compare: (a: number, b: number) => boolean): Operator {
  return (value, operand) => {
    const a = parseFloat(value as string);
    const b = parseFloat(operand as string);
    return Number.isNaN(a) || Number.isNaN(b) ? false : compare(a, b);
  };
}

const includesIgnoringCase = (value: unknown, operand: unknown): boolean =>
  toText(value).toLowerCase().includes(operand === undefined || operand === null ? String(operand) : toText(operand).toLowerCase());

const lt = numeric((a, b) => a < b);
const lte = numeric((a, b) => a <= b);
const gt = numeric((a, b) => a > b);
const gte = numeric((a, b) => a >= b);

/** `$eval` operators. Unknown operators make `$eval` true. */
export const EVAL_OPERATORS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ["is", (value, operand) => looseEquals(value, operand)],
  ["isNot", (value, operand) => !looseEquals(value, operand)],
  ["isEmpty", (value) => isEmptyValue(value)],
  ["isNotEmpty", (value) => !isEmptyValue(value)],
  // Falsy value ⇒ contains is false and doesNotContain is true.
  ["contains", (value, operand) => (value ? (Array.isArray(value) ? value.includes(operand) : includesIgnoringCase(value, operand)) : false)],
  ["doesNotContain", (value, operand) => (value ? (Array.isArray(value) ? !value.includes(operand) : !includesIgnoringCase(value, operand)) : true)],
  ["oneOf", (value, operand) => Array.isArray(operand) && operand.includes(value)],
  ["noneOf", (value, operand) => !Array.isArray(operand) || !operand.includes(value)],
  ["gt", gt],
  ["gte", gte],
  ["lt", lt],
  ["lte", lte],
]);

/** Operators of `$case` filter conditions (`{field, operator, value}`). Unknown ones are skipped. */
export const FILTER_OPERATORS: ReadonlyMap<string, Operator> = new Map<string, Operator>([
  ["is", (value, operand) => looseEquals(value, operand)],
  ["is_not", (value, operand) => !looseEquals(value, operand)],
  ["is_one_of", (value, operand) => Array.isArray(operand) && operand.includes(value)],
  ["is_not_one_of", (value, operand) => !Array.isArray(operand) || !operand.includes(value)],
  ["is_true", (value) => Boolean(value)],
  ["is_false", (value) => value === false],
  // Case-sensitive; a falsy value neither contains nor "does not contain" anything (reference behaviour).
  ["contains", (value, operand) => (value ? toText(value).includes(toText(operand)) : false)],
  ["does_not_contain", (value, operand) => (value ? !toText(value).includes(toText(operand)) : false)],
  ["array_includes", (value, operand) => Array.isArray(value) && value.includes(operand)],
  ["array_does_not_include", (value, operand) => !Array.isArray(value) || !value.includes(operand)],
  ["less_than", lt],
  ["less_than_or_equal", lte],
  ["more_than", gt],
  ["more_than_or_equal", gte],
  ["is_not_empty", (value) => !isEmptyValue(value)],
  ["is_empty", (value) => isEmptyValue(value)],
]);

/**
 * The values a filter `field` points at. A property step on an array fans out over its items
 * (`contacts.email` on a list of contacts yields every email); null/undefined are left out.
 */
export function filterFieldValues(data: unknown, steps: readonly Step[]): unknown[] {
  const out: unknown[] = [];
  collectFieldValues(data, steps, 0, out);
  return out;
}

function collectFieldValues(data: unknown, steps: readonly Step[], from: number, out: unknown[]): void {
  let value = data;
  for (let i = from; i < steps.length; i++) {
    if (value === null || value === undefined) return;
    const step = steps[i] as Step;
    if (typeof step === "number") {
      if (!Array.isArray(value)) return;
      value = value[step];
    } else if (Array.isArray(value)) {
      for (const item of value) collectFieldValues(item, steps, i, out);
      return;
    } else {
      value = typeof value === "object" && Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    }
  }
  if (value !== null && value !== undefined) out.push(value);
}
