/** Collection formulas: `$iterate`, `$mergeObjects`, `$firstNotEmpty`. */
import { formulaNameOf } from "./detect.ts";
import { constNode, makeNode, run, strictNode, UNDEFINED_NODE, type FormulaCompiler, type Vars } from "./node.ts";
import { isPlainObject } from "./values.ts";

/**
 * `$iterate: {source, item}`: maps the source array. `item` is evaluated once per element with
 * the outer variables plus `item` (the element), `index` and `parent` (the outer variables).
 * Falsy results are dropped; undefined when nothing is left (or the source is not an array).
 */
export const compileIterate: FormulaCompiler = (arg, _formula, compile) => {
  if (!isPlainObject(arg) || formulaNameOf(arg) !== undefined) return UNDEFINED_NODE;
  const source = compile(arg.source);
  const item = compile(arg.item);
  const scope = (vars: Vars, element: unknown, index: number): Vars => ({ ...vars, item: element, parent: vars, index });
  return makeNode({
    children: [source, item],
    sync: (vars) => {
      const elements = source.sync(vars);
      if (!Array.isArray(elements)) return undefined;
      const out: unknown[] = [];
      for (let index = 0; index < elements.length; index++) {
        const result = item.sync(scope(vars, elements[index], index));
        if (result) out.push(result);
      }
      return out.length > 0 ? out : undefined;
    },
    async: async (vars) => {
      const elements = await run(source, vars);
      if (!Array.isArray(elements)) return undefined;
      const out: unknown[] = [];
      for (let index = 0; index < elements.length; index++) {
        const result = await run(item, scope(vars, elements[index], index));
        if (result) out.push(result);
      }
      return out.length > 0 ? out : undefined;
    },
  });
};

/** `$mergeObjects: [a, b, …]`: shallow merge left to right; undefined when the result is empty. */
export const compileMergeObjects: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (objects) => {
    if (!Array.isArray(objects)) return undefined;
    const out: Record<string, unknown> = {};
    for (const object of objects) if (object && typeof object === "object") Object.assign(out, object);
    return Object.keys(out).length > 0 ? out : undefined;
  });

/** `$firstNotEmpty: [a, b, …]`: the first item that is not null/undefined ('' counts as present). */
export const compileFirstNotEmpty: FormulaCompiler = (arg, _formula, compile) => {
  const first = (values: unknown): unknown => {
    if (!Array.isArray(values)) return undefined;
    for (const value of values) if (value !== undefined && value !== null) return value;
    return undefined;
  };
  if (!Array.isArray(arg)) return strictNode(compile(arg), first);
  const items = arg.map(compile);
  if (items.every((item) => item.constant)) return constNode(first(items.map((item) => (item.constant as { value: unknown }).value)));
  // Over a literal array, later items are not evaluated once one is found.
  return makeNode({
    children: items,
    sync: (vars) => {
      for (const item of items) {
        const value = item.sync(vars);
        if (value !== undefined && value !== null) return value;
      }
      return undefined;
    },
    async: async (vars) => {
      for (const item of items) {
        const value = await run(item, vars);
        if (value !== undefined && value !== null) return value;
      }
      return undefined;
    },
  });
};
