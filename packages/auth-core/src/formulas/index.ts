/** The connector formula language, compiled once into closures. */
export { compileMapping, evaluateMapping } from "./compile.ts";
export type { CompiledMapping } from "./compile.ts";
export { checkMapping } from "./check.ts";
export { isFormula } from "./detect.ts";
export { getByLocator } from "./locator.ts";
