import { buildValue } from "@membranehq/sdk";
import { compileMapping } from "@plugboard/auth-core";
import { mappingCases } from "./suites/formulas.ts";
export async function main() {
  const cases = mappingCases();
  const clones = cases.map((c) => ({ ...c, mapping: structuredClone(c.mapping) }));
  for (let round = 0; round < 3; round++) {
    for (const [name, set] of [["orig", cases], ["clone", clones]] as const) {
      let t = performance.now();
      for (let i = 0; i < 300; i++) for (const c of set) buildValue(c.mapping, c.variables);
      const bv = (performance.now() - t) / 300;
      t = performance.now();
      for (let i = 0; i < 300; i++) for (const c of set) compileMapping(c.mapping).evaluateSync(c.variables);
      const pb = (performance.now() - t) / 300;
      console.log(name, "buildValue µs", (bv * 1000).toFixed(1), "plugboard µs", (pb * 1000).toFixed(1));
    }
  }
  for (const c of cases) { let t = performance.now(); for (let i = 0; i < 300; i++) buildValue(c.mapping, c.variables); console.log(c.id, ((performance.now() - t) / 300 * 1000).toFixed(1)); }
  console.log(Object.getPrototypeOf(cases[0]!.mapping) === Object.prototype, Object.isFrozen(cases[0]!.mapping));
  return 0;
}
