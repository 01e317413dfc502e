/** Formulas that need a data store (records, data links, data schemas): refused in auth methods. */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { makeNode, type FormulaCompiler } from "./node.ts";

export function unsupportedFormulaMessage(name: string): string {
  return `$${name} is not supported in connector auth methods: it needs a data store (records, data links or data schemas), which is not available in auth methods.`;
}

/** Compiles fine (so the rest of a mapping can still be inspected); throws when evaluated. */
export function compileUnsupported(name: string): FormulaCompiler {
  return () => {
    const fail = (): never => {
      throw new PlugboardError(ErrorKey.UNSUPPORTED_FORMULA, { message: unsupportedFormulaMessage(name), data: { formula: `$${name}` } });
    };
    return makeNode({ sync: fail });
  };
}
