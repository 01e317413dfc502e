/** Logic formulas: `$eval`, `$and`, `$or`, `$case`, `$map`. */
import { formulaNameOf } from "./detect.ts";
import { parseLocator, type Step } from "./locator.ts";
import { constNode, makeNode, run, strictNode, strictNode2, UNDEFINED_NODE, type CompileFn, type FormulaCompiler, type Node, type Vars } from "./node.ts";
import { EVAL_OPERATORS, FILTER_OPERATORS, filterFieldValues, type Operator } from "./operators.ts";
import { deepEqual, isPlainObject, looseEquals } from "./values.ts";

/**
 * `{$eval: value, <operator>: operand}`: the operator is the object's SECOND key. Both sides are
 * evaluated. An unknown (or missing) operator makes the result `true`.
 */
export const compileEval: FormulaCompiler = (arg, formula, compile) => {
  const operatorKey = Object.keys(formula)[1];
  const operator = operatorKey === undefined ? undefined : EVAL_OPERATORS.get(operatorKey);
  if (!operator) return constNode(true);
  return strictNode2(compile(arg), compile(formula[operatorKey as string]), operator);
};

/** `$and: [...]`: when some item is non-null, whether every non-null item is truthy; else undefined. */
export function andValues(values: unknown): boolean | undefined {
  if (!Array.isArray(values)) return undefined;
  let present = false;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!value) return false;
    present = true;
  }
  return present ? true : undefined;
}

/** `$or: [...]`: when some item is non-null, whether some item is truthy; else undefined. */
export function orValues(values: unknown): boolean | undefined {
  if (!Array.isArray(values)) return undefined;
  let present = false;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (value) return true;
    present = true;
  }
  return present ? false : undefined;
}

export const compileAnd: FormulaCompiler = (arg, _formula, compile) => logicNode(arg, compile, andValues, false);
export const compileOr: FormulaCompiler = (arg, _formula, compile) => logicNode(arg, compile, orValues, true);

/** Over a literal array, stops at the first item that decides the result (`stopOn` truthiness). */
function logicNode(arg: unknown, compile: CompileFn, combine: (values: unknown) => boolean | undefined, stopOn: boolean): Node {
  if (!Array.isArray(arg)) return strictNode(compile(arg), combine);
  const items = arg.map(compile);
  if (items.every((item) => item.constant)) return constNode(combine(items.map((item) => (item.constant as { value: unknown }).value)));
  return makeNode({
    children: items,
    sync: (vars) => {
      let present = false;
      for (const item of items) {
        const value = item.sync(vars);
        if (value === null || value === undefined) continue;
        if (Boolean(value) === stopOn) return stopOn;
        present = true;
      }
      return present ? !stopOn : undefined;
    },
    async: async (vars) => {
      const values: unknown[] = [];
      for (const item of items) values.push(await run(item, vars));
      return combine(values);
    },
  });
}

interface CompiledCase {
  /** undefined ⇒ always matches. */
  readonly filter?: CompiledFilter;
  readonly value: Node;
}

interface CompiledFilter {
  readonly sync: (vars: Vars) => boolean;
  readonly async: (vars: Vars) => Promise<boolean>;
  readonly isAsync: boolean;
  /** The compiled formula, for the formula form of a filter. */
  readonly node?: Node;
}

/**
 * `$case: {cases: [{filter?, value}], default?}` or `$case: [cases]`: the value of the first case
 * whose filter matches. A case without a (truthy) filter matches. No match ⇒ `default`
 * (null/undefined ⇒ undefined).
 */
