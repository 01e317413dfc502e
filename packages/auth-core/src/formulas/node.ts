/**
 * The compiled form of a mapping: a tree of nodes, each holding ready-to-call closures.
 * Everything that can be decided from the mapping alone (formula dispatch, locator parsing,
 * operator lookup, constant subtrees) is decided once, at compile time.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { cloneValue, isContainer } from "./values.ts";

export type Vars = Record<string, unknown>;

export interface Node {
  /** Evaluates synchronously. Only valid when `isAsync` is false (async nodes throw). */
  readonly sync: (vars: Vars) => unknown;
  /** Evaluates asynchronously; works for every node. */
  readonly async: (vars: Vars) => Promise<unknown>;
  /** True when the subtree contains `$jsonata` (jsonata 2 evaluates asynchronously). */
  readonly isAsync: boolean;
  /** True when the subtree can produce `$copy` markers (the output then needs the copy pass). */
  readonly hasCopy: boolean;
  /** Set when the subtree contains no formula: the folded value. Never hand it out uncloned. */
  readonly constant?: { readonly value: unknown };
}

/** Compiles any mapping value into a node; passed to each formula family to compile arguments. */
export type CompileFn = (value: unknown) => Node;

/** Compiles one formula: `arg` is the value under the formula key, `formula` the whole object. */
export type FormulaCompiler = (arg: unknown, formula: Record<string, unknown>, compile: CompileFn) => Node;

/** Evaluates a child inside an async evaluator without wrapping sync children in promises. */
export function run(node: Node, vars: Vars): unknown {
  return node.isAsync ? node.async(vars) : node.sync(vars);
}

function asyncFromSync(sync: (vars: Vars) => unknown): (vars: Vars) => Promise<unknown> {
  return (vars) => {
    try {
      return Promise.resolve(sync(vars));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function throwAsyncOnly(): never {
  throw new PlugboardError(ErrorKey.FORMULA_ERROR, {
    message: "This mapping uses $jsonata, which evaluates asynchronously: call evaluate() instead of evaluateSync().",
  });
}

export interface NodeParts {
  sync: (vars: Vars) => unknown;
  /** Needed only when some child is async (or the node itself is). */
  async?: (vars: Vars) => Promise<unknown>;
  children?: readonly Node[];
  isAsync?: boolean;
  hasCopy?: boolean;
}

/** Builds a node, deriving async-ness and copy-ness from its children. */
export function makeNode(parts: NodeParts): Node {
  const children = parts.children ?? [];
  const isAsync = parts.isAsync ?? children.some((child) => child.isAsync);
  const hasCopy = parts.hasCopy ?? children.some((child) => child.hasCopy);
  if (isAsync && !parts.async) throw new Error("internal: async node without an async evaluator");
  return {
    sync: isAsync ? throwAsyncOnly : parts.sync,
    async: isAsync && parts.async ? parts.async : asyncFromSync(parts.sync),
    isAsync,
    hasCopy,
  };
}

/** A node that always yields `value` (objects and arrays are cloned, so callers may mutate). */
export function constNode(value: unknown): Node {
  const sync = isContainer(value) ? () => cloneValue(value) : () => value;
  return { sync, async: asyncFromSync(sync), isAsync: false, hasCopy: false, constant: { value } };
}

export const UNDEFINED_NODE = constNode(undefined);

/**
 * A formula whose result depends only on its argument's value. Folded at compile time when the
 * argument is constant.
 */
export function strictNode(arg: Node, fn: (value: unknown) => unknown): Node {
  if (arg.constant) return constNode(fn(arg.constant.value));
  const argSync = arg.sync;
  return makeNode({
    children: [arg],
    sync: (vars) => fn(argSync(vars)),
    async: async (vars) => fn(await run(arg, vars)),
  });
}

/** Like `strictNode`, for formulas with two independent arguments. */
export function strictNode2(a: Node, b: Node, fn: (a: unknown, b: unknown) => unknown): Node {
  if (a.constant && b.constant) return constNode(fn(a.constant.value, b.constant.value));
  const aSync = a.sync;
  const bSync = b.sync;
  return makeNode({
    children: [a, b],
    sync: (vars) => fn(aSync(vars), bSync(vars)),
    async: async (vars) => fn(await run(a, vars), await run(b, vars)),
  });
}
