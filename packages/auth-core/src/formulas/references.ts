/** `$var` (read a variable), `$plain` (verbatim) and `$formula` (a formula returned as data). */
import { formulaNameOf } from "./detect.ts";
import { makeGetter, parseLocator } from "./locator.ts";
import { constNode, makeNode, run, strictNode, type FormulaCompiler, type Node, type Vars } from "./node.ts";
import { cloneValue, isPlainObject, setOwn } from "./values.ts";

/** Reads a locator string; the steps are parsed now, not per evaluation. */
export function varNode(locator: string): Node {
  const steps = parseLocator(locator);
  if (steps === null) return constNode(null);
  const get = makeGetter(steps);
  return makeNode({ sync: get });
}

/**
 * `$var: "locator"`. Invalid locator ⇒ null, missing ⇒ undefined. A formula as the argument is
 * evaluated first and its result used as the locator (parsed per evaluation).
 */
export const compileVar: FormulaCompiler = (arg, _formula, compile) => {
  if (typeof arg === "string") return varNode(arg);
  if (formulaNameOf(arg) === undefined) return constNode(null);
  const locator = compile(arg);
  return makeNodeForDynamicVar(locator);
};

function makeNodeForDynamicVar(locator: Node): Node {
  const read = (value: unknown, vars: Vars): unknown => {
    const steps = parseLocator(value);
    return steps === null ? null : makeGetter(steps)(vars);
  };
  return makeNode({
    children: [locator],
    sync: (vars) => read(locator.sync(vars), vars),
    async: async (vars) => read(await run(locator, vars), vars),
  });
}

/** `$plain: anything`: returned verbatim (a fresh copy), inner formulas not evaluated. */
export const compilePlain: FormulaCompiler = (arg) => constNode(arg);

/**
 * `$formula: <structure>`: returns the structure as data, with every `$var` inside replaced by its
 * value (a `$var` whose value is missing removes its key / array item). Other formulas stay
 * formulas. Not substituted: the contents of `$plain`, and everything of `$iterate` except
 * `source` (its `item` refers to per-item variables that do not exist here).
 */
export const compileFormula: FormulaCompiler = (arg) => substitution(arg);

function substitution(value: unknown): Node {
  const name = formulaNameOf(value);
  if (name === "var") return compileVar((value as Record<string, unknown>).$var, value as Record<string, unknown>, substitution);
  if (name === "plain") return constNode(value);
  if (Array.isArray(value)) {
    const items = value.map(substitution);
    if (items.every((item) => item.constant)) {
      return constNode(items.map((item) => (item.constant as { value: unknown }).value).filter((item) => item !== undefined));
    }
    return makeNode({
      children: items,
      sync: (vars) => {
        const out: unknown[] = [];
        for (const item of items) {
          const v = item.sync(vars);
          if (v !== undefined) out.push(v);
        }
        return out;
      },
    });
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const entries = keys.map((key) => {
      // In $iterate only `source` reads the outer variables.
      const substitute = name === "iterate" && key === "$iterate" ? substituteIterate : substitution;
      return substitute(value[key]);
    });
    if (entries.every((entry) => entry.constant)) {
      const out: Record<string, unknown> = {};
      keys.forEach((key, i) => {
        const item = (entries[i]?.constant as { value: unknown }).value;
        if (item !== undefined) setOwn(out, key, item);
      });
      return constNode(out);
    }
    return makeNode({
      children: entries,
      sync: (vars) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const v = (entries[i] as Node).sync(vars);
          if (v !== undefined) setOwn(out, keys[i] as string, v);
        }
        return out;
      },
    });
  }
  return constNode(value);
}

function substituteIterate(args: unknown): Node {
  if (!isPlainObject(args) || !("source" in args)) return constNode(args);
  return strictNode(substitution(args.source), (value) => {
    const out = cloneValue(args);
    if (value === undefined) delete out.source;
    else out.source = value;
    return out;
  });
}
