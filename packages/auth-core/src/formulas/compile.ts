/**
 * Compiles a mapping into nodes, once, and evaluates it many times (makeApiClient mappings run on
 * every request). Semantics follow the reference engine (SDK-M `buildValue`):
 * - a formula is a plain object whose first key is `$` + a known formula name;
 * - arrays and objects are evaluated entry by entry; entries that evaluate to undefined are
 *   dropped, and a container whose entries all became undefined is itself undefined (literal
 *   `{}` / `[]` stay);
 * - `$copy` is resolved in a post-pass over the built output.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { compileFirstNotEmpty, compileIterate, compileMergeObjects } from "./collections.ts";
import { applyCopies, compileCopy } from "./copy.ts";
import { formulaNameOf, type FormulaName } from "./detect.ts";
import { compileJsonata } from "./jsonata.ts";
import { compileAnd, compileCase, compileEval, compileMap, compileOr } from "./logic.ts";
import { compileFirstName, compileLastName } from "./names.ts";
import { constNode, makeNode, run, type FormulaCompiler, type Node, type Vars } from "./node.ts";
import { compileFormula, compilePlain, compileVar } from "./references.ts";
import { compileConcat, compileDomainFromEmail, compileExtractDate, compileExtractTime, compileTpl } from "./text.ts";
import { compileUnsupported } from "./unsupported.ts";
import { isPlainObject, setOwn } from "./values.ts";

export interface CompiledMapping {
  /** true when the mapping contains $jsonata (jsonata 2 evaluates asynchronously). */
  readonly isAsync: boolean;
  /** Sync evaluation; throws PlugboardError(ErrorKey.FORMULA_ERROR) if isAsync. */
  evaluateSync(variables: Record<string, unknown>): unknown;
  evaluate(variables: Record<string, unknown>): Promise<unknown>;
}

const COMPILERS: Record<FormulaName, FormulaCompiler> = {
  var: compileVar,
  copy: compileCopy,
  tpl: compileTpl,
  plain: compilePlain,
  map: compileMap,
  concat: compileConcat,
  firstName: compileFirstName,
  lastName: compileLastName,
  iterate: compileIterate,
  case: compileCase,
  extractDate: compileExtractDate,
  extractTime: compileExtractTime,
  eval: compileEval,
  and: compileAnd,
  or: compileOr,
  mergeObjects: compileMergeObjects,
  firstNotEmpty: compileFirstNotEmpty,
  domainFromEmail: compileDomainFromEmail,
  formula: compileFormula,
  jsonata: compileJsonata,
  record: compileUnsupported("record"),
  lookup: compileUnsupported("lookup"),
  findExternalRecordId: compileUnsupported("findExternalRecordId"),
  findAppRecordId: compileUnsupported("findAppRecordId"),
  dataSchemaRef: compileUnsupported("dataSchemaRef"),
};

/** Compiles any mapping value into a node. */
export function compileNode(value: unknown): Node {
  const name = formulaNameOf(value);
  if (name !== undefined) {
    const formula = value as Record<string, unknown>;
    return COMPILERS[name](formula[`$${name}`], formula, compileNode);
  }
  if (Array.isArray(value)) return compileArray(value);
  if (isPlainObject(value)) return compileObject(value);
  return constNode(value);
}

function compileArray(value: unknown[]): Node {
  if (value.length === 0) return constNode([]);
  const items = value.map(compileNode);
  if (items.every((item) => item.constant)) {
    const kept = items.map((item) => (item.constant as { value: unknown }).value).filter((item) => item !== undefined);
    return constNode(kept.length > 0 ? kept : undefined);
  }
  const syncs = items.map((item) => item.sync);
  return makeNode({
    children: items,
    sync: (vars) => {
      const out: unknown[] = [];
      for (let i = 0; i < syncs.length; i++) {
        const item = (syncs[i] as (vars: Vars) => unknown)(vars);
        if (item !== undefined) out.push(item);
      }
      return out.length > 0 ? out : undefined;
    },
    async: async (vars) => {
      const out: unknown[] = [];
      for (const node of items) {
        const item = await run(node, vars);
        if (item !== undefined) out.push(item);
      }
      return out.length > 0 ? out : undefined;
    },
  });
}

function compileObject(value: Record<string, unknown>): Node {
  const keys = Object.keys(value);
  if (keys.length === 0) return constNode({});
  const entries = keys.map((key) => compileNode(value[key]));
  if (entries.every((entry) => entry.constant)) {
    const out: Record<string, unknown> = {};
    let any = false;
    keys.forEach((key, i) => {
      const item = (entries[i]?.constant as { value: unknown }).value;
      if (item !== undefined) {
        setOwn(out, key, item);
        any = true;
      }
    });
    return constNode(any ? out : undefined);
  }
  const syncs = entries.map((entry) => entry.sync);
  const assign = keys.includes("__proto__") ? setOwn : (target: Record<string, unknown>, key: string, item: unknown) => void (target[key] = item);
  return makeNode({
    children: entries,
    sync: (vars) => {
      const out: Record<string, unknown> = {};
      let any = false;
      for (let i = 0; i < syncs.length; i++) {
        const item = (syncs[i] as (vars: Vars) => unknown)(vars);
        if (item !== undefined) {
          assign(out, keys[i] as string, item);
          any = true;
        }
      }
      return any ? out : undefined;
    },
    async: async (vars) => {
      const out: Record<string, unknown> = {};
      let any = false;
      for (let i = 0; i < entries.length; i++) {
        const item = await run(entries[i] as Node, vars);
        if (item !== undefined) {
          assign(out, keys[i] as string, item);
          any = true;
        }
      }
      return any ? out : undefined;
    },
  });
}

function toCompiledMapping(root: Node): CompiledMapping {
  const { isAsync, hasCopy } = root;
  const sync = root.sync;
  const evaluateSync = (variables: Record<string, unknown>): unknown => {
    if (isAsync) {
      throw new PlugboardError(ErrorKey.FORMULA_ERROR, {
        message: "This mapping uses $jsonata, which evaluates asynchronously: call evaluate() instead of evaluateSync().",
      });
    }
    const output = sync(variables);
    return hasCopy ? applyCopies(output) : output;
  };
  const evaluate = async (variables: Record<string, unknown>): Promise<unknown> => {
    if (!isAsync) return evaluateSync(variables);
    const output = await root.async(variables);
    return hasCopy ? applyCopies(output) : output;
  };
  return Object.freeze({ isAsync, evaluateSync, evaluate });
}

const cache = new WeakMap<object, CompiledMapping>();

/**
 * Compiles a mapping (any JSON-like value with formulas). Objects and arrays are cached by
 * identity, so compiling the same mapping object again is free — do not mutate a mapping after
 * compiling it.
 */
export function compileMapping(mapping: unknown): CompiledMapping {
  if (typeof mapping !== "object" || mapping === null) return toCompiledMapping(compileNode(mapping));
  let compiled = cache.get(mapping);
  if (!compiled) {
    compiled = toCompiledMapping(compileNode(mapping));
    cache.set(mapping, compiled);
  }
  return compiled;
}

/** Compiles (cached) and evaluates a mapping. */
export function evaluateMapping(mapping: unknown, variables: Record<string, unknown>): Promise<unknown> {
  return compileMapping(mapping).evaluate(variables);
}
