/** Shared by the formula tests (not exported from the package). */
import { compileMapping } from "./compile.ts";

/** Compiles and evaluates synchronously. */
export function build(mapping: unknown, variables: Record<string, unknown> = {}): unknown {
  return compileMapping(mapping).evaluateSync(variables);
}