export const compileCase: FormulaCompiler = (arg, _formula, compile) => {
  let rawCases: unknown[];
  let rawDefault: unknown;
  if (Array.isArray(arg)) rawCases = arg;
  else if (isPlainObject(arg) && Array.isArray(arg.cases)) {
    rawCases = arg.cases;
    rawDefault = arg.default;
  } else return UNDEFINED_NODE;

  const cases: CompiledCase[] = [];
  for (const item of rawCases) {
    if (!isPlainObject(item)) continue;
    // The reference engine tests `if (item.filter)`: a falsy filter literal counts as no filter.
    const filter = item.filter ? compileFilter(item.filter, compile) : undefined;
    cases.push({ filter, value: compile(item.value) });
    if (!filter) break; // later cases can never be reached
  }
  const fallback = compile(rawDefault);
  const children = [fallback, ...cases.flatMap((c) => [c.value, ...(c.filter?.node ? [c.filter.node] : [])])];
  const isAsync = children.some((child) => child.isAsync) || cases.some((c) => c.filter?.isAsync);

  return makeNode({
    children,
    isAsync,
    sync: (vars) => {
      for (const c of cases) {
        if (!c.filter || c.filter.sync(vars)) return c.value.sync(vars);
      }
      return fallback.sync(vars) ?? undefined;
    },
    async: async (vars) => {
      for (const c of cases) {
        if (!c.filter || (await c.filter.async(vars))) return run(c.value, vars);
      }
      return (await run(fallback, vars)) ?? undefined;
    },
  });
};

interface CompiledCondition {
  readonly steps: readonly Step[] | null;
  readonly operator: Operator;
  readonly operand: Node;
}

/**
 * A filter is either an array of `{field, operator, value}` conditions (all must hold; `field` is
 * a locator into the variables; unknown operators are skipped) or any other value, evaluated as a
 * formula: a truthy result matches, and so does null/undefined.
 */
function compileFilter(filter: unknown, compile: CompileFn): CompiledFilter {
  if (!Array.isArray(filter)) {
    const node = compile(filter);
    return {
      node,
      isAsync: node.isAsync,
      sync: (vars) => Boolean(node.sync(vars) ?? true),
      async: async (vars) => Boolean((await run(node, vars)) ?? true),
    };
  }
  const conditions: CompiledCondition[] = [];
  for (const condition of filter) {
    if (!isPlainObject(condition) || typeof condition.operator !== "string") continue;
    const operator = FILTER_OPERATORS.get(condition.operator);
    if (!operator) continue;
    conditions.push({ steps: parseLocator(condition.field), operator, operand: compile(condition.value) });
  }
  const holds = (c: CompiledCondition, vars: Vars, operand: unknown): boolean => {
    const values = c.steps === null ? [] : filterFieldValues(vars, c.steps);
    if (values.length === 0) return c.operator(undefined, operand);
    return values.some((value) => c.operator(value, operand));
  };
  const isAsync = conditions.some((c) => c.operand.isAsync);
  return {
    isAsync,
    sync: (vars) => conditions.every((c) => holds(c, vars, c.operand.sync(vars))),
    async: async (vars) => {
      for (const c of conditions) if (!holds(c, vars, await run(c.operand, vars))) return false;
      return true;
    },
  };
}

/**
 * `$map: {value, mapping: [{from, to}], default?}`: the `to` of the first `from` that is deep-equal
 * or loosely equal (`==`) to `value`; else `default`.
 */
export const compileMap: FormulaCompiler = (arg, _formula, compile) => {
  if (!isPlainObject(arg) || formulaNameOf(arg) !== undefined) return UNDEFINED_NODE;
  const value = compile(arg.value);
  const entries = (Array.isArray(arg.mapping) ? arg.mapping : []).filter(isPlainObject).map((item) => ({ from: compile(item.from), to: compile(item.to) }));
  const fallback = compile(arg.default);
  const matches = (a: unknown, b: unknown): boolean => deepEqual(a, b) || looseEquals(a, b);
  return makeNode({
    children: [value, fallback, ...entries.flatMap((entry) => [entry.from, entry.to])],
    sync: (vars) => {
      const actual = value.sync(vars);
      for (const entry of entries) if (matches(actual, entry.from.sync(vars))) return entry.to.sync(vars);
      return fallback.sync(vars);
    },
    async: async (vars) => {
      const actual = await run(value, vars);
      for (const entry of entries) if (matches(actual, await run(entry.from, vars))) return run(entry.to, vars);
      return run(fallback, vars);
    },
  });
};
