/**
 * `$jsonata: "expression"`: evaluated by the `jsonata` package against the variables. The package
 * is loaded with a dynamic `import()` the first time a `$jsonata` is evaluated, never before, so
 * mappings without it cost nothing. jsonata 2 evaluates asynchronously, hence `isAsync`.
 * Any error (syntax or evaluation) gives undefined.
 */
import type jsonataFn from "jsonata";
import { makeNode, run, type FormulaCompiler, type Node } from "./node.ts";

type Expression = ReturnType<typeof jsonataFn>;
type Jsonata = typeof jsonataFn;

let jsonataPromise: Promise<Jsonata> | undefined;
let loaded = false;

/** Whether the `jsonata` package has been imported (it is only when a `$jsonata` is evaluated). */
export function isJsonataLoaded(): boolean {
  return loaded;
}

function loadJsonata(): Promise<Jsonata> {
  jsonataPromise ??= import("jsonata").then((module) => {
    loaded = true;
    // A CommonJS package: the function is the default export (or the namespace, depending on the loader).
    return ((module as { default?: Jsonata }).default ?? (module as unknown as Jsonata)) as Jsonata;
  });
  return jsonataPromise;
}

/** Compiled expressions by source text; `null` remembers a syntax error. */
const expressions = new Map<string, Expression | null>();
const MAX_CACHED_EXPRESSIONS = 500;

async function getExpression(source: string): Promise<Expression | null> {
  const cached = expressions.get(source);
  if (cached !== undefined) return cached;
  const jsonata = await loadJsonata();
  let expression: Expression | null;
  try {
    expression = jsonata(source);
  } catch {
    expression = null;
  }
  // Bounded: dynamic expressions (built by other formulas) must not grow the cache forever.
  if (expressions.size >= MAX_CACHED_EXPRESSIONS) expressions.clear();
  expressions.set(source, expression);
  return expression;
}

async function evaluateJsonata(source: unknown, variables: Record<string, unknown>): Promise<unknown> {
  if (typeof source !== "string" || source === "") return undefined;
  try {
    const expression = await getExpression(source);
    return expression === null ? undefined : await expression.evaluate(variables);
  } catch {
    return undefined;
  }
}

export const compileJsonata: FormulaCompiler = (arg, _formula, compile): Node => {
  const source = compile(arg);
  return makeNode({
    children: [source],
    isAsync: true,
    sync: () => undefined,
    async: async (vars) => evaluateJsonata(await run(source, vars), vars),
  });
};
